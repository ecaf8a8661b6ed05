import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/api';
import type { BridgeEvent, NewsroomBridge } from '../../shared/bridge';
import type { ChangeEnvelope } from '../../shared/changes';
import { RpcError } from '../../shared/errors';
import { createApi, fingerprint, resolveTarget, wsUrl } from '../../renderer/src/api/create-api';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import { FakeWebSocket } from './helpers/fake-websocket';
import { added } from './helpers/items';

const user = { name: 'desk', role: 'admin' as const };

function fakeBridge(mode: 'solo' | 'hub' = 'solo', hubUrl: string | null = null) {
  let listener: ((e: BridgeEvent) => void) | null = null;
  let subscribedSince: number | null | undefined;
  let subscribedFeed: string | null | undefined;
  const bridge = {
    config: { mode, hubUrl, wall: false },
    methods: {
      'me.get': async () => ({ ok: true, result: user }),
      'sources.remove': async () => ({ ok: false, error: { code: 'forbidden', message: 'admins only' } }),
    },
    subscribe(since: number | null, l: (e: BridgeEvent) => void, feedId?: string | null) {
      subscribedSince = since;
      subscribedFeed = feedId;
      listener = l;
      return () => (listener = null);
    },
    openExternal: async () => ({ ok: true, result: true }),
  } as unknown as NewsroomBridge;
  return { bridge, emit: (e: BridgeEvent) => listener?.(e), since: () => subscribedSince, feed: () => subscribedFeed, subscribed: () => listener !== null };
}

describe('ipc transport', () => {
  it('unwraps bridge replies into results and RpcErrors', async () => {
    const { bridge } = fakeBridge();
    const t = createIpcTransport(bridge);
    await expect(t.call('me.get', {})).resolves.toEqual(user);
    const err = await t.call('sources.remove', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: 'forbidden', message: 'admins only' });
    await expect(t.call('sources.pause', { id: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('turns bridge events into live state and ordered, de-duplicated changes', () => {
    const { bridge, emit, since, subscribed } = fakeBridge();
    const t = createIpcTransport(bridge);
    const states: ConnectionState[] = [];
    const changes: ChangeEnvelope[] = [];
    const off = t.subscribe(4, (e) => changes.push(e), (s) => states.push(s));
    expect(since()).toBe(4);
    emit({ type: 'ready', seq: 6, user, feedId: 'f1' });
    emit({ type: 'changes', envs: [added(4), added(5), added(6)] });
    emit({ type: 'changes', envs: [added(6), added(7)] });
    expect(states).toEqual([{ state: 'connecting' }, { state: 'live', user, seq: 6, feedId: 'f1' }]);
    expect(changes.map((c) => c.seq)).toEqual([5, 6, 7]);
    off();
    expect(subscribed()).toBe(false);
  });

  it('passes the feed id on and signals a restart when the engine streams another feed (a replaced data dir)', () => {
    const { bridge, emit, feed } = fakeBridge();
    const t = createIpcTransport(bridge);
    const restarts: number[] = [];
    const changes: ChangeEnvelope[] = [];
    t.onHistoryRestart(() => restarts.push(changes.length));
    t.subscribe(40, (e) => changes.push(e), () => undefined, { feedId: 'old' });
    expect(feed()).toBe('old');
    emit({ type: 'ready', seq: 3, user, feedId: 'new' });
    emit({ type: 'changes', envs: [added(4)] });
    expect(restarts).toEqual([0]);
    expect(changes.map((c) => c.seq)).toEqual([4]);
  });
});

describe('create api', () => {
  it('uses IPC in solo mode and the WebSocket otherwise', () => {
    expect(resolveTarget(fakeBridge('solo').bridge, { href: 'file:///app/index.html' })).toMatchObject({ kind: 'ipc', needsToken: false });
    expect(resolveTarget(fakeBridge('hub', 'http://10.0.0.5:4780').bridge, { href: 'file:///app/index.html#/wall' })).toEqual({
      kind: 'ws',
      endpoint: 'ws://10.0.0.5:4780/api/ws',
      needsToken: true,
    });
    expect(resolveTarget(undefined, { href: 'https://hub.example/#/wall?name=lobby' })).toMatchObject({ kind: 'ws', endpoint: 'wss://hub.example/api/ws' });
  });

  it('has no endpoint (and refuses to connect) when an Electron window in hub mode lacks a hub URL', () => {
    const { bridge } = fakeBridge('hub', null);
    expect(resolveTarget(bridge, { href: 'file:///app/index.html' }).endpoint).toBe('');
    expect(() => createApi({ bridge, location: { href: 'file:///app/index.html' }, token: 't' })).toThrow(/hub URL/);
  });

  it('derives the ws URL from the page or the configured hub', () => {
    expect(wsUrl('http://127.0.0.1:4780/')).toBe('ws://127.0.0.1:4780/api/ws');
    expect(wsUrl('https://hub.example/some/page?x=1#/wall')).toBe('wss://hub.example/api/ws');
  });

  it('keys the replica by hub and token without storing the token', () => {
    const a = createApi({ bridge: undefined, location: { href: 'http://hub.test/' }, token: 'secret-token-1', WebSocket: FakeWebSocket });
    const b = createApi({ bridge: undefined, location: { href: 'http://hub.test/' }, token: 'secret-token-2', WebSocket: FakeWebSocket });
    expect(a.hubKey).not.toBe(b.hubKey);
    expect(a.hubKey).not.toContain('secret');
    expect(a.hubKey.startsWith('ws://hub.test/api/ws')).toBe(true);
    expect(fingerprint('x')).toBe(fingerprint('x'));
    expect(createApi({ bridge: fakeBridge('solo').bridge, location: { href: 'file:///x' }, token: null }).hubKey).toBe('solo');
    expect(() => createApi({ bridge: undefined, location: { href: 'http://hub.test/' }, token: null })).toThrow(/sign in/);
  });
});
