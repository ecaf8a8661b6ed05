import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_MASTODON_VERSION } from '../../../electron/sandbox/routes-api.js';
import { FakeClock } from './fake-clock.js';
import { auth, client, closeAll, getJson, open, postStatus, type Json } from './helpers.js';

/** Issue 9, "The sandbox must serve all of it": each point a real Mastodon does, the sandbox does. */
afterEach(closeAll);

describe('sandbox: faithful to Mastodon', () => {
  it('counts like Mastodon: every link is 23, a remote mention its local part, graphemes not code points, the warning too', async () => {
    const sb = await open();
    const link = `https://example.com/${'a'.repeat(300)}`;
    expect((await postStatus(sb, { status: `${'x'.repeat(476)} ${link}` })).status).toBe(200);
    expect((await postStatus(sb, { status: `${'x'.repeat(477)} ${link}` })).status).toBe(422);
    // "@ana@a-very-long-server-name.example" counts as "@ana".
    expect((await postStatus(sb, { status: `${'y'.repeat(495)} @ana@a-very-long-server-name.example` })).status).toBe(200);
    expect((await postStatus(sb, { status: `${'z'.repeat(480)}${'👨‍👩‍👧‍👦'.repeat(3)}` })).status).toBe(200);
    expect((await postStatus(sb, { status: 'w'.repeat(490), spoiler_text: 'x'.repeat(11) })).body).toEqual({ error: 'Validation failed: Text character limit of 500 exceeded' });
  });

  it('keeps spoiler_text, sensitive and poll on POST (JSON, form-urlencoded and multipart/form-data)', async () => {
    const sb = await open();
    const json = await postStatus(sb, { status: 'the finale', spoiler_text: 'TV spoilers', sensitive: true, poll: { options: ['yes', 'no'], expires_in: 3600 } });
    expect(json.body).toMatchObject({ spoiler_text: 'TV spoilers', sensitive: true, poll: { options: [{ title: 'yes', votes_count: 0 }, { title: 'no', votes_count: 0 }], multiple: false, expired: false } });
    const form = new URLSearchParams([['status', 'form poll'], ['spoiler_text', 'cw'], ['poll[options][]', 'a'], ['poll[options][]', 'b'], ['poll[expires_in]', '300'], ['poll[multiple]', 'true']]);
    const urlenc = await getJson(sb, '/api/v1/statuses', { method: 'POST', headers: { ...auth(sb), 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(urlenc.body).toMatchObject({ spoiler_text: 'cw', sensitive: true, poll: { multiple: true, options: [{ title: 'a' }, { title: 'b' }] } });
    const fd = new FormData();
    for (const [k, v] of form) fd.append(k, v);
    const multipart = await fetch(`${sb.url}/api/v1/statuses`, { method: 'POST', headers: auth(sb), body: fd });
    expect(multipart.status).toBe(200);
    expect(await multipart.json()).toMatchObject({ content: '<p>form poll</p>', poll: { options: [{ title: 'a' }, { title: 'b' }] } });
    // The masto client (what most Node clients use) can post a warning and a poll.
    const s = await client(sb).v1.statuses.create({ status: 'via masto', spoilerText: 'cw', poll: { options: ['1', '2'], expiresIn: 600 } });
    expect(s).toMatchObject({ spoilerText: 'cw', sensitive: true, poll: { options: [{ title: '1' }, { title: '2' }] } });
    // What Mastodon refuses, the sandbox refuses.
    expect((await postStatus(sb, { status: 'p', poll: { options: ['only one'], expires_in: 3600 } })).status).toBe(422);
    expect((await postStatus(sb, { status: 'p', poll: { options: ['a', 'b'], expires_in: 10 } })).status).toBe(422);
    expect((await postStatus(sb, { status: 'p', media_ids: ['1'] })).status).toBe(422);
  });

  it('edits with PUT /api/v1/statuses/:id and lists every version at /history', async () => {
    const sb = await open();
    const s = (await postStatus(sb, { status: 'first words' })).body;
    expect((await getJson(sb, `/api/v1/statuses/${s.id}/history`)).body).toHaveLength(1);
    const put = await getJson(sb, `/api/v1/statuses/${s.id}`, { method: 'PUT', headers: { ...auth(sb), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'second words', spoiler_text: 'now with a warning' }) });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: s.id, content: '<p>second words</p>', spoiler_text: 'now with a warning', edited_at: expect.any(String) });
    const history = (await getJson(sb, `/api/v1/statuses/${s.id}/history`)).body;
    expect(history.map((v: Json) => [v.content, v.spoiler_text])).toEqual([
      ['<p>first words</p>', ''],
      ['<p>second words</p>', 'now with a warning'],
    ]);
    // Someone else's status, or no token: not yours to edit.
    const other = sb.inject({ author: 'ana', text: 'mine' });
    expect((await getJson(sb, `/api/v1/statuses/${other.id}`, { method: 'PUT', headers: { ...auth(sb), 'Content-Type': 'application/json' }, body: '{"status":"x"}' })).status).toBe(404);
    expect((await getJson(sb, `/api/v1/statuses/${s.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"status":"x"}' })).status).toBe(401);
  });

  it('does not search post text for anonymous clients', async () => {
    const sb = await open();
    sb.inject({ author: 'ana', text: 'espresso machine broken' });
    const anon = await getJson(sb, '/api/v2/search?q=espresso&type=statuses');
    expect(anon).toMatchObject({ status: 200, body: { statuses: [] } });
    const signedIn = await getJson(sb, '/api/v2/search?q=espresso&type=statuses', { headers: auth(sb) });
    expect(signedIn.body.statuses).toHaveLength(1);
  });

  it('claims the version whose fields it serves, the same in v1 and v2', async () => {
    const sb = await open();
    const v1 = (await getJson(sb, '/api/v1/instance')).body;
    const v2 = (await getJson(sb, '/api/v2/instance')).body;
    expect(v1.version).toBe(SANDBOX_MASTODON_VERSION);
    expect(v2.version).toBe(SANDBOX_MASTODON_VERSION);
    const s = sb.inject({ author: 'ana', text: 'x' });
    // quotes_count / quote_approval came with 4.5: a server serving them is at least 4.5.
    expect(s).toHaveProperty('quote_approval');
    expect(SANDBOX_MASTODON_VERSION.split('.').map(Number)).toEqual([4, 5, 0]);
  });

  it('gives a post it gets late an id from its own date, below newer ones (Mastodon::Snowflake.id_at)', async () => {
    const clock = new FakeClock();
    const sb = await open({ clock });
    const now = sb.inject({ author: 'ana', text: 'now #t' });
    const late = sb.inject({ author: 'far@slow.example', text: 'late #t', createdAt: new Date(clock.now() - 240_000).toISOString() });
    expect(BigInt(late.id)).toBeLessThan(BigInt(now.id));
    const page = (await getJson(sb, '/api/v1/timelines/tag/t')).body.map((s: Json) => s.id);
    expect(page).toEqual([now.id, late.id]);
  });

  it('serves boosts: the boost carries the boosted status; media, polls and custom emoji as entities', async () => {
    const clock = new FakeClock();
    const sb = await open({ clock, scenario: null });
    const original = sb.inject({
      author: 'maya_r',
      text: 'Latte art :kettlebird: #kettlebird',
      media: [{ type: 'image', description: 'A rosetta in milk foam' }],
      sensitive: true,
      poll: { options: ['yes', 'no'], votes: [3, 1] },
    });
    const boost = sb.boost('chris_o@fosstodon.example', original.id);
    expect(boost).toMatchObject({ content: '', account: { acct: 'chris_o@fosstodon.example' }, reblog: { id: original.id } });
    expect(boost.uri).toMatch(/\/activity$/);
    const single = (await getJson(sb, `/api/v1/statuses/${boost.id}`)).body;
    expect(single.reblog.media_attachments).toEqual([
      expect.objectContaining({ type: 'image', description: 'A rosetta in milk foam', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/system\//), preview_url: expect.any(String) }),
    ]);
    expect(single.reblog).toMatchObject({ sensitive: true, poll: { votes_count: 4, options: [{ title: 'yes', votes_count: 3 }, { title: 'no', votes_count: 1 }] } });
    expect(single.reblog.emojis).toEqual([{ shortcode: 'kettlebird', url: `${sb.url}/emoji/kettlebird.svg`, static_url: `${sb.url}/emoji/kettlebird.svg`, visible_in_picker: true }]);
    expect((await getJson(sb, '/api/v1/timelines/public')).body.map((s: Json) => s.id)).toEqual([original.id]);
    const acct = (await getJson(sb, '/api/v1/accounts/lookup?acct=chris_o@fosstodon.example')).body;
    expect((await getJson(sb, `/api/v1/accounts/${acct.id}/statuses`)).body.map((s: Json) => s.id)).toEqual([boost.id]);
    expect((await getJson(sb, `/api/v1/accounts/${acct.id}/statuses?exclude_reblogs=true`)).body).toEqual([]);
    // Deleting the boosted status takes its boosts along.
    sb.remove(original.id);
    expect((await getJson(sb, `/api/v1/statuses/${boost.id}`)).status).toBe(404);
  });

  it('the default scenario carries a few of each: warning, sensitive media, poll, boost, custom emoji, right-to-left, late', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'default', clock });
    clock.advance(70_000);
    const all: Json[] = [];
    for (const tag of ['kettlebird', 'kettlebirdapp']) all.push(...(await getJson(sb, `/api/v1/timelines/tag/${tag}?limit=40`)).body);
    const shown = all.map((s) => s.reblog ?? s);
    expect(shown.some((s) => s.spoiler_text === 'Spoiler: season finale')).toBe(true);
    expect(shown.some((s) => s.sensitive && s.media_attachments.length > 0 && s.media_attachments[0].description)).toBe(true);
    expect(shown.some((s) => s.poll?.options.length === 3)).toBe(true);
    expect(all.some((s) => s.reblog && s.account.acct === 'chris_o@fosstodon.example')).toBe(true);
    expect(shown.some((s) => s.emojis.some((e: Json) => e.shortcode === 'kettlebird'))).toBe(true);
    expect(shown.some((s) => s.account.emojis.some((e: Json) => e.shortcode === 'bean'))).toBe(true);
    expect(shown.filter((s) => ['ar', 'he'].includes(s.language))).toHaveLength(2);
    // Handles are on the server's own domain, not the host it is reached at.
    expect((await getJson(sb, '/api/v2/instance')).body.domain).toBe('kettlebird.social');
    const late = shown.find((s) => s.content.includes('verspätet'));
    expect(Date.parse(late.created_at)).toBeLessThan(clock.now() - 200_000);
  });
});
