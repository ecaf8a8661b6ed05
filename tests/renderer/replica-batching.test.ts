import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { ITEM_HTML_MAX, ITEM_TEXT_MAX, Replica } from '../../renderer/src/db/replica';
import { MAX_BATCH, startReplicaSync, type ReplicaSync } from '../../renderer/src/db/replica-sync';
import { FakeTransport } from './helpers/fake-transport';
import { added } from './helpers/items';
import { ManualClock } from './helpers/manual-clock';

let n = 0;
const dbs: NewsroomDb[] = [];
const syncs: ReplicaSync[] = [];
afterEach(async () => {
  for (const s of syncs.splice(0)) s.stop();
  for (const db of dbs.splice(0)) await db.delete();
});
const settle = () => new Promise((r) => setTimeout(r, 20));

async function resumed(clock: ManualClock, batchMs: number) {
  const db = createDb(`batching-test-${++n}`);
  dbs.push(db);
  const replica = new Replica(db, 1_000);
  // A replica that already holds a cursor resumes: no bootstrap in the way of the stream.
  await replica.open('hub-a');
  await replica.apply([added(1)], { writeCursor: true });
  const apply = vi.spyOn(replica, 'apply');
  const transport = new FakeTransport();
  const sync = await startReplicaSync({ transport, replica, hubKey: 'hub-a', clock, batchMs });
  syncs.push(sync);
  transport.ready(1);
  await settle();
  return { db, replica, apply, transport, sync };
}

describe('replica sync: batching a busy stream', () => {
  it('writes a change after a quiet spell at once, and what follows within batchMs in one transaction', async () => {
    const clock = new ManualClock();
    const { db, apply, transport, sync } = await resumed(clock, 100);
    transport.emit(added(2));
    await settle();
    expect(apply).toHaveBeenCalledTimes(1);
    for (let seq = 3; seq <= 42; seq++) transport.emit(added(seq));
    await settle();
    // Forty posts right after a write wait for the window to close: one transaction, not forty.
    expect(apply).toHaveBeenCalledTimes(1);
    clock.advance(100);
    await settle();
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1]![0]).toHaveLength(40);
    expect(await db.items.count()).toBe(42);

    // A wave of 250 at once is written MAX_BATCH at a time, one part right after the other.
    for (let seq = 43; seq <= 292; seq++) transport.emit(added(seq));
    clock.advance(100);
    await sync.idle();
    expect(apply.mock.calls.slice(2).map((c) => c[0].length)).toEqual([MAX_BATCH, MAX_BATCH, 250 - 2 * MAX_BATCH]);
    expect(await db.items.count()).toBe(292);
  });

  it('without batchMs every change is written as soon as it comes', async () => {
    const clock = new ManualClock();
    const { db, apply, transport } = await resumed(clock, 0);
    transport.emit(added(2));
    await settle();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(await db.items.count()).toBe(2);
  });
});

describe('replica: per-item bound', () => {
  it('keeps at most ITEM_TEXT_MAX of a post\'s text and drops html over ITEM_HTML_MAX (the hub keeps the whole post)', async () => {
    const db = createDb(`batching-test-${++n}`);
    dbs.push(db);
    const r = new Replica(db);
    await r.open('hub-a');
    const word = 'x'.repeat(2 * 1024 * 1024);
    await r.apply([added(1, 1, { text: word, html: `<p>${word}</p>` }), added(2, 2, { text: 'short', html: '<p>short</p>' })], { writeCursor: true });
    const long = (await db.items.get(1))!;
    expect(long.text.length).toBe(ITEM_TEXT_MAX + 1);
    expect(long.text.endsWith('…')).toBe(true);
    expect(long.html).toBe('');
    expect(ITEM_HTML_MAX).toBeGreaterThan(ITEM_TEXT_MAX);
    expect((await db.items.get(2))!.html).toBe('<p>short</p>');
  });
});
