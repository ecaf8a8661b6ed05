import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEnvelope } from '../../shared/changes';
import { createWsTransport } from '../../renderer/src/api/ws-transport';
import { createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { startReplicaSync, type ReplicaSync } from '../../renderer/src/db/replica-sync';
import { FakeHub } from './helpers/fake-hub';
import { FakeWebSocket } from './helpers/fake-websocket';
import { ManualClock } from './helpers/manual-clock';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

/** Deterministic PRNG so a failure can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let db: NewsroomDb;
let hub: FakeHub;
let clock: ManualClock;
let sync: ReplicaSync | null = null;
let delivered: number[] = [];

async function connect(): Promise<ReplicaSync> {
  const transport = createWsTransport({ url: 'ws://hub.test/api/ws', token: 't', WebSocket: FakeWebSocket, clock, random: () => 0.5 });
  // Record what reaches the replica, to check order and duplicates across the whole run.
  const tap = {
    call: transport.call.bind(transport),
    subscribe: (since: number | null, onChange: (e: ChangeEnvelope) => void, onState: Parameters<typeof transport.subscribe>[2]) =>
      transport.subscribe(since, (e) => (delivered.push(e.seq), onChange(e)), onState),
  };
  return startReplicaSync({ transport: tap, replica: new Replica(db, 10_000), hubKey: 'hub-a', clock });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 500; i++) {
    clock.advance(10_000); // let any pending reconnect happen
    await tick(2);
    await sync!.idle();
    if ((await new Replica(db).cursor()) === hub.head) return;
  }
  throw new Error('replica never caught up');
}

beforeEach(() => {
  FakeWebSocket.reset();
  db = createDb(`resume-${Math.random()}`);
  hub = new FakeHub();
  clock = new ManualClock();
  delivered = [];
  hub.serve();
});
afterEach(async () => {
  sync?.stop();
  sync = null;
  hub.stop();
  await db.delete();
});

describe('replica over the WebSocket transport', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`ends identical to the hub through drops, reloads and over-delivery (seed ${seed})`, async () => {
      const rnd = mulberry32(seed);
      hub.overlap = seed % 2 === 0;
      for (let i = 0; i < 30; i++) hub.add(); // history before the first start
      sync = await connect();
      let reloads = 0;
      for (let step = 0; step < 250; step++) {
        const r = rnd();
        const known = hub.truth.size;
        if (r < 0.5) hub.add();
        else if (r < 0.7) hub.update(1 + Math.floor(rnd() * known));
        else if (r < 0.8) hub.remove(1 + Math.floor(rnd() * known));
        else if (r < 0.88) {
          hub.drop();
          clock.advance(10_000);
        } else if (r < 0.92) {
          // A page reload: the old sync stops mid-flight, a new one resumes from what was stored.
          delivered = [];
          sync.stop();
          await sync.idle();
          FakeWebSocket.instances.forEach((ws) => ws.drop());
          sync = await connect();
          reloads++;
        }
        if (step % 7 === 0) await tick(2);
      }
      await settle();

      const stored = new Map((await db.items.toArray()).map((i) => [i.id, i]));
      const visibleHub = [...hub.truth.values()].filter((i) => !i.deletedAt).map((i) => i.id);
      const visibleReplica = [...stored.values()].filter((i) => !i.deletedAt).map((i) => i.id);
      expect(visibleReplica.sort((a, b) => a - b)).toEqual(visibleHub.sort((a, b) => a - b));
      for (const id of visibleHub) expect(stored.get(id)?.seq, `item ${id}`).toBe(hub.truth.get(id)!.seq);
      // Since the last reload every change reached the replica at most once, in increasing order.
      expect(delivered).toEqual([...new Set(delivered)].sort((a, b) => a - b));
      expect(reloads + hub.log.length).toBeGreaterThan(0);
    });
  }
});
