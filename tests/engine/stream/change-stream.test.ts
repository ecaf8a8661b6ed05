import { describe, expect, it } from 'vitest';
import type { Change, ChangeEnvelope } from '../../../shared/changes.js';
import type { UserView } from '../../../shared/domain.js';
import { openChangeStream, type ReadyInfo, type StreamSink } from '../../../electron/engine/stream/change-stream.js';
import { FAKE_FEED_ID, fakeEngine } from '../../electron/fakes.js';

/** An in-memory feed with the engine's shape (the same fake the IPC tests stream from). */
const feed = fakeEngine;

/** A sink whose backlog the test sets, like a socket the client stopped reading. */
function sink() {
  const got: ChangeEnvelope[] = [];
  const readies: ReadyInfo[] = [];
  let backlog = 0;
  let tooSlow = 0;
  const s: StreamSink = {
    ready: (r) => readies.push(r),
    changes: (envs) => got.push(...envs),
    backlog: () => backlog,
    tooSlow: () => tooSlow++,
  };
  return {
    s,
    got,
    readies,
    setBacklog: (n: number) => (backlog = n),
    tooSlow: () => tooSlow,
  };
}

/** Deferred work the test runs by hand, one round at a time (a stream waiting on a full sink defers again). */
function manual() {
  const queue: Array<() => void> = [];
  return {
    defer: (fn: () => void) => {
      queue.push(fn);
      return () => {
        const i = queue.indexOf(fn);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    /** Runs rounds until nothing is deferred any more, or `rounds` have run. */
    run(rounds = 100) {
      for (let r = 0; r < rounds && queue.length; r++) for (const fn of queue.splice(0)) fn();
    },
    pending: () => queue.length,
  };
}

const admin: UserView = { name: 'admin', role: 'admin' };
const wall: UserView = { name: 'wall', role: 'wall' };
const removed = (id: string): Change => ({ kind: 'source.removed', id });
const audit = (id: number): Change => ({ kind: 'audit.added', entry: { id, at: '', actor: 'a', action: 'x', entity: 'post', entityId: 'p', from: null, to: null, details: null } });

describe('engine change stream', () => {
  it('sends ready with the feed id, catches up, then goes live in seq order', () => {
    const f = feed();
    f.commit(removed('a'), removed('b'));
    const k = sink();
    const m = manual();
    const stream = openChangeStream(f, admin, { since: 0, stale: 'refuse' }, k.s, { defer: m.defer });
    expect(k.readies).toEqual([{ seq: 2, user: admin, feedId: FAKE_FEED_ID }]);
    f.commit(removed('c'));
    m.run();
    f.commit(removed('d'));
    expect(k.got.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(stream.live).toBe(true);
  });

  it('waits while the client is behind (back-pressure) and resumes, without gaps or reordering', () => {
    const f = feed();
    for (let i = 0; i < 50; i++) f.commit(removed(String(i)));
    const k = sink();
    const m = manual();
    k.setBacklog(10 * 1024 * 1024);
    const stream = openChangeStream(f, admin, { since: 0, stale: 'refuse' }, k.s, { defer: m.defer, chunk: 10, page: 20, highWaterBytes: 1024 });
    expect(k.got).toHaveLength(0);
    m.run(5);
    expect(k.got).toHaveLength(0);
    expect(m.pending()).toBe(1);
    // A commit while catching up is read by the catch-up, never pushed ahead of older changes.
    f.commit(removed('late'));
    k.setBacklog(0);
    m.run();
    expect(k.got.map((e) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(stream.live).toBe(true);
  });

  it('filters by role: the wall never receives what its role may not read, and its seq still advances', () => {
    const f = feed();
    f.commit(removed('a'), audit(1), removed('b'));
    const k = sink();
    const stream = openChangeStream(f, wall, { since: 0, stale: 'refuse' }, k.s, { defer: manual().defer });
    f.commit(audit(2), removed('c'));
    expect(k.got.map((e) => e.change.kind)).toEqual(['source.removed', 'source.removed', 'source.removed']);
    expect(stream.sent).toBe(5);
  });

  it('refuses or restarts a resume point from another history (past the end, or another feed id)', () => {
    const f = feed();
    f.commit(removed('a'), removed('b'));
    expect(() => openChangeStream(f, admin, { since: 9, stale: 'refuse' }, sink().s)).toThrow(/past this hub's seq/);
    expect(() => openChangeStream(f, admin, { since: 1, feedId: 'feed-0', stale: 'refuse' }, sink().s)).toThrow(/replaced/);
    expect(f.listenerCount()).toBe(0);
    const k = sink();
    openChangeStream(f, admin, { since: 1, feedId: 'feed-0', stale: 'restart' }, k.s, { defer: manual().defer });
    f.commit(removed('c'));
    expect(k.readies[0]).toMatchObject({ seq: 2, feedId: FAKE_FEED_ID });
    expect(k.got.map((e) => e.seq)).toEqual([3]);
  });

  it('cuts a live client off as too slow when its backlog passes the limit, and unsubscribes', () => {
    const f = feed();
    const k = sink();
    openChangeStream(f, admin, { since: null, stale: 'refuse' }, k.s, { defer: manual().defer, maxBacklogBytes: 100 });
    k.setBacklog(1_000);
    f.commit(removed('a'));
    expect(k.tooSlow()).toBe(1);
    expect(f.listenerCount()).toBe(0);
    expect(k.got).toHaveLength(0);
  });

  it('close() stops the catch-up and the listener', () => {
    const f = feed();
    for (let i = 0; i < 30; i++) f.commit(removed(String(i)));
    const k = sink();
    const m = manual();
    const stream = openChangeStream(f, admin, { since: 0, stale: 'refuse' }, k.s, { defer: m.defer, page: 10, chunk: 10 });
    expect(k.got).toHaveLength(10);
    stream.close();
    m.run();
    f.commit(removed('x'));
    expect(k.got).toHaveLength(10);
    expect(m.pending()).toBe(0);
  });
});
