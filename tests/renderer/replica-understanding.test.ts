import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import type { Item } from '../../shared/domain';
import { added, makeItem } from './helpers/items';

let n = 0;
const open: NewsroomDb[] = [];
function freshDb(name = `understanding-test-${++n}`): NewsroomDb {
  const db = createDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('replica: items carry their enrichment and topics (issue 10)', () => {
  it('keeps both, and indexes items by topic', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(1, 1, { topics: ['kettlebird', 'brewco'] }), added(2, 2, { topics: ['brewco'] }), added(3)], { writeCursor: true });
    expect((await r.db.items.where('topics').equals('brewco').primaryKeys()).sort()).toEqual([1, 2]);
    expect(await r.db.items.where('topics').equals('kettlebird').primaryKeys()).toEqual([1]);
  });

  it('an item from a hub before issue 10 (no fields) is stored with none', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    const { enrichment: _e, topics: _t, ...old } = makeItem(7);
    await r.apply([{ seq: 7, change: { kind: 'item.added', item: old as Item } }], { writeCursor: true });
    expect(await r.db.items.get(7)).toMatchObject({ id: 7, enrichment: null, topics: [] });
  });

  it('a v2 replica opens as v3 with its items and cursor (no re-bootstrap needed)', async () => {
    const name = `understanding-upgrade-${++n}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ items: 'id, seq, createdAt, platform, *tags', meta: 'key', sources: 'id' });
    v2.version(2).stores({ posts: 'id, status, scheduledAt, accountId, groupId', accounts: 'id', audit: 'id', freeze: '', suggestions: 'id' });
    await v2.table('items').put({ ...makeItem(1), enrichment: undefined, topics: undefined });
    await v2.table('meta').bulkPut([
      { key: 'hubKey', value: 'hub-a' },
      { key: 'cursor', value: 42 },
    ]);
    v2.close();
    const db = freshDb(name);
    expect(await new Replica(db).open('hub-a')).toBe(42);
    expect(await db.items.count()).toBe(1);
    expect(await db.topics.count()).toBe(0);
  });

  it('keeps the topics the stream saves and removes, the last re-tag progress, and the snapshot\'s topics unless the stream touched them', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    const topic = (id: string, name = id) => ({ id, name, kind: 'brand' as const, query: id, createdAt: 'x', updatedAt: 'x', updatedBy: 'lead' });
    const progress = { runId: 'r1', topicId: 'brewco', done: 10, total: 10, changed: 2, state: 'finished' as const };
    await r.bootstrap({ items: [], sources: [], topics: [topic('kettlebird'), topic('brewco', 'stale')], skipSources: new Set(), skipTopics: new Set(['brewco']), cursor: 0 });
    expect((await r.db.topics.toArray()).map((t) => t.id)).toEqual(['kettlebird']);
    await r.apply(
      [
        { seq: 1, change: { kind: 'topic.saved', topic: topic('brewco', 'BrewCo') } },
        { seq: 2, change: { kind: 'topic.removed', id: 'kettlebird' } },
        { seq: 3, change: { kind: 'topic.retag', progress } },
      ],
      { writeCursor: true },
    );
    expect(await r.db.topics.toArray()).toEqual([topic('brewco', 'BrewCo')]);
    expect((await r.db.meta.get('retag'))?.value).toEqual(progress);
    await r.wipe();
    expect(await r.db.topics.count()).toBe(0);
  });
});
