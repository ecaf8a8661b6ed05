import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../../electron/engine/ingest/pipeline.js';
import type { IngestOp } from '../../../electron/engine/ingest/types.js';
import { openStore, type Store } from '../../../electron/engine/store/store.js';
import { CHANGE_REFS_MIGRATION } from '../../../electron/engine/store/change-refs-migration.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import { createEnricher } from '../../../electron/engine/enrich/index.js';
import { createRetagger } from '../../../electron/engine/topics/retag.js';
import { createTopicMatcher } from '../../../electron/engine/topics/topic-matcher.js';
import type { Topic } from '../../../shared/topics.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'nr-refs-')), 'data.db');

/** A batch of ops on four posts: new words or an edit mark make an update, a delete tombstones. */
const opArb = fc.record({ post: fc.integer({ min: 0, max: 3 }), del: fc.boolean(), words: fc.constantFrom('late order', 'great latte', 'refund now', ''), edited: fc.boolean() });
const runArb = fc.array(fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 6 }), reopen: fc.boolean() }), { minLength: 1, maxLength: 8 });

function toOps(ops: Array<{ post: number; del: boolean; words: string; edited: boolean }>, clock: FakeClock): IngestOp[] {
  return ops.map((o) => {
    const nativeId = `https://social.example/users/a/statuses/ref-${o.post}`;
    if (o.del) return { op: 'delete', platform: 'mastodon', nativeId };
    return {
      op: 'upsert',
      post: post({ nativeId, html: `<p>post ${o.post} ${o.words}</p>`, createdAt: '2026-11-22T11:00:00.000Z', editedAt: o.edited ? new Date(clock.now()).toISOString() : null }),
    };
  });
}

/** What a replay must show for what subscribers were handed live: every version as it was, except a deleted item's words. */
function expectedReplay(live: ChangeEnvelope[], store: Store): unknown[] {
  return live.map((env) => {
    const { change } = env;
    if (change.kind !== 'item.added' && change.kind !== 'item.updated') return JSON.parse(JSON.stringify(env));
    const now = store.items.get(change.item.id)!;
    const item = now.deletedAt ? { ...now, seq: change.item.seq } : change.item;
    return JSON.parse(JSON.stringify({ seq: env.seq, change: { kind: change.kind, item } }));
  });
}

describe('change rows that reference their item (session 15, issue 10 ingest budget)', () => {
  it('a replay shows every version of every item as subscribers saw it live, across edits, deletes and reopens', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const path = tmp();
        const clock = new FakeClock();
        let store = openStore(path);
        const live: ChangeEnvelope[] = [];
        const open = () => {
          const s = openStore(path);
          s.changes.subscribe((envs) => live.push(...envs));
          return s;
        };
        store.close();
        store = open();
        for (const step of run) {
          clock.advance(1_000);
          createPipeline({ store, clock }).ingest('s1', toOps(step.ops, clock));
          if (step.reopen) {
            store.close();
            store = open();
          }
        }
        expect(store.changes.changesSince(0, 10_000)).toEqual(expectedReplay(live, store));
        // Only the row of an item's current version references it; every older one carries its own copy.
        const refs = store.db.prepare(`SELECT c.seq, i.seq AS itemSeq FROM changes c JOIN items i ON i.id = c.item_id WHERE c.payload = ''`).all() as Array<{ seq: number; itemSeq: number }>;
        for (const r of refs) expect(r.seq).toBe(r.itemSeq);
        expect(refs.length).toBe((store.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n);
        store.close();
      }),
      { numRuns: 60 },
    );
  });

  it('migration 11 compacts a data dir written with full copies, and its replay is unchanged', () => {
    const path = tmp();
    const clock = new FakeClock();
    const store = openStore(path);
    const pipeline = createPipeline({ store, clock });
    const ops = (o: Parameters<typeof toOps>[0]) => pipeline.ingest('s1', toOps(o, clock));
    ops([{ post: 0, del: false, words: 'late order', edited: false }, { post: 1, del: false, words: 'great latte', edited: false }, { post: 2, del: false, words: '', edited: false }]);
    clock.advance(1_000);
    ops([{ post: 0, del: false, words: 'refund now', edited: true }, { post: 1, del: true, words: '', edited: false }]);
    const before = store.changes.changesSince(0, 100);
    // What a build before migration 11 wrote: every item change row with a full copy of its item.
    const full = store.db.prepare('UPDATE changes SET payload = ? WHERE seq = ?');
    store.db.transaction(() => {
      for (const env of before) full.run(JSON.stringify(env.change), env.seq);
    })();
    // The schema just before migration 11 (the migrations before it have all run).
    store.db.pragma(`user_version = ${CHANGE_REFS_MIGRATION.version - 1}`);
    expect((store.db.prepare(`SELECT COUNT(*) AS n FROM changes WHERE payload = ''`).get() as { n: number }).n).toBe(0);
    store.close();

    const reopened = openStore(path);
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(CHANGE_REFS_MIGRATION.version);
    expect(reopened.changes.changesSince(0, 100)).toEqual(JSON.parse(JSON.stringify(before)));
    // One reference per item, the row of its current version (the tombstone's included); post 0's first version keeps its copy.
    const seqs = (sql: string) => (reopened.db.prepare(sql).all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs(`SELECT seq FROM changes WHERE payload = '' ORDER BY seq`)).toEqual(seqs('SELECT seq FROM items ORDER BY seq'));
    expect(seqs(`SELECT seq FROM changes WHERE payload = '' ORDER BY seq`)).toEqual([3, 4, 5]);
    reopened.close();
  });

  it('a re-tag after a topic edit moves items on the same way: each version replays as it was', async () => {
    const topic = (id: string, query: string): Topic => ({ id, name: id, kind: 'brand', query, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'test' });
    const store = openStore(tmp());
    const clock = new FakeClock();
    const matcher = createTopicMatcher();
    matcher.load([topic('latte', 'latte')]);
    const live: ChangeEnvelope[] = [];
    store.changes.subscribe((envs) => live.push(...envs));
    const pipeline = createPipeline({ store, clock, understanding: { enricher: createEnricher({ detector: null }), topics: matcher } });
    pipeline.ingest('s1', toOps([{ post: 0, del: false, words: 'great latte', edited: false }, { post: 1, del: false, words: 'refund now', edited: false }], clock));
    matcher.load([topic('latte', 'latte'), topic('refunds', 'refund')]);
    const retagger = createRetagger({ store, clock, log: { info() {}, warn() {}, error() {} }, matcher });
    retagger.start('refunds');
    await retagger.idle();
    clock.advance(1_000);
    pipeline.ingest('s1', toOps([{ post: 1, del: false, words: 'refund now', edited: true }, { post: 0, del: true, words: '', edited: false }], clock));
    const retagged = live.filter((e) => e.change.kind === 'item.updated' && e.change.item.topics.includes('refunds'));
    expect(retagged.length).toBeGreaterThanOrEqual(2);
    expect(store.changes.changesSince(0, 100)).toEqual(expectedReplay(live, store));
    store.close();
  });
});
