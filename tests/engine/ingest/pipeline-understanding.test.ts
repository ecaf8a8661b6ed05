import { describe, expect, it, vi } from 'vitest';
import { createEnricher, type Enricher } from '../../../electron/engine/enrich/index.js';
import type { AfterCommitHook, InTransactionHook, IngestedItem } from '../../../electron/engine/ingest/hooks.js';
import { createPipeline, type PipelineDeps } from '../../../electron/engine/ingest/pipeline.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { createTopicMatcher } from '../../../electron/engine/topics/topic-matcher.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import type { Item } from '../../../shared/domain.js';
import type { Topic } from '../../../shared/topics.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';

const topic = (id: string, query: string, kind: Topic['kind'] = 'brand'): Topic => ({
  id,
  name: id,
  kind,
  query,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'test',
});

function logger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function setup(over: Partial<PipelineDeps> = {}, topics: Topic[] = [topic('kettlebird', 'kettlebird OR #kettlebird'), topic('brewco', 'brewco', 'competitor')]) {
  const store = openStore(':memory:');
  const clock = new FakeClock();
  const enricher = createEnricher({ detector: null });
  const calls = { enrich: 0 };
  const counting: Enricher = { config: enricher.config, enrich: (i) => (calls.enrich++, enricher.enrich(i)) };
  const matcher = createTopicMatcher();
  matcher.load(topics);
  const log = logger();
  const pipeline = createPipeline({ store, clock, log, understanding: { enricher: counting, topics: matcher }, ...over });
  const changes: ChangeEnvelope[] = [];
  store.changes.subscribe((envs) => changes.push(...envs));
  return { store, clock, pipeline, changes, calls, log };
}

const itemOf = (e: ChangeEnvelope): Item => (e.change as { item: Item }).item;

describe('ingest pipeline: enrich and match stages', () => {
  it('stores each post with its enrichment and topics, and streams them on item.added', () => {
    const { store, pipeline, changes } = setup();
    pipeline.ingest('s1', [
      { op: 'upsert', post: post({ html: '<p>My Kettlebird order never arrived and nobody answers. Terrible!</p>', tags: [] }) },
      { op: 'upsert', post: post({ html: '<p>Is BrewCo open on Sundays?</p>', tags: [] }) },
      { op: 'upsert', post: post({ html: '<p>lovely morning</p>', tags: [] }) },
    ]);
    const [complaint, question, chatter] = changes.map(itemOf);
    expect(complaint!.topics).toEqual(['kettlebird']);
    expect(complaint!.enrichment).toMatchObject({ sentiment: { label: 'negative' }, intent: { label: 'complaint' }, lang: { value: 'en', source: 'platform' } });
    expect(complaint!.enrichment!.intent.reasons.length).toBeGreaterThan(0);
    expect(question!.topics).toEqual(['brewco']);
    expect(question!.enrichment!.intent.label).toBe('question');
    expect(chatter!.topics).toEqual([]);
    // What was streamed is what is stored.
    for (const c of changes) expect(store.items.get(itemOf(c).id)).toEqual(itemOf(c));
  });

  it('matches the content warning and the platform hashtags too', () => {
    const { pipeline, changes } = setup();
    pipeline.ingest('s1', [
      { op: 'upsert', post: post({ html: '<p>long rant inside</p>', contentWarning: 'kettlebird app', tags: [] }) },
      { op: 'upsert', post: post({ html: '<p>no words about it</p>', tags: ['Kettlebird'] }) },
    ]);
    expect(changes.map((c) => itemOf(c).topics)).toEqual([['kettlebird'], ['kettlebird']]);
  });

  it('re-enriches an edit, keeps the understanding of a re-served post, and a delete forgets it', () => {
    const { store, clock, pipeline, changes, calls } = setup();
    const p = post({ html: '<p>Kettlebird is great</p>', tags: [] });
    pipeline.ingest('s1', [{ op: 'upsert', post: p }]);
    expect(calls.enrich).toBe(1);
    // The same post again (another listener, an overlapping poll): nothing is worked out again.
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p } }]);
    expect(calls.enrich).toBe(1);
    // A boost adds a booster: the words are the same, so the understanding is kept.
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p, boostedBy: [{ handle: 'b@x.example', name: 'B', url: null, avatarUrl: null }] } }]);
    expect(calls.enrich).toBe(1);
    expect(itemOf(changes.at(-1)!).enrichment!.sentiment.label).toBe('positive');
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p, html: '<p>BrewCo is awful</p>', editedAt: '2026-11-22T11:30:00Z' } }]);
    expect(calls.enrich).toBe(2);
    const edited = itemOf(changes.at(-1)!);
    expect(changes.at(-1)!.change.kind).toBe('item.updated');
    expect(edited.topics).toEqual(['brewco']);
    expect(edited.enrichment!.sentiment.label).toBe('negative');
    clock.advance(1000);
    pipeline.ingest('s1', [{ op: 'delete', platform: 'mastodon', nativeId: p.nativeId }]);
    const gone = itemOf(changes.at(-1)!);
    // The reasons quote the post: a tombstone keeps none of them.
    expect(gone).toMatchObject({ enrichment: null, topics: [], text: '' });
    expect(JSON.stringify(store.changes.changesSince(0, 100))).not.toMatch(/awful|great/);
  });

  it('keeps the hourly topic counts in step with the items (add, edit, delete)', () => {
    const { store, pipeline } = setup();
    const a = post({ html: '<p>Kettlebird is great</p>', tags: [], createdAt: '2026-11-22T10:05:00Z' });
    const b = post({ html: '<p>Kettlebird is awful, worst coffee</p>', tags: [], createdAt: '2026-11-22T10:55:00Z' });
    const c = post({ html: '<p>BrewCo today</p>', tags: [], createdAt: '2026-11-22T11:01:00Z' });
    pipeline.ingest('s1', [a, b, c].map((p) => ({ op: 'upsert' as const, post: p })));
    const hours = () => store.topics.hours(['kettlebird', 'brewco'], '2026-11-22T00', '2026-11-22T23');
    expect(hours()).toEqual([
      { topicId: 'kettlebird', hour: '2026-11-22T10', posts: 2, positive: 1, negative: 1 },
      { topicId: 'brewco', hour: '2026-11-22T11', posts: 1, positive: 0, negative: 0 },
    ]);
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...a, html: '<p>BrewCo is great</p>', editedAt: '2026-11-22T12:00:00Z' } }]);
    pipeline.ingest('s1', [{ op: 'delete', platform: 'mastodon', nativeId: b.nativeId }]);
    expect(hours()).toEqual([{ topicId: 'brewco', hour: '2026-11-22T10', posts: 1, positive: 1, negative: 0 }, { topicId: 'brewco', hour: '2026-11-22T11', posts: 1, positive: 0, negative: 0 }]);
  });

  it('without the understanding stages (plain ingest) stores enrichment null and no topics', () => {
    const { changes, pipeline } = setup({ understanding: null });
    pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: '<p>Kettlebird</p>' }) }]);
    expect(itemOf(changes[0]!)).toMatchObject({ enrichment: null, topics: [] });
  });
});

describe('ingest pipeline: hooks', () => {
  it('runs in-transaction hooks with the batch, atomically with it', () => {
    const seen: IngestedItem[][] = [];
    const hook: InTransactionHook = {
      name: 'placement',
      inTransaction(items, ctx) {
        seen.push([...items]);
        ctx.store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(`placed:${items[0]!.item.seq}`, ctx.sourceId);
        ctx.store.changes.append({ kind: 'source.removed', id: `hook-${items.length}` }, ctx.now);
      },
    };
    const { store, pipeline, changes } = setup({ hooks: { inTransaction: [hook] } });
    const p = post();
    pipeline.ingest('s1', [{ op: 'upsert', post: p }, { op: 'upsert', post: post() }]);
    expect(seen[0]!.map((x) => x.change)).toEqual(['added', 'added']);
    expect(seen[0]![0]!.item.enrichment).not.toBeNull();
    // The hook's change follows the items' in the same commit.
    expect(changes.map((c) => c.change.kind)).toEqual(['item.added', 'item.added', 'source.removed']);
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p, html: '<p>edited</p>', editedAt: '2026-11-22T12:00:00Z' } }]);
    expect(seen[1]![0]).toMatchObject({ change: 'updated', previous: { html: p.html } });
    // A batch with nothing stored calls no hook.
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p, html: '<p>edited</p>', editedAt: '2026-11-22T12:00:00Z' } }]);
    expect(seen).toHaveLength(2);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'placed:%'").get()).toEqual({ n: 2 });
  });

  it('an in-transaction hook that throws rolls the whole batch back, cursors included', () => {
    const hook: InTransactionHook = {
      name: 'broken',
      inTransaction() {
        throw new Error('triage exploded');
      },
    };
    const { store, pipeline, changes } = setup({ hooks: { inTransaction: [hook] } });
    expect(() => pipeline.ingest('s1', [{ op: 'upsert', post: post() }], { c: '9' })).toThrow('triage exploded');
    expect(store.items.count()).toBe(0);
    expect(store.sources.getCursor('s1', 'c')).toBeNull();
    expect(store.changes.currentSeq()).toBe(0);
    expect(changes).toEqual([]);
  });

  it('an after-commit hook that throws or rejects never breaks ingest: logged, and the next hook still runs', async () => {
    const after: IngestedItem[][] = [];
    const hooks: AfterCommitHook[] = [
      {
        name: 'trends',
        afterCommit() {
          throw new Error('trend state corrupt');
        },
      },
      { name: 'alerts', afterCommit: () => Promise.reject(new Error('smtp down')) },
      { name: 'last', afterCommit: (items) => void after.push([...items]) },
    ];
    const { store, pipeline, log } = setup({ hooks: { afterCommit: hooks } });
    const r = pipeline.ingest('s1', [{ op: 'upsert', post: post() }], { c: '1' });
    expect(r.added).toBe(1);
    expect(store.items.count()).toBe(1);
    expect(store.sources.getCursor('s1', 'c')).toBe('1');
    expect(after).toHaveLength(1);
    // The hook sees the committed item.
    expect(store.items.get(after[0]![0]!.item.id)).toEqual(after[0]![0]!.item);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.error.mock.calls.map((c) => (c[1] as { hook: string }).hook).sort()).toEqual(['alerts', 'trends']);
    expect(String((log.error.mock.calls[0]![1] as { error: string }).error)).toMatch(/trend state corrupt/);
    // Ingest carries on after the failures.
    expect(pipeline.ingest('s1', [{ op: 'upsert', post: post() }]).added).toBe(1);
  });
});
