import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../electron/sandbox/create-sandbox.js';
import { parseReplay } from '../../../electron/sandbox/replay.js';
import { FakeClock } from './fake-clock.js';
import { auth, client, closeAll, getJson, open } from './helpers.js';

afterEach(closeAll);

const SAMPLE = fileURLToPath(new URL('../../../resources/replays/sample.jsonl', import.meta.url));
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>';

function tmpFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sandbox-replay-')), 'r.jsonl');
  writeFileSync(file, content);
  return file;
}

describe('replay files', () => {
  it('publishes in file order, paced by created_at gaps / speed, html verbatim', async () => {
    const clock = new FakeClock();
    const sb = await open({ replay: SAMPLE, clock, speed: 2 });
    expect(sb.statusCount()).toBe(1); // the first line at once
    clock.advance(2_000); // 4 s of replay time at speed 2 → lines at +0 and +4 s
    expect(sb.statusCount()).toBe(2);
    clock.advance(13_000); // replay time 30 s: everything
    expect(sb.statusCount()).toBe(10);
    const all = [];
    for await (const page of client(sb, null).v1.timelines.public.list({ limit: 40 })) all.push(...page);
    all.reverse();
    expect(all.map((s) => s.account.acct)).toEqual([
      'maya_r',
      'priya_k',
      'marcus_wren',
      'lena_h@mastodon.example.de',
      'mallory@evil.example',
      'camille_d',
      'tomasz',
      'lucia_m',
      'sam_runs',
      'priya_k',
    ]);
    const hostile = all[4]!;
    expect(hostile.content).toContain(HOSTILE);
    expect(hostile.content.startsWith('<p>Free Bird Points here <script>')).toBe(true);
    expect(all[6]!.content).toBe('<p>Broken <b>markup <i>from a weird server</p><div><p>unclosed #kettlebird');
    expect(all[2]!.inReplyToId).toBe(all[1]!.id);
    expect(all[9]!.inReplyToId).toBe(all[1]!.id);
    expect(all[3]!.language).toBe('de');
    // Replay-only: no scenario traffic, but the brand's mentions still arrive.
    const notes = (await getJson(sb, '/api/v1/notifications', { headers: auth(sb) })).body;
    expect(notes.map((n: { status: { id: string } }) => n.status.id)).toEqual([all[9]!.id, all[1]!.id]);
    expect((await getJson(sb, '/_sandbox/state')).body).toMatchObject({ traffic: false, replay: { total: 15, published: 10 } });

    // The rest carry a content warning, sensitive media, a poll, a boost and custom emoji.
    clock.advance(8_000);
    expect((await getJson(sb, '/_sandbox/state')).body).toMatchObject({ replay: { total: 15, published: 15 } });
    const tag = (await getJson(sb, '/api/v1/timelines/tag/kettlebird?limit=5')).body;
    const byAuthor = (acct: string) => tag.find((s: { account: { acct: string } }) => s.account.acct === acct);
    expect(byAuthor('rhi_reviews@screen.example')).toMatchObject({ spoiler_text: 'Spoiler: season finale', sensitive: true });
    expect(byAuthor('jo_bakes').poll).toMatchObject({ options: [{ title: 'Maple Flat White', votes_count: 41 }, { title: 'Oat Cortado', votes_count: 27 }], votes_count: 68, expired: false });
    const boost = byAuthor('chris_o@fosstodon.example');
    expect(boost).toMatchObject({ content: '', reblog: { account: { acct: 'maya_r' }, content: expect.stringContaining('First Nightjar Cold Brew') } });
    expect(byAuthor('noor@qahwa.example')).toMatchObject({ language: 'ar', emojis: [{ shortcode: 'blobcoffee', url: 'https://qahwa.example/emoji/blobcoffee.png' }] });
    const burn = (await getJson(sb, '/api/v1/timelines/tag/kettlebirdapp?limit=1')).body[0];
    expect(burn).toMatchObject({ sensitive: true, spoiler_text: 'burn, photo', media_attachments: [{ type: 'image', description: 'A red burn mark across the back of a hand' }] });
    // The sandbox serves the placeholder image itself (the hub never fetches it).
    const img = await fetch(burn.media_attachments[0].preview_url);
    expect(img.headers.get('content-type')).toBe('image/svg+xml');
    expect(await img.text()).toMatch(/^<svg /);
  });

  it('rejects bad lines with the line number', async () => {
    const good = '{"created_at":"2026-01-01T00:00:00Z","author":"a","text":"x"}';
    const cases: [string, RegExp][] = [
      [`${good}\n${good}\n{not json`, /line 3: invalid JSON/],
      [`${good}\n{"author":"a","text":"x"}`, /line 2: created_at/],
      [`${good}\n\n{"created_at":"yesterday","author":"a","text":"x"}`, /line 3: created_at: created_at must be an ISO 8601/],
      [`{"created_at":"2026-01-01T00:00:00Z","author":"a b","text":"x"}`, /line 1: author/],
      [`${good}\n{"created_at":"2026-01-01T00:00:01Z","author":"a","text":"x","in_reply_to":"zzz"}`, /line 2: in_reply_to "zzz" is not the id of an earlier line/],
      [`{"id":1,"created_at":"2026-01-01T00:00:00Z","author":"a","text":"x"}\n{"id":"1","created_at":"2026-01-01T00:00:00Z","author":"a","text":"y"}`, /line 2: duplicate id "1"/],
    ];
    for (const [text, re] of cases) expect(() => parseReplay(text, 'f.jsonl')).toThrow(re);
    const file = tmpFile(`${good}\n[1,2]\n`);
    await expect(createSandbox({ replay: file, scenario: null })).rejects.toThrow(new RegExp(`replay ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2`));
    await expect(createSandbox({ replay: '/nonexistent/x.jsonl' })).rejects.toThrow(/cannot read/);
  });

  it('out-of-order created_at publishes at once instead of waiting negative time', () => {
    const actions = parseReplay(
      [
        '{"created_at":"2026-01-01T00:00:10Z","author":"a","text":"1"}',
        '{"created_at":"2026-01-01T00:00:05Z","author":"b","text":"2"}',
        '{"created_at":"2026-01-01T00:00:07Z","author":"c","text":"3"}',
      ].join('\n'),
    );
    expect(actions.map((a) => a.at)).toEqual([0, 0, 2000]);
  });
});
