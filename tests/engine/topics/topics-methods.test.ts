import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import type { Change } from '../../../shared/changes.js';
import type { Item } from '../../../shared/domain.js';
import type { RetagProgress, ShareOfVoice, Topic } from '../../../shared/topics.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { hubOn, rpc, tmpDataDir } from '../hub/hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function start() {
  const clock = new FakeClock(Date.parse('2026-11-22T12:30:00Z'));
  hub = await hubOn(tmpDataDir(), { clock });
  const tokens = new Map<string, string>();
  const token = (role: 'admin' | 'crisis' | 'lead' | 'agent' | 'wall') => {
    if (!tokens.has(role)) tokens.set(role, addUser(hub!.store, clock, `u-${role}`, role));
    return tokens.get(role)!;
  };
  const changes: Change[] = [];
  hub.store.changes.subscribe((envs) => changes.push(...envs.map((e) => e.change)));
  const ingest = (...texts: string[]) =>
    hub!.engine.pipeline.ingest(
      's1',
      texts.map((t) => ({ op: 'upsert' as const, post: post({ html: `<p>${t}</p>`, tags: [], createdAt: '2026-11-22T11:15:00Z' }) })),
    );
  return { hub, clock, token, changes, ingest };
}

const kettlebird = { name: 'Kettlebird Coffee', kind: 'brand', query: 'kettlebird OR #kettlebird' };

describe('topics.* methods', () => {
  it('lets leads and up manage topics, and refuses agents and the wall (403) while everyone reads them', async () => {
    const { hub, token } = await start();
    for (const role of ['agent', 'wall'] as const) {
      const t = token(role);
      expect((await rpc(hub, 'topics.save', t, kettlebird)).status).toBe(403);
      expect((await rpc(hub, 'topics.remove', t, { id: 'x' })).status).toBe(403);
      expect((await rpc(hub, 'topics.retag', t, {})).status).toBe(403);
    }
    for (const role of ['lead', 'crisis', 'admin'] as const) {
      const r = await rpc(hub, 'topics.save', token(role), { ...kettlebird, name: `Kettlebird ${role}` });
      expect(r.status).toBe(200);
    }
    for (const role of ['agent', 'wall'] as const) {
      const r = await rpc(hub, 'topics.list', token(role), {});
      expect(r.status).toBe(200);
      expect((r.body.topics as Topic[]).map((t) => t.name)).toEqual(['Kettlebird admin', 'Kettlebird crisis', 'Kettlebird lead']);
      expect((await rpc(hub, 'topics.shareOfVoice', token(role), {})).status).toBe(200);
    }
  });

  it('refuses a query that does not parse with its position and a hint, and a duplicate name with a conflict', async () => {
    const { hub, token } = await start();
    const lead = token('lead');
    const bad = await rpc(hub, 'topics.save', lead, { ...kettlebird, query: 'kettlebird NEAR/ cup' });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { message: string }).message).toMatch(/column 12 — .*NEAR\/5/);
    const topicField = await rpc(hub, 'topics.save', lead, { ...kettlebird, query: 'topic:brewco' });
    expect(topicField.status).toBe(400);
    expect((topicField.body.error as { message: string }).message).toMatch(/column 1/);
    expect((await rpc(hub, 'topics.save', lead, kettlebird)).status).toBe(200);
    expect((await rpc(hub, 'topics.save', lead, { ...kettlebird, name: 'kettlebird coffee' })).status).toBe(409);
    expect((await rpc(hub, 'topics.save', lead, { ...kettlebird, id: 'nope' })).status).toBe(404);
    expect((await rpc(hub, 'topics.remove', lead, { id: 'nope' })).status).toBe(404);
  });

  it('tags new posts with a saved topic at once, and re-tags recent items in the background with progress changes', async () => {
    const { hub, token, changes, ingest } = await start();
    const lead = token('lead');
    ingest('Kettlebird beans are lovely', 'BrewCo is slow today', 'nothing to see');
    const saved = await rpc(hub, 'topics.save', lead, kettlebird);
    const topic = saved.body.topic as Topic;
    expect(topic.id).toBe('kettlebird-coffee');
    expect((saved.body.retag as RetagProgress).state).toBe('running');
    await hub.engine.retagger.idle();
    const byText = (t: string) => hub.store.items.list({ limit: 100 }).find((i) => i.text.includes(t))!;
    expect(byText('Kettlebird beans').topics).toEqual(['kettlebird-coffee']);
    expect(byText('BrewCo').topics).toEqual([]);
    const progress = changes.filter((c): c is Extract<Change, { kind: 'topic.retag' }> => c.kind === 'topic.retag').map((c) => c.progress);
    expect(progress.at(-1)).toMatchObject({ state: 'finished', done: 3, total: 3, changed: 1, topicId: 'kettlebird-coffee' });
    expect(changes.some((c) => c.kind === 'topic.saved')).toBe(true);
    expect(changes.filter((c) => c.kind === 'item.updated').map((c) => (c as { item: Item }).item.text)).toEqual(['Kettlebird beans are lovely']);
    // From now on ingest tags at once.
    ingest('#kettlebird cold brew');
    expect(byText('cold brew').topics).toEqual(['kettlebird-coffee']);

    // Editing the query moves the items; removing the topic takes it off them.
    await rpc(hub, 'topics.save', lead, { ...kettlebird, id: topic.id, query: 'brewco' });
    await hub.engine.retagger.idle();
    expect(byText('BrewCo').topics).toEqual(['kettlebird-coffee']);
    expect(byText('Kettlebird beans').topics).toEqual([]);
    const removed = await rpc(hub, 'topics.remove', lead, { id: topic.id });
    expect(removed.status).toBe(200);
    await hub.engine.retagger.idle();
    expect(byText('BrewCo').topics).toEqual([]);
    expect(changes.some((c) => c.kind === 'topic.removed' && c.id === topic.id)).toBe(true);
  });

  it('a later edit supersedes a run still going', async () => {
    const { hub, changes, ingest } = await start();
    ingest(...Array.from({ length: 600 }, (_, i) => `kettlebird post ${i}`));
    const user = { name: 'u-lead', role: 'lead' as const };
    // Both calls run before the first run's first chunk: the edit's run is superseded by the full re-tag.
    const first = hub.engine.call(user, 'topics.save', kettlebird);
    const second = hub.engine.call(user, 'topics.retag', {});
    const secondRun = (await second).retag.runId;
    expect((await first).retag!.runId).not.toBe(secondRun);
    await hub.engine.retagger.idle();
    const progress = changes.filter((c): c is Extract<Change, { kind: 'topic.retag' }> => c.kind === 'topic.retag').map((c) => c.progress);
    const firstRun = progress[0]!.runId;
    expect(progress.some((p) => p.runId === firstRun && p.state === 'superseded')).toBe(true);
    expect(progress.some((p) => p.runId === firstRun && p.state === 'finished')).toBe(false);
    expect(progress.at(-1)).toMatchObject({ runId: secondRun, state: 'finished', done: 600 });
    expect(hub.store.items.list({ limit: 1000 }).every((i) => i.topics.includes('kettlebird-coffee'))).toBe(true);
  });

  it('share of voice: brand vs each competitor per hour and per day, from the hourly counts', async () => {
    const { hub, token, ingest } = await start();
    const lead = token('lead');
    await rpc(hub, 'topics.save', lead, kettlebird);
    await rpc(hub, 'topics.save', lead, { name: 'BrewCo', kind: 'competitor', query: 'brewco' });
    await rpc(hub, 'topics.save', lead, { name: 'Beans', kind: 'category', query: 'beans' });
    await hub.engine.retagger.idle();
    ingest('kettlebird one', 'kettlebird two', 'kettlebird three', 'brewco one', 'beans only');
    const hourly = (await rpc(hub, 'topics.shareOfVoice', token('wall'), { bucket: 'hour' })).body as unknown as ShareOfVoice;
    expect(hourly.brand).toEqual({ id: 'kettlebird-coffee', name: 'Kettlebird Coffee' });
    expect(hourly.competitors).toEqual([{ id: 'brewco', name: 'BrewCo' }]);
    expect(hourly.buckets).toHaveLength(24);
    const at11 = hourly.buckets.find((b) => b.at === '2026-11-22T11')!;
    expect(at11.posts).toEqual({ 'kettlebird-coffee': 3, brewco: 1 });
    expect(at11.share).toEqual({ 'kettlebird-coffee': 0.75, brewco: 0.25 });
    expect(hourly.buckets.find((b) => b.at === '2026-11-22T10')!.posts).toEqual({ 'kettlebird-coffee': 0, brewco: 0 });
    const daily = (await rpc(hub, 'topics.shareOfVoice', token('agent'), { bucket: 'day' })).body as unknown as ShareOfVoice;
    expect(daily.buckets).toHaveLength(30);
    expect(daily.buckets.at(-1)).toMatchObject({ at: '2026-11-22', posts: { 'kettlebird-coffee': 3, brewco: 1 } });
    expect((await rpc(hub, 'topics.shareOfVoice', lead, { bucket: 'hour', from: '2026-01-01T00:00:00Z' })).status).toBe(400);
  });
});

describe('items.list query filter', () => {
  it('returns the newest items matching a listening query, topic: by id or name, and refuses a bad query with its position', async () => {
    const { hub, token, ingest } = await start();
    const lead = token('lead');
    await rpc(hub, 'topics.save', lead, kettlebird);
    await hub.engine.retagger.idle();
    ingest('Kettlebird latte is great', 'kettlebird order never arrived, terrible', 'BrewCo espresso', 'cafe au lait');
    const texts = async (query: string, who = token('wall')) => {
      const r = await rpc(hub, 'items.list', who, { query });
      return (r.body.items as Item[]).map((i) => i.text);
    };
    expect(await texts('kettlebird NOT terrible')).toEqual(['Kettlebird latte is great']);
    expect(await texts('topic:"Kettlebird Coffee" AND sentiment:negative')).toEqual(['kettlebird order never arrived, terrible']);
    expect(await texts('topic:kettlebird-coffee')).toHaveLength(2);
    expect(await texts('café OR espresso')).toEqual(['cafe au lait', 'BrewCo espresso']);
    const bad = await rpc(hub, 'items.list', token('wall'), { query: 'kettlebird AND (latte' });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { message: string }).message).toMatch(/^Invalid|query: .* at column \d+ — /);
  });
});
