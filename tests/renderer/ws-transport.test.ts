import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../shared/api';
import type { ChangeEnvelope } from '../../shared/changes';
import { RpcError } from '../../shared/errors';
import { backoffDelay, createWsTransport } from '../../renderer/src/api/ws-transport';
import { FakeWebSocket } from './helpers/fake-websocket';
import { added } from './helpers/items';
import { ManualClock } from './helpers/manual-clock';

const user = { name: 'wall', role: 'wall' as const };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(opts: { random?: () => number } = {}) {
  const clock = new ManualClock();
  const transport = createWsTransport({ url: 'ws://hub.test/api/ws', token: 'T0k', WebSocket: FakeWebSocket, clock, random: opts.random ?? (() => 0.5) });
  const changes: ChangeEnvelope[] = [];
  const states: ConnectionState[] = [];
  return { clock, transport, changes, states, subscribe: (since: number | null) => transport.subscribe(since, (e) => changes.push(e), (s) => states.push(s)) };
}

function change(seq: number) {
  const env = added(seq);
  return { type: 'change' as const, seq, change: env.change };
}

beforeEach(() => FakeWebSocket.reset());

describe('ws transport: connecting', () => {
  it('authenticates with the token and resume point, then reports live', () => {
    const t = setup();
    t.subscribe(41);
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe('ws://hub.test/api/ws');
    expect(t.states).toEqual([{ state: 'connecting' }]);
    ws.open();
    expect(ws.sent).toEqual([{ type: 'auth', token: 'T0k', since: 41 }]);
    ws.receive({ type: 'ready', seq: 45, user });
    expect(t.states.at(-1)).toEqual({ state: 'live', user, seq: 45, feedId: null });
  });

  it('sends the feed id of its resume point, keeps the one the hub names, and restarts on another feed', () => {
    const t = setup();
    const restarts: number[] = [];
    t.transport.onHistoryRestart(() => restarts.push(t.changes.length));
    t.transport.subscribe(41, (e) => t.changes.push(e), (s) => t.states.push(s), { feedId: 'feed-a' });
    const ws1 = FakeWebSocket.last();
    ws1.open();
    expect(ws1.sent).toEqual([{ type: 'auth', token: 'T0k', since: 41, feedId: 'feed-a' }]);
    // A hub that does not refuse the foreign resume point: `ready` names another feed.
    ws1.receive({ type: 'ready', seq: 7, user, feedId: 'feed-b' });
    expect(restarts).toEqual([0]);
    expect(t.states.at(-1)).toEqual({ state: 'live', user, seq: 7, feedId: 'feed-b' });
    ws1.receive(change(8));
    expect(t.changes.map((c) => c.seq)).toEqual([8]);
    ws1.drop();
    t.clock.advance(1_200);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    expect(ws2.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: 8, feedId: 'feed-b' });
    ws2.receive({ type: 'ready', seq: 8, user, feedId: 'feed-b' });
    expect(restarts).toEqual([0]);
  });

  it('drops frames that do not fit the shared schemas (shared/ws-frames.ts)', () => {
    const t = setup();
    t.subscribe(null);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: -1, user });
    ws.receive({ type: 'ready', seq: 3, user: { toString: 1 } });
    expect(t.states).toEqual([{ state: 'connecting' }]);
    ws.receive({ type: 'ready', seq: 3, user, feedId: 'f' });
    expect(t.states.at(-1)).toMatchObject({ state: 'live', seq: 3 });
  });

  it('delivers changes in seq order and drops duplicates, stale seqs and malformed frames', () => {
    const t = setup();
    t.subscribe(10);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 13, user });
    ws.receive(change(9)); // older than the resume point
    ws.receive(change(10)); // the resume point itself
    ws.receive(change(11));
    ws.receive(change(12));
    ws.receive(change(12)); // duplicate
    ws.receive(change(11)); // late, out of order
    ws.receiveRaw('{not json');
    ws.receive({ type: 'change', seq: 'x', change: {} });
    ws.receive(change(13));
    expect(t.changes.map((c) => c.seq)).toEqual([11, 12, 13]);
    expect(t.changes[0]!.change.kind).toBe('item.added');
  });

  it('starting empty (since null) resumes after ready.seq on the next connection', () => {
    const t = setup();
    t.subscribe(null);
    const ws = FakeWebSocket.last();
    ws.open();
    expect(ws.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: null });
    ws.receive({ type: 'ready', seq: 100, user });
    ws.drop();
    t.clock.advance(10_000);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    expect(ws2.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: 100 });
  });
});

describe('ws transport: reconnecting', () => {
  it('reconnects with backoff and resumes from the last applied seq without duplicates', () => {
    const t = setup();
    t.subscribe(0);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'ready', seq: 0, user });
    ws1.receive(change(1));
    ws1.receive(change(2));
    const lostAt = t.clock.now();
    ws1.drop(1006, 'network gone');
    expect(t.states.at(-1)).toEqual({ state: 'reconnecting', since: lostAt, lastError: 'network gone' });
    expect(FakeWebSocket.instances).toHaveLength(1);

    t.clock.advance(999);
    expect(FakeWebSocket.instances).toHaveLength(1); // not before 1 s
    t.clock.advance(300);
    expect(FakeWebSocket.instances).toHaveLength(2);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    expect(ws2.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: 2 });
    ws2.receive({ type: 'ready', seq: 4, user });
    ws2.receive(change(2)); // a hub replaying one too many must not duplicate it
    ws2.receive(change(3));
    ws2.receive(change(4));
    expect(t.changes.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect(t.states.at(-1)).toMatchObject({ state: 'live', seq: 4 });
  });

  it('backs off from 1 s to 10 s and keeps "since" at the moment the connection was lost', () => {
    const t = setup({ random: () => 0.5 });
    t.subscribe(5);
    FakeWebSocket.last().open();
    FakeWebSocket.last().receive({ type: 'ready', seq: 5, user });
    const lostAt = t.clock.now();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      FakeWebSocket.last().drop();
      const [delay] = t.clock.pending();
      delays.push(delay!);
      t.clock.advance(delay!);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    const reconnecting = t.states.filter((s) => s.state === 'reconnecting');
    expect(reconnecting.length).toBe(7);
    expect(reconnecting.every((s) => s.state === 'reconnecting' && s.since === lostAt)).toBe(true);
    // After a successful ready the next loss starts over at 1 s.
    FakeWebSocket.last().open();
    FakeWebSocket.last().receive({ type: 'ready', seq: 5, user });
    FakeWebSocket.last().drop();
    expect(t.clock.pending()[0]).toBe(1000);
  });

  it('keeps retrying when the WebSocket constructor itself throws', () => {
    const clock = new ManualClock();
    let tries = 0;
    class Throwing extends FakeWebSocket {
      constructor(url: string) {
        tries += 1;
        if (tries < 3) throw new Error('blocked by policy');
        super(url);
      }
    }
    const states: ConnectionState[] = [];
    createWsTransport({ url: 'ws://hub.test/api/ws', token: 't', WebSocket: Throwing, clock, random: () => 0.5 }).subscribe(null, () => {}, (s) => states.push(s));
    expect(states.at(-1)).toMatchObject({ state: 'reconnecting', lastError: 'blocked by policy' });
    clock.advance(1_000);
    clock.advance(2_000);
    expect(tries).toBe(3);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('gives up on a socket that never answers auth and tries again', () => {
    const t = setup();
    t.subscribe(3);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    t.clock.advance(15_000);
    expect(ws1.closed).toBe(true);
    expect(t.states.at(-1)).toMatchObject({ state: 'reconnecting' });
    t.clock.advance(1_200);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('a live connection that goes silent (no frame, not even a heartbeat) for 45 s is replaced; heartbeats keep it', () => {
    const t = setup();
    t.subscribe(3);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'ready', seq: 3, user });
    // The hub's heartbeat every 15 s keeps a quiet feed live for as long as it likes.
    for (let i = 0; i < 10; i++) {
      t.clock.advance(15_000);
      ws1.receive({ type: 'heartbeat' });
    }
    expect(ws1.closed).toBe(false);
    expect(t.states.at(-1)).toMatchObject({ state: 'live' });
    // Then nothing at all: a cable pulled somewhere between us and the hub.
    t.clock.advance(44_000);
    expect(ws1.closed).toBe(false);
    t.clock.advance(1_000);
    expect(ws1.closed).toBe(true);
    expect(t.states.at(-1)).toMatchObject({ state: 'reconnecting', lastError: 'no word from the hub for 45 s', since: t.clock.now() });
    t.clock.advance(1_200);
    const ws2 = FakeWebSocket.last();
    expect(ws2).not.toBe(ws1);
    ws2.open();
    expect(ws2.sent).toEqual([{ type: 'auth', token: 'T0k', since: 3 }]);
  });

  it('follows a hub whose history restarted (ready.seq behind our cursor)', () => {
    const t = setup();
    t.subscribe(500);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 3, user });
    ws.receive(change(4));
    expect(t.changes.map((c) => c.seq)).toEqual([4]);
  });
});

describe('ws transport: history restarted', () => {
  it('on `conflict` (resume point past the hub feed) signals a restart and resumes from null', () => {
    const t = setup();
    const restarts: number[] = [];
    t.transport.onHistoryRestart(() => restarts.push(t.changes.length));
    t.subscribe(900);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'error', error: { code: 'conflict', message: "since 900 is past this hub's seq 12" } });
    expect(restarts).toEqual([0]);
    expect(ws1.closed).toBe(true);
    t.clock.advance(1_200);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    expect(ws2.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: null });
    ws2.receive({ type: 'ready', seq: 12, user });
    ws2.receive(change(13));
    expect(t.changes.map((c) => c.seq)).toEqual([13]);
  });
});

describe('ws transport: unauthorized', () => {
  it('stops retrying and fails pending calls when the hub rejects the token', async () => {
    const t = setup();
    t.subscribe(null);
    const ws = FakeWebSocket.last();
    const pending = t.transport.call('sources.list', {});
    ws.open();
    ws.receive({ type: 'error', error: { code: 'unauthorized', message: 'unknown token' } });
    expect(t.states.at(-1)).toEqual({ state: 'unauthorized', message: 'unknown token' });
    await expect(pending).rejects.toMatchObject({ name: 'RpcError', code: 'unauthorized' });
    ws.drop();
    t.clock.advance(120_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await expect(t.transport.call('me.get', {})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('treats any other connection-level error as a reason to reconnect', () => {
    const t = setup();
    t.subscribe(1);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'error', error: { code: 'internal', message: 'hub restarting' } });
    expect(t.states.at(-1)).toMatchObject({ state: 'reconnecting', lastError: 'hub restarting' });
    t.clock.advance(1_200);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});

describe('ws transport: calls', () => {
  it('resolves results and rejects errors with an RpcError carrying code and message', async () => {
    const t = setup();
    t.subscribe(0);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 0, user });
    const ok = t.transport.call('items.list', { limit: 5 });
    const bad = t.transport.call('sources.remove', { id: 'nope' });
    const [c1, c2] = ws.calls();
    expect(c1).toMatchObject({ method: 'items.list', params: { limit: 5 } });
    expect(c1!.id).not.toBe(c2!.id);
    ws.receive({ type: 'error', id: c2!.id, error: { code: 'not_found', message: 'No source with id "nope".' } });
    ws.receive({ type: 'result', id: c1!.id, result: { items: [] } });
    await expect(ok).resolves.toEqual({ items: [] });
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: 'not_found', message: 'No source with id "nope".' });
  });

  it('holds calls made while disconnected until the connection is live', async () => {
    const t = setup();
    t.subscribe(7);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'ready', seq: 7, user });
    ws1.drop();
    const p = t.transport.call('me.get', {});
    expect(ws1.calls()).toHaveLength(0);
    t.clock.advance(1_200);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    expect(ws2.calls()).toHaveLength(0); // not before auth is answered
    ws2.receive({ type: 'ready', seq: 7, user });
    const [call] = ws2.calls();
    expect(call).toMatchObject({ method: 'me.get' });
    ws2.receive({ type: 'result', id: call!.id, result: user });
    await expect(p).resolves.toEqual(user);
  });

  it('fails a waiting call after 15 s without a connection', async () => {
    const t = setup();
    t.subscribe(7);
    FakeWebSocket.last().drop();
    const p = t.transport.call('me.get', {});
    let settled = false;
    p.catch(() => (settled = true));
    t.clock.advance(14_000);
    await flush();
    expect(settled).toBe(false);
    t.clock.advance(1_000);
    await expect(p).rejects.toMatchObject({ name: 'RpcError', message: expect.stringContaining('15 s') });
    // It never goes out later either.
    t.clock.advance(20_000);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 7, user });
    expect(ws.calls()).toHaveLength(0);
  });

  it('fails calls that were on the wire when the socket dropped, and does not resend them', async () => {
    const t = setup();
    t.subscribe(0);
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'ready', seq: 0, user });
    const p = t.transport.call('sources.pause', { id: 's1' });
    expect(ws1.calls()).toHaveLength(1);
    ws1.drop();
    await expect(p).rejects.toMatchObject({ message: expect.stringContaining('may or may not') });
    t.clock.advance(1_200);
    const ws2 = FakeWebSocket.last();
    ws2.open();
    ws2.receive({ type: 'ready', seq: 0, user });
    expect(ws2.calls()).toHaveLength(0);
  });

  it('fails a call the hub never answers after 30 s, saying so, and ignores a late answer', async () => {
    const t = setup();
    t.subscribe(0);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 0, user });
    const p = t.transport.call('walls.get', { wallId: 'default' });
    const settled = vi.fn();
    p.then(settled, settled);
    t.clock.advance(29_000);
    await flush();
    expect(settled).not.toHaveBeenCalled();
    t.clock.advance(1_000);
    await expect(p).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/walls\.get.*30 s/) });
    // The answer arriving after all changes nothing, and the connection stays up for the next call.
    ws.receive({ type: 'result', id: ws.calls()[0]!.id, result: { layout: null } });
    const next = t.transport.call('me.get', {});
    ws.receive({ type: 'result', id: ws.calls()[1]!.id, result: user });
    await expect(next).resolves.toEqual(user);
    expect(t.clock.pending().length).toBeGreaterThan(0); // only the silence watch
  });

  it('an answered call leaves no timer behind', async () => {
    const t = setup();
    t.subscribe(0);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 0, user });
    const before = t.clock.pending().length;
    const p = t.transport.call('me.get', {});
    expect(t.clock.pending()).toHaveLength(before + 1);
    ws.receive({ type: 'result', id: ws.calls()[0]!.id, result: user });
    await p;
    expect(t.clock.pending()).toHaveLength(before);
  });

  it('a call on the wire when the subscription replaces the socket fails at once instead of waiting forever', async () => {
    // A screen's first call opens a socket before the replica subscribes; subscribing starts over
    // from its own resume point on a new socket, and the old one's answer can never arrive.
    const t = setup();
    const p = t.transport.call('walls.get', { wallId: 'default' });
    const ws1 = FakeWebSocket.last();
    ws1.open();
    ws1.receive({ type: 'ready', seq: 3, user });
    expect(ws1.calls()).toHaveLength(1);
    t.subscribe(0);
    await expect(p).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('may or may not') });
    const ws2 = FakeWebSocket.last();
    expect(ws2).not.toBe(ws1);
    ws2.open();
    ws2.receive({ type: 'ready', seq: 3, user });
    expect(ws2.calls()).toHaveLength(0);
  });

  it('a call before any subscription connects by itself', async () => {
    const t = setup();
    const p = t.transport.call('me.get', {});
    const ws = FakeWebSocket.last();
    ws.open();
    expect(ws.sent[0]).toEqual({ type: 'auth', token: 'T0k', since: null });
    ws.receive({ type: 'ready', seq: 9, user });
    ws.receive({ type: 'result', id: ws.calls()[0]!.id, result: user });
    await expect(p).resolves.toEqual(user);
  });

  it('unsubscribing closes the socket for good', async () => {
    const t = setup();
    const off = t.subscribe(0);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'ready', seq: 0, user });
    off();
    expect(ws.closed).toBe(true);
    t.clock.advance(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    ws.receive(change(1)); // a frame after close goes nowhere
    expect(t.changes).toHaveLength(0);
  });
});

describe('backoffDelay', () => {
  it('stays within [1 s, 10 s] whatever the jitter', () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.999]) {
        const d = backoffDelay(attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(1000);
        expect(d).toBeLessThanOrEqual(10_000);
      }
    }
    expect(backoffDelay(3, () => 0)).toBeLessThan(backoffDelay(3, () => 0.999));
  });
});
