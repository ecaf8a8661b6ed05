import { afterEach, describe, expect, it } from 'vitest';
import { planScenario } from '../../../electron/sandbox/scenario-plan.js';
import { loadScenario, parseScenario, type Scenario } from '../../../electron/sandbox/scenario-schema.js';
import type { Sandbox } from '../../../electron/sandbox/create-sandbox.js';
import { FakeClock } from './fake-clock.js';
import { auth, client, closeAll, getJson, open, postStatus } from './helpers.js';

afterEach(closeAll);

/** Every status a polling connector could see: hashtag timelines, term searches, mentions. */
async function visibleIds(sb: Sandbox): Promise<Set<string>> {
  const c = client(sb);
  const ids = new Set<string>();
  for (const tag of sb.hashtags) for await (const page of c.v1.timelines.tag.$select(tag).list({ limit: 40 })) page.forEach((s) => ids.add(s.id));
  for (const term of sb.terms) {
    let maxId: string | undefined;
    for (;;) {
      const r = await c.v2.search.list({ q: term, type: 'statuses', limit: 40, ...(maxId ? { maxId } : {}) });
      r.statuses.forEach((s) => ids.add(s.id));
      if (r.statuses.length < 40) break;
      maxId = r.statuses[r.statuses.length - 1]!.id;
    }
  }
  for await (const page of c.v1.notifications.list({ types: ['mention'], limit: 80 })) page.forEach((n) => n.status && ids.add(n.status.id));
  return ids;
}

/** The served sequence, minus the port (which differs between sandboxes). */
async function timelineTexts(sb: Sandbox): Promise<string[]> {
  const out: string[] = [];
  for await (const page of client(sb, null).v1.timelines.public.list({ limit: 40 }))
    out.push(...page.map((s) => `${s.account.acct}|${s.language}|${s.inReplyToId ? 'reply' : 'root'}|${s.createdAt}|${s.content}`.split(sb.url).join('URL')));
  return out;
}

describe('scenarios', () => {
  it('the bundled scenarios validate; bad ones fail with a clear reason', async () => {
    const def = await loadScenario('default');
    expect(def.phases.length).toBeGreaterThanOrEqual(3);
    expect(new Set(def.authors.map((a) => a.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'ar', 'he']));
    await expect(loadScenario('quiet')).resolves.toMatchObject({ name: 'quiet' });
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(/not found/);
    const base: Scenario = {
      name: 'x',
      brand: { name: 'B', handle: 'b', products: ['P'] },
      hashtags: ['b'],
      terms: ['B'],
      authors: [{ handle: 'a', displayName: 'A' }],
      templates: { praise: { en: ['{product} {oops}'] } },
      phases: [{ name: 'p', durationSec: 10, postsPerMinute: 6, intentMix: { praise: 1, missing: 1 } }],
      events: [{ kind: 'edit', at: 1, target: 'nope', text: 'x' }],
    };
    let message = '';
    try {
      parseScenario(base);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('unknown slot {oops}');
    expect(message).toContain('intent "missing" has no templates');
    expect(message).toContain('"nope" is not the label of an earlier post event');
  });

  it('the same seed gives the same plan and the same served sequence; another seed differs', async () => {
    const sc = await loadScenario('default');
    expect(planScenario(sc, 42)).toEqual(planScenario(sc, 42));
    expect(planScenario(sc, 43)).not.toEqual(planScenario(sc, 42));
    const runs: string[][] = [];
    for (const seed of [5, 5, 6]) {
      const clock = new FakeClock();
      const sb = await open({ scenario: 'quiet', seed, clock });
      clock.advance(90_000);
      runs.push(await timelineTexts(sb));
    }
    expect(runs[0]!.length).toBeGreaterThan(15);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
  });

  it('default: ≥ 50 visible posts within the first 15 s, in a few languages, with mentions', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'default', clock });
    clock.advance(15_000);
    const ids = await visibleIds(sb);
    expect(ids.size).toBeGreaterThanOrEqual(50);
    expect(ids.size).toBe(sb.statusCount());
    const langs = new Set((await client(sb, null).v1.timelines.public.list({ limit: 40 })).map((s) => s.language));
    expect(langs.size).toBeGreaterThan(1);
    const mentions = await client(sb).v1.notifications.list({ limit: 80 });
    expect(mentions.length).toBeGreaterThan(3);
    // The backlog predates the start: a connector's first poll sees minutes of history.
    const oldest = (await client(sb, null).v1.timelines.public.list({ limit: 40, minId: '0' }))[39]!;
    expect(Date.parse(oldest.createdAt)).toBeLessThan(clock.now() - 120_000);
  });

  it('default: the crisis in the middle is a burst (~5x), dominated by outage complaints', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'default', clock });
    const countAt: number[] = [];
    for (let s = 0; s <= 600; s += 10) {
      if (s > 0) clock.advance(10_000);
      countAt.push(sb.statusCount());
    }
    const rate = (from: number, to: number) => (countAt[to / 10]! - countAt[from / 10]!) / (to - from);
    const calm = rate(0, 150);
    const peak = rate(240, 370);
    expect(peak).toBeGreaterThan(3.5 * calm);
    expect(rate(500, 600)).toBeLessThan(peak / 2);
    const state = await getJson(sb, '/_sandbox/state');
    expect(state.body).toMatchObject({ scenario: 'default', traffic: true });
    // During the peak most new posts are about the app.
    const c2 = new FakeClock();
    const sb2 = await open({ scenario: 'default', clock: c2 });
    c2.advance(300_000);
    expect((await getJson(sb2, '/_sandbox/state')).body.phase).toBe('outage-peak');
    const recent = await client(sb2, null).v1.timelines.public.list({ limit: 40 });
    const appPosts = recent.filter((s) => /app|appli|kettlebirdapp|charged|cobr|abgebucht|débité/i.test(s.content));
    expect(appPosts.length).toBeGreaterThan(20);
  });

  it('scripted events: a viral post with replies, an edit and a deletion', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'default', clock });
    clock.advance(200_000);
    const c = client(sb);
    const viral = (await c.v2.search.list({ q: '"14 of us standing"', type: 'statuses' })).statuses[0]!;
    // 412 from the script, plus the boost event at 200 s (a boost counts, as on Mastodon).
    expect(viral.reblogsCount).toBe(413);
    expect(viral.account.acct).toBe('marcus_wren');
    clock.advance(130_000);
    const thread = await c.v1.statuses.$select(viral.id).context.fetch();
    expect(thread.descendants.length).toBeGreaterThanOrEqual(16);
    expect(thread.descendants[0]!.content).toContain('@<span>marcus_wren</span>');
    const edited = (await c.v2.search.list({ q: 'charged THREE times', type: 'statuses' })).statuses[0]!;
    expect(edited.editedAt).not.toBeNull();
    expect((await c.v2.search.list({ q: 'Third outage this month', type: 'statuses' })).statuses).toEqual([]);
  });

  it('quiet: edit and delete happen on the fake clock; speed scales time; paused waits for start()', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'quiet', clock, speed: 2, paused: true });
    clock.advance(60_000);
    expect(sb.statusCount()).toBe(0);
    sb.start();
    expect(sb.statusCount()).toBe(5);
    clock.advance(5_000); // scenario t = 10 s at speed 2
    const oops = (await getJson(sb, '/api/v2/search?type=statuses&q=wrong+box', { headers: auth(sb) })).body.statuses[0];
    expect(oops.edited_at).toBeNull();
    clock.advance(5_000); // t = 20 s: edited
    expect((await getJson(sb, `/api/v1/statuses/${oops.id}`)).body).toMatchObject({ content: expect.stringContaining('Sorted now') });
    expect((await getJson(sb, '/api/v2/search?type=statuses&q=ignore', { headers: auth(sb) })).body.statuses).toEqual([]);
    clock.advance(8_000); // t = 36 s: posted at 25 s, still there
    const gone = (await getJson(sb, '/api/v2/search?type=statuses&q=ignore', { headers: auth(sb) })).body.statuses[0];
    expect(gone).toBeDefined();
    expect((await getJson(sb, `/api/v1/statuses/${gone.id}`)).status).toBe(200);
    clock.advance(2_000); // t = 40 s: deleted
    expect((await getJson(sb, `/api/v1/statuses/${gone.id}`)).status).toBe(404);
    clock.advance(25_000); // t = 90 s: done
    expect((await getJson(sb, '/_sandbox/state')).body).toMatchObject({ pendingActions: 0, phase: 'done' });
  });

  it('customers answer brand replies (followUp), addressed to the brand', async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'quiet', clock });
    const customer = sb.inject({ author: 'ada', text: 'where is my order', mentionBrand: true });
    const reply = await postStatus(sb, { status: '@ada on its way!', in_reply_to_id: customer.id });
    expect(reply.status).toBe(200);
    const before = sb.statusCount();
    clock.advance(5_000);
    const thread = (await getJson(sb, `/api/v1/statuses/${reply.body.id}/context`)).body;
    const answer = thread.descendants.find((s: { account: { acct: string } }) => s.account.acct === 'ada');
    expect(answer).toBeDefined();
    expect(answer.content).toContain('Thanks Fernwood!');
    expect(answer.mentions.map((m: { id: string }) => m.id)).toContain(sb.brand.id);
    expect(sb.statusCount()).toBeGreaterThan(before);
    const notes = (await getJson(sb, '/api/v1/notifications', { headers: auth(sb) })).body;
    expect(notes.some((n: { status: { id: string } }) => n.status.id === answer.id)).toBe(true);
  });

  it('a looping scenario starts over without the backlog', async () => {
    const sc = await loadScenario('quiet');
    const clock = new FakeClock();
    const sb = await open({ scenario: { ...sc, loop: true }, clock });
    clock.advance(90_000);
    const first = sb.statusCount();
    clock.advance(90_000);
    const state = (await getJson(sb, '/_sandbox/state')).body;
    expect(state.cycle).toBeGreaterThanOrEqual(1);
    expect(sb.statusCount()).toBeGreaterThan(first + 10);
  });
});
