import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_HUB_TOKEN_GET, IPC_HUB_TOKEN_SET, IPC_OPEN_EXTERNAL, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE, type BridgeConfig, type BridgeEvent } from '../../shared/bridge.js';
import { methods } from '../../shared/methods.js';
import { createBridge, type IpcRendererLike } from '../../electron/preload/bridge.js';
import { CONFIG_ARG_PREFIX, encodeBridgeConfigArg, parseBridgeConfigArg } from '../../electron/preload/bridge-config.js';
import { METHOD_NAMES } from '../../shared/method-names.js';

const solo: BridgeConfig = { mode: 'solo', hubUrl: null, wall: false };

function fakeIpcRenderer(reply: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, result: true })) {
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: IpcRendererLike & { invoked: typeof invoked; emit(payload: unknown): void } = {
    invoked,
    async invoke(channel, ...args) {
      invoked.push({ channel, args });
      return reply(channel, ...args);
    },
    on(channel, listener) {
      listeners.set(channel, listener);
      return ipc;
    },
    emit(payload) {
      listeners.get(IPC_EVENT)?.({ sender: 'secret-ipc-object' }, payload);
    },
  };
  return ipc;
}

describe('method names', () => {
  it('match the contract exactly', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('bridge config argument', () => {
  it.each<BridgeConfig>([solo, { mode: 'hub', hubUrl: 'http://10.0.0.5:4780', wall: true }])('round-trips %j', (config) => {
    expect(parseBridgeConfigArg(['/electron', '--foo', encodeBridgeConfigArg(config)])).toEqual(config);
  });

  it.each([
    ['missing', []],
    ['not JSON', [`${CONFIG_ARG_PREFIX}{nope`]],
    ['bad URI encoding', [`${CONFIG_ARG_PREFIX}%E0%A4%A`]],
    ['unknown mode', [encodeBridgeConfigArg({ mode: 'root', hubUrl: null, wall: false } as never)]],
    ['hub without URL', [encodeBridgeConfigArg({ mode: 'hub', hubUrl: null, wall: false })]],
    ['hub with a javascript: URL', [encodeBridgeConfigArg({ mode: 'hub', hubUrl: 'javascript:alert(1)', wall: false })]],
    ['solo with a URL', [encodeBridgeConfigArg({ mode: 'solo', hubUrl: 'http://x', wall: false })]],
    ['wall not boolean', [encodeBridgeConfigArg({ mode: 'solo', hubUrl: null, wall: 'yes' } as never)]],
  ])('refuses %s', (_name, argv) => {
    expect(parseBridgeConfigArg(argv)).toBeNull();
  });
});

describe('createBridge', () => {
  it('exposes exactly config, methods, subscribe, openExternal and hubToken', () => {
    const bridge = createBridge(fakeIpcRenderer(), solo);
    expect(Object.keys(bridge).sort()).toEqual(['config', 'hubToken', 'methods', 'openExternal', 'subscribe']);
    expect(Object.keys(bridge.hubToken).sort()).toEqual(['get', 'set']);
    expect(Object.isFrozen(bridge.hubToken)).toBe(true);
    expect(Object.keys(bridge.methods).sort()).toEqual(Object.keys(methods).sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.methods)).toBe(true);
    expect(bridge.config).toEqual(solo);
  });

  it('sends each method on its own channel and returns the reply', async () => {
    const ipc = fakeIpcRenderer(() => ({ ok: true, result: { name: 'admin', role: 'admin' } }));
    const bridge = createBridge(ipc, solo);
    expect(await bridge.methods['me.get']({})).toEqual({ ok: true, result: { name: 'admin', role: 'admin' } });
    await bridge.methods['items.list']({ limit: 3 });
    expect(ipc.invoked).toEqual([
      { channel: 'rpc:me.get', args: [{}] },
      { channel: 'rpc:items.list', args: [{ limit: 3 }] },
    ]);
  });

  it('turns a rejected or malformed invoke into an error reply', async () => {
    const rejecting = createBridge(
      {
        invoke: async () => {
          throw new Error("No handler registered for 'rpc:me.get'");
        },
        on: () => undefined,
      },
      solo,
    );
    expect(await rejecting.methods['me.get']({})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const malformed = createBridge(fakeIpcRenderer(() => 'surprise'), solo);
    expect(await malformed.openExternal('https://example.com')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('reads and sets the hub token through its own channels only (the main process keeps it with safeStorage)', async () => {
    const ipc = fakeIpcRenderer((channel) => (channel === IPC_HUB_TOKEN_GET ? { ok: true, result: 'nr_abc' } : { ok: true, result: true }));
    const bridge = createBridge(ipc, { mode: 'hub', hubUrl: 'http://10.0.0.5:4780', wall: false });
    expect(await bridge.hubToken.get()).toEqual({ ok: true, result: 'nr_abc' });
    expect(await bridge.hubToken.set('nr_new')).toEqual({ ok: true, result: true });
    expect(await bridge.hubToken.set(null)).toEqual({ ok: true, result: true });
    expect(ipc.invoked).toEqual([
      { channel: IPC_HUB_TOKEN_GET, args: [] },
      { channel: IPC_HUB_TOKEN_SET, args: ['nr_new'] },
      { channel: IPC_HUB_TOKEN_SET, args: [null] },
    ]);
  });

  it('opens links through the shell channel only', async () => {
    const ipc = fakeIpcRenderer();
    await createBridge(ipc, solo).openExternal('https://example.com/');
    expect(ipc.invoked).toEqual([{ channel: IPC_OPEN_EXTERNAL, args: ['https://example.com/'] }]);
  });

  it('routes change events to the right listener, without the IPC event object', async () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc, solo);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.subscribe(null, a);
    bridge.subscribe(5, b);
    const [subA, subB] = ipc.invoked.map((i) => i.args[0] as { page: string; id: number; since: number | null });
    expect(ipc.invoked.map((i) => i.channel)).toEqual([IPC_SUBSCRIBE, IPC_SUBSCRIBE]);
    expect(subA!.since).toBeNull();
    expect(subB!.since).toBe(5);
    const ready: BridgeEvent = { type: 'ready', seq: 5, user: { name: 'admin', role: 'admin' }, feedId: 'f1' };
    ipc.emit({ page: subA!.page, id: subA!.id, event: ready });
    expect(a).toHaveBeenCalledWith(ready);
    expect(a.mock.calls[0]).toHaveLength(1);
    expect(b).not.toHaveBeenCalled();
    // Another page's events (a stale main-side stream) and junk are ignored.
    ipc.emit({ page: 'other', id: subA!.id, event: ready });
    ipc.emit('junk');
    ipc.emit(null);
    expect(a).toHaveBeenCalledTimes(1);
    offA();
    offA();
    expect(ipc.invoked.filter((i) => i.channel === IPC_UNSUBSCRIBE)).toHaveLength(1);
    ipc.emit({ page: subA!.page, id: subA!.id, event: ready });
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('validates since and the listener before anything crosses IPC', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc, solo);
    expect(() => bridge.subscribe(-1, () => undefined)).toThrow(TypeError);
    expect(() => bridge.subscribe(1.5, () => undefined)).toThrow(TypeError);
    expect(() => bridge.subscribe(null, 'nope' as never)).toThrow(TypeError);
    expect(ipc.invoked).toHaveLength(0);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc, solo);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bridge.subscribe(null, () => {
      throw new Error('boom');
    });
    const good = vi.fn();
    bridge.subscribe(null, good);
    const subs = ipc.invoked.map((i) => i.args[0] as { page: string; id: number });
    const event: BridgeEvent = { type: 'changes', envs: [] };
    for (const s of subs) ipc.emit({ page: s.page, id: s.id, event });
    expect(good).toHaveBeenCalledWith(event);
    spy.mockRestore();
  });
});
