import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { added, deleted, makeItem, makeSource, updated } from './helpers/items';

let n = 0;
const open: NewsroomDb[] = [];
function freshDb(): NewsroomDb {
  const db = createDb(`replica-test-${++n}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('replica: applying changes', () => {
  it('stores items and moves the cursor in the same batch', async () => {
    const r = new Replica(freshDb());
    expect(await r.open('hub-a')).toBeNull();
    await r.apply([added(1), added(2), added(3)], { writeCursor: true });
    expect((await r.db.items.toArray()).map((i) => i.id)).toEqual([1, 2, 3]);
    expect(await r.cursor()).toBe(3);
  });

  it('keeps the version with the highest seq, whatever order versions come in', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(1), updated(5, 1, { text: 'v5' }), updated(3, 1, { text: 'v3' })], { writeCursor: true });
    expect((await r.db.items.get(1))?.text).toBe('v5');
    // A later batch carrying an older version loses too.
    await r.apply([updated(4, 1, { text: 'v4' })], { writeCursor: true });
    expect((await r.db.items.get(1))?.text).toBe('v5');
    // The cursor never moves backwards.
    expect(await r.cursor()).toBe(5);
  });

  it('keeps deleted items as tombstones that an older version cannot revive', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(1), added(2)], { writeCursor: true });
    await r.apply([deleted(3, 1)], { writeCursor: true });
    const tomb = await r.db.items.get(1);
    expect(tomb?.deletedAt).toBeTruthy();
    await r.apply([updated(2, 1, { text: 'old edit' })], { writeCursor: true });
    expect((await r.db.items.get(1))?.deletedAt).toBeTruthy();
  });

  it('marks a delete as a tombstone even if the hub left deletedAt out', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(1), { seq: 2, change: { kind: 'item.deleted', item: makeItem(1, { seq: 2, deletedAt: null }) } }], { writeCursor: true });
    expect((await r.db.items.get(1))?.deletedAt).not.toBeNull();
  });

  it('maintains the sources table from source.* changes', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply(
      [
        { seq: 1, change: { kind: 'source.added', source: makeSource('a') } },
        { seq: 2, change: { kind: 'source.added', source: makeSource('b') } },
        { seq: 3, change: { kind: 'source.updated', source: makeSource('a', { status: 'failing', lastError: 'HTTP 503' }) } },
      ],
      { writeCursor: true },
    );
    await r.apply([{ seq: 4, change: { kind: 'source.removed', id: 'b' } }], { writeCursor: true });
    const sources = await r.db.sources.toArray();
    expect(sources.map((s) => [s.id, s.status, s.lastError])).toEqual([['a', 'failing', 'HTTP 503']]);
    expect(await r.cursor()).toBe(4);
  });

  it('skips change kinds it does not know and still moves the cursor', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(1), { seq: 2, change: { kind: 'post.created', post: {} } as never }], { writeCursor: true });
    expect(await r.db.items.count()).toBe(1);
    expect(await r.cursor()).toBe(2);
  });

  it('does not store a cursor when asked not to (bootstrap pending)', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    await r.apply([added(7)], { writeCursor: false });
    expect(await r.db.items.count()).toBe(1);
    expect(await r.cursor()).toBeNull();
  });
});

describe('replica: bounds and identity', () => {
  it('prunes the oldest items (by id) past the cap', async () => {
    const r = new Replica(freshDb(), 5);
    await r.open('hub-a');
    await r.apply(Array.from({ length: 8 }, (_, i) => added(i + 1)), { writeCursor: true });
    expect((await r.db.items.toArray()).map((i) => i.id)).toEqual([4, 5, 6, 7, 8]);
    await r.apply([added(9), added(10)], { writeCursor: true });
    expect(await r.db.items.count()).toBe(5);
    expect((await r.db.items.toCollection().first())?.id).toBe(6);
  });

  it('wipes a replica that belongs to another hub or user, and keeps one that matches', async () => {
    const db = freshDb();
    const r = new Replica(db);
    await r.open('hub-a#user1');
    await r.apply([added(1), { seq: 2, change: { kind: 'source.added', source: makeSource('a') } }], { writeCursor: true });
    expect(await new Replica(db).open('hub-a#user1')).toBe(2);
    expect(await new Replica(db).open('hub-b#user1')).toBeNull();
    expect(await db.items.count()).toBe(0);
    expect(await db.sources.count()).toBe(0);
  });

  it('wipes leftovers of a bootstrap that never finished (no cursor) when reopened', async () => {
    const db = freshDb();
    const r = new Replica(db);
    await r.open('hub-a');
    await r.apply([added(1)], { writeCursor: false });
    expect(await new Replica(db).open('hub-a')).toBeNull();
    expect(await db.items.count()).toBe(0);
  });

  it('bootstrap merges a snapshot without overwriting newer streamed versions', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    // Streamed while the snapshot was in flight: item 2 edited at seq 12, item 3 deleted at seq 13.
    await r.apply([updated(12, 2, { text: 'streamed edit' }), deleted(13, 3)], { writeCursor: false });
    await r.bootstrap({
      items: [makeItem(1, { seq: 4 }), makeItem(2, { seq: 6, text: 'snapshot' }), makeItem(3, { seq: 8 })],
      sources: [makeSource('a', { status: 'ok' }), makeSource('b')],
      skipSources: new Set(['a']),
      cursor: 13,
    });
    expect((await r.db.items.get(1))?.seq).toBe(4);
    expect((await r.db.items.get(2))?.text).toBe('streamed edit');
    expect((await r.db.items.get(3))?.deletedAt).toBeTruthy();
    expect((await r.db.sources.toArray()).map((s) => s.id)).toEqual(['b']);
    expect(await r.cursor()).toBe(13);
  });
});
