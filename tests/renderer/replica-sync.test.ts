import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, SourceView } from '../../shared/domain';
import { createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { startReplicaSync, type ReplicaSync } from '../../renderer/src/db/replica-sync';
import { FakeTransport } from './helpers/fake-transport';
import { added, deleted, makeItem, makeSource, updated } from './helpers/items';
import { ManualClock } from './helpers/manual-clock';
import { makeFreeze } from './helpers/publishing';

/** Answers a wall's bootstrap (FakeTransport's default role): items, sources, the freeze state and the account names. */
function answerSnapshot(t: FakeTransport, snap: { items?: Item[]; sources?: SourceView[] } = {}): void {
  t.answer('items.list', { items: snap.items ?? [] });
  t.answer('sources.list', { sources: snap.sources ?? [] });
  t.answerAll('freeze.get', { freeze: makeFreeze(), suggestions: [] });
  t.answerAll('accounts.list', { accounts: [] });
  t.answerAll('topics.list', { topics: [], retag: null });
}

let n = 0;
const dbs: NewsroomDb[] = [];
const syncs: ReplicaSync[] = [];
function freshDb(): NewsroomDb {
  const db = createDb(`sync-test-${++n}`);
  dbs.push(db);
  return db;
}
async function start(db: NewsroomDb, opts: { cap?: number; clock?: ManualClock; hubKey?: string } = {}) {
  const transport = new FakeTransport();
  const errors: string[] = [];
  const replica = new Replica(db, opts.cap ?? 100);
  const sync = await startReplicaSync({ transport, replica, hubKey: opts.hubKey ?? 'hub-a', onError: (m) => errors.push(m), ...(opts.clock ? { clock: opts.clock, retryMs: 3000 } : {}) });
  syncs.push(sync);
  return { transport, replica, sync, errors };
}
const tick = () => new Promise((r) => setTimeout(r, 5));
afterEach(async () => {
  for (const s of syncs.splice(0)) s.stop();
  for (const db of dbs.splice(0)) await db.delete();
});

describe('replica sync: bootstrap of an empty replica', () => {
  it('after ready, loads items.list + sources.list (+ freeze.get, accounts.list) and sets the cursor to ready.seq', async () => {
    const db = freshDb();
    const { transport, sync, replica } = await start(db, { cap: 50 });
    expect(transport.since).toBeNull();
    transport.ready(10);
    await tick();
    expect(transport.pending('items.list')[0]?.params).toEqual({ limit: 50 });
    expect(transport.pending('sources.list')).toHaveLength(1);
    answerSnapshot(transport, { items: [makeItem(9, { seq: 9 }), makeItem(8, { seq: 8 })], sources: [makeSource('a')] });
    await sync.idle();
    expect((await db.items.toArray()).map((i) => i.id)).toEqual([8, 9]);
    expect(await db.sources.count()).toBe(1);
    expect(await replica.cursor()).toBe(10);
  });

  it('merges a snapshot that races the stream: newer streamed versions and deletes win', async () => {
    const db = freshDb();
    const { transport, sync, replica } = await start(db);
    transport.ready(10);
    await tick();
    // Changes stream in while the snapshot request is out.
    transport.emit(updated(11, 2, { text: 'edited after ready' }), deleted(12, 3), {
      seq: 13,
      change: { kind: 'source.updated', source: makeSource('a', { status: 'failing', lastError: 'HTTP 503' }) },
    });
    await sync.idle();
    // Visible at once, but not yet a resumable state: a reload now must bootstrap again.
    expect((await db.items.get(2))?.text).toBe('edited after ready');
    expect(await replica.cursor()).toBeNull();

    // The snapshot was taken before those changes.
    answerSnapshot(transport, { items: [makeItem(1, { seq: 4 }), makeItem(2, { seq: 5, text: 'old' }), makeItem(3, { seq: 7 })], sources: [makeSource('a', { status: 'ok' }), makeSource('b')] });
    await sync.idle();
    expect((await db.items.get(1))?.seq).toBe(4);
    expect((await db.items.get(2))?.text).toBe('edited after ready');
    expect((await db.items.get(3))?.deletedAt).toBeTruthy();
    expect((await db.sources.get('a'))?.status).toBe('failing');
    expect(await db.sources.get('b')).toBeTruthy();
    expect(await replica.cursor()).toBe(13);
  });

  it('a snapshot newer than the stream is not undone when its changes stream in afterwards', async () => {
    const db = freshDb();
    const { transport, sync } = await start(db);
    transport.ready(10);
    await tick();
    answerSnapshot(transport, { items: [makeItem(5, { seq: 12, text: 'v12' })] });
    await sync.idle();
    transport.emit(updated(11, 5, { text: 'v11' }), updated(12, 5, { text: 'v12' }));
    await sync.idle();
    expect((await db.items.get(5))?.text).toBe('v12');
  });

  it('retries a failed snapshot and still ends complete', async () => {
    const clock = new ManualClock();
    const db = freshDb();
    const { transport, sync, replica, errors } = await start(db, { clock });
    transport.ready(3);
    await tick();
    transport.fail('items.list', new Error('hub busy'));
    // The failed attempt's other calls; answerSnapshot answers what is left of both attempts below.
    transport.answer('sources.list', { sources: [] });
    await tick();
    expect(errors.join()).toContain('hub busy');
    expect(transport.pending('items.list')).toHaveLength(0);
    clock.advance(3000);
    expect(transport.pending('items.list')).toHaveLength(1);
    answerSnapshot(transport, { items: [makeItem(1, { seq: 2 })] });
    await sync.idle();
    expect(await replica.cursor()).toBe(3);
    expect(await db.items.count()).toBe(1);
  });

  it('a reload before the snapshot arrived starts the bootstrap over', async () => {
    const db = freshDb();
    const first = await start(db);
    first.transport.ready(10);
    first.transport.emit(added(11));
    await first.sync.idle();
    first.sync.stop();
    const second = await start(db);
    expect(second.transport.since).toBeNull();
    second.transport.ready(12);
    await tick();
    expect(second.transport.pending('items.list')).toHaveLength(1);
    // Item 11 was deleted (seq 12) while no one listened: the new snapshot lacks it, and so must the replica.
    answerSnapshot(second.transport);
    await second.sync.idle();
    expect(await db.items.count()).toBe(0);
    expect(await second.replica.cursor()).toBe(12);
  });
});

describe('replica sync: resuming', () => {
  it('resumes from the stored cursor without a snapshot, applying only what follows', async () => {
    const db = freshDb();
    const first = await start(db);
    first.transport.ready(0);
    await tick();
    answerSnapshot(first.transport);
    first.transport.emit(added(1), added(2), added(3));
    await first.sync.idle();
    first.sync.stop();

    const second = await start(db);
    expect(second.transport.since).toBe(3);
    second.transport.ready(5);
    second.transport.emit(added(4), updated(5, 1, { text: 'edited' }));
    await second.sync.idle();
    expect(second.transport.calls).toHaveLength(0);
    expect((await db.items.toArray()).map((i) => [i.id, i.seq])).toEqual([
      [1, 5],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(await second.replica.cursor()).toBe(5);
  });

  it('rebuilds when the hub history restarted (ready.seq behind the cursor)', async () => {
    const db = freshDb();
    const first = await start(db);
    first.transport.ready(0);
    await tick();
    answerSnapshot(first.transport);
    first.transport.emit(added(1), added(2), added(3));
    await first.sync.idle();
    first.sync.stop();

    const second = await start(db);
    second.transport.ready(1); // a fresh hub: seq 1 is someone else's item
    await tick();
    expect(await db.items.count()).toBe(0);
    answerSnapshot(second.transport, { items: [makeItem(900, { seq: 1 })] });
    await second.sync.idle();
    expect((await db.items.toArray()).map((i) => i.id)).toEqual([900]);
    expect(await second.replica.cursor()).toBe(1);
  });

  it('drops the replica when the transport reports a restarted history, even if the new feed is already ahead', async () => {
    const db = freshDb();
    const first = await start(db);
    first.transport.ready(0);
    await tick();
    answerSnapshot(first.transport);
    first.transport.emit(added(1), added(2), { seq: 3, change: { kind: 'source.added', source: makeSource('old') } });
    await first.sync.idle();
    expect(await first.replica.cursor()).toBe(3);

    first.transport.restart();
    first.transport.ready(50); // the new hub's feed is past our old cursor: seq alone could not tell
    await tick();
    expect(await db.items.count()).toBe(0);
    expect(await db.sources.count()).toBe(0);
    expect(first.transport.pending('items.list')).toHaveLength(1);
    answerSnapshot(first.transport, { items: [makeItem(700, { seq: 49 })], sources: [makeSource('new')] });
    await first.sync.idle();
    expect((await db.items.toArray()).map((i) => i.id)).toEqual([700]);
    expect((await db.sources.toArray()).map((s) => s.id)).toEqual(['new']);
    expect(await first.replica.cursor()).toBe(50);
  });

  it('remembers the feed id the hub names, resumes with it, and rebuilds when the hub turns out to be another feed', async () => {
    const db = freshDb();
    const first = await start(db);
    first.transport.ready(0, 'wall', 'feed-a');
    await tick();
    answerSnapshot(first.transport);
    first.transport.emit(added(1), added(2));
    await first.sync.idle();
    first.sync.stop();

    // Reload: the resume point goes with the feed it belongs to.
    const second = await start(db);
    expect(second.transport.since).toBe(2);
    expect(second.transport.feedId).toBe('feed-a');
    // The data dir was replaced: the transport says so (restart) and `ready` names the new feed.
    second.transport.restart();
    second.transport.ready(9, 'wall', 'feed-b');
    await second.sync.idle();
    expect(await db.items.count()).toBe(0);
    answerSnapshot(second.transport, { items: [makeItem(77, { seq: 9 })] });
    await second.sync.idle();
    expect((await db.items.toArray()).map((i) => i.id)).toEqual([77]);
    expect(await second.replica.feedId()).toBe('feed-b');
    second.sync.stop();
    const third = await start(db);
    expect(third.transport.feedId).toBe('feed-b');
  });

  it('keeps the replica bounded while streaming', async () => {
    const db = freshDb();
    const { transport, sync } = await start(db, { cap: 20 });
    transport.ready(0);
    await tick();
    answerSnapshot(transport);
    for (let i = 1; i <= 75; i++) transport.emit(added(i));
    await sync.idle();
    const ids = (await db.items.toArray()).map((i) => i.id);
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe(56);
    expect(ids.at(-1)).toBe(75);
  });
});
