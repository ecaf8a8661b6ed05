import { describe, expect, it, vi } from 'vitest';
import { IPC_OPEN_EXTERNAL, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../shared/bridge.js';
import type { UserView } from '../../shared/domain.js';
import { RpcError } from '../../shared/errors.js';
import { methods } from '../../shared/methods.js';
import { APP_ORIGIN } from '../../electron/main/app-url.js';
import { createRpcHandler, registerOpenExternal, registerRpc, registerUnavailableRpc, RPC_CHANNELS } from '../../electron/main/ipc.js';
import { safeOpenExternal } from '../../electron/main/open-external.js';
import { createSenderCheck } from '../../electron/main/sender-check.js';
import { fakeContents, fakeEngine, fakeEvent, fakeIpcMain } from './fakes.js';

const admin: UserView = { name: 'admin', role: 'admin' };
const OUR_WINDOW = 7;
const senderCheck = createSenderCheck({ origins: new Set([APP_ORIGIN]), isOurWebContents: (id) => id === OUR_WINDOW });

function setup(user: UserView | null = admin) {
  const engine = fakeEngine();
  const ipc = fakeIpcMain();
  const dispose = registerRpc(ipc, engine, () => user, senderCheck);
  const contents = fakeContents(OUR_WINDOW);
  return { engine, ipc, dispose, contents, event: fakeEvent(contents) };
}

describe('sender check', () => {
  const ours = fakeContents(OUR_WINDOW);

  it('accepts the top frame of our window on our origin', () => {
    expect(senderCheck(fakeEvent(ours, 'app://newsroom/index.html#/wall'))).toBe(true);
  });

  it.each([
    ['a foreign origin', fakeEvent(ours, 'https://evil.example/')],
    ['file://', fakeEvent(ours, 'file:///tmp/evil.html')],
    ['another app:// host', fakeEvent(ours, 'app://evil/index.html')],
    ['a subframe', fakeEvent(ours, 'app://newsroom/index.html', false)],
    ['an unknown window', fakeEvent(fakeContents(99), 'app://newsroom/index.html')],
    ['a missing frame', { sender: ours, senderFrame: null }],
    [
      'a frame that throws',
      {
        sender: ours,
        get senderFrame(): never {
          throw new Error('Render frame was disposed');
        },
      },
    ],
  ])('refuses %s', (_name, event) => {
    expect(senderCheck(event)).toBe(false);
  });
});

describe('registerRpc', () => {
  it('registers exactly one channel per contract method plus the change stream', () => {
    const { ipc } = setup();
    const expected = [...Object.keys(methods).map((m) => `rpc:${m}`), IPC_SUBSCRIBE, IPC_UNSUBSCRIBE];
    expect([...ipc.handlers.keys()].sort()).toEqual(expected.sort());
    expect(RPC_CHANNELS).toHaveLength(Object.keys(methods).length);
  });

  it('calls the engine with the window user and returns an ok envelope', async () => {
    const { ipc, engine, event } = setup();
    const reply = await ipc.invoke('rpc:items.list', event, { limit: 5 });
    expect(reply).toEqual({ ok: true, result: { echo: { limit: 5 } } });
    expect(engine.calls).toEqual([{ user: admin, method: 'items.list', params: { limit: 5 } }]);
  });

  it.each([
    ['a foreign origin', 'https://evil.example/', true, OUR_WINDOW],
    ['a subframe', 'app://newsroom/index.html', false, OUR_WINDOW],
    ['an unknown window', 'app://newsroom/index.html', true, 3],
  ])('refuses calls from %s without reaching the engine', async (_name, url, top, id) => {
    const { ipc, engine } = setup();
    const reply = await ipc.invoke('rpc:me.get', fakeEvent(fakeContents(id), url, top), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.calls).toHaveLength(0);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', '{}'],
    ['a number', 1],
    ['an array', [{}]],
    ['a Date', new Date()],
    ['a Map', new Map()],
    ['a BigInt inside', { limit: 10n }],
    ['a cycle', (() => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    })()],
    ['an oversized object', { q: 'x'.repeat(1024 * 1024 + 1) }],
  ])('answers invalid_input for %s params', async (_name, params) => {
    const { ipc, engine, event } = setup();
    const reply = await ipc.invoke('rpc:items.list', event, params);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(engine.calls).toHaveLength(0);
  });

  it('answers not_found for a method outside the contract', async () => {
    const handler = createRpcHandler(fakeEngine(), () => admin, senderCheck);
    const reply = await handler('shell.exec', fakeEvent(fakeContents(OUR_WINDOW)), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('has no channel for anything outside the contract', async () => {
    const { ipc, event } = setup();
    await expect(ipc.invoke('rpc:shell.exec', event, {})).rejects.toThrow(/No handler/);
  });

  it('answers unauthorized when the window has no user', async () => {
    const { ipc, engine, event } = setup(null);
    expect(await ipc.invoke('rpc:me.get', event, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(engine.calls).toHaveLength(0);
  });

  it('passes engine RpcErrors through and hides other errors', async () => {
    const { ipc, engine, event } = setup({ name: 'a1', role: 'agent' });
    expect(await ipc.invoke('rpc:sources.add', event, {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'admins only' } });
    engine.failNext(new Error('SQLITE_CORRUPT at /home/me/secret/path'));
    const reply = await ipc.invoke('rpc:me.get', event, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('/home/me');
    engine.failNext(new RpcError('not_found', 'no such source'));
    expect(await ipc.invoke('rpc:sources.remove', event, { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'no such source' } });
  });

  it.each([
    ['a negative since', { page: 'p', id: 1, since: -1 }],
    ['a fractional since', { page: 'p', id: 1, since: 1.5 }],
    ['a string since', { page: 'p', id: 1, since: '3' }],
    ['a missing since', { page: 'p', id: 1 }],
    ['NaN', { page: 'p', id: 1, since: Number.NaN }],
    ['no id', { page: 'p', since: null }],
    ['no page', { id: 1, since: null }],
    ['not an object', 5],
  ])('refuses a subscription with %s', async (_name, payload) => {
    const { ipc, event, engine } = setup();
    expect(await ipc.invoke(IPC_SUBSCRIBE, event, payload)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(engine.listenerCount()).toBe(0);
  });

  it('refuses a subscription from a foreign sender', async () => {
    const { ipc, engine } = setup();
    const reply = await ipc.invoke(IPC_SUBSCRIBE, fakeEvent(fakeContents(OUR_WINDOW), 'https://evil.example/'), { page: 'p', id: 1, since: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.listenerCount()).toBe(0);
  });

  it('streams ready and changes, and stops on unsubscribe', async () => {
    const { ipc, event, engine, contents } = setup();
    expect(await ipc.invoke(IPC_SUBSCRIBE, event, { page: 'p', id: 1, since: null })).toEqual({ ok: true, result: true });
    engine.commit({ kind: 'source.removed', id: 'a' });
    expect(contents.sent.map((s) => s.channel)).toEqual(['changes:event', 'changes:event']);
    expect(await ipc.invoke(IPC_UNSUBSCRIBE, event, { page: 'p', id: 1 })).toEqual({ ok: true, result: true });
    expect(engine.listenerCount()).toBe(0);
  });

  it('cleans up streams when the window is destroyed, and everything on dispose', async () => {
    const { ipc, event, engine, contents, dispose } = setup();
    await ipc.invoke(IPC_SUBSCRIBE, event, { page: 'p', id: 1, since: null });
    await ipc.invoke(IPC_SUBSCRIBE, event, { page: 'p', id: 2, since: 0 });
    expect(engine.listenerCount()).toBe(2);
    contents.destroy();
    expect(engine.listenerCount()).toBe(0);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('open-external over IPC', () => {
  function setupShell() {
    const ipc = fakeIpcMain();
    const open = vi.fn(async () => undefined);
    registerOpenExternal(ipc, senderCheck, (url) => safeOpenExternal(url, open));
    return { ipc, open };
  }

  it('opens an https link from our window', async () => {
    const { ipc, open } = setupShell();
    expect(await ipc.invoke(IPC_OPEN_EXTERNAL, fakeEvent(fakeContents(OUR_WINDOW)), 'https://example.com/')).toEqual({ ok: true, result: true });
    expect(open).toHaveBeenCalledWith('https://example.com/');
  });

  it('refuses a bad scheme with invalid_input and a foreign sender with forbidden', async () => {
    const { ipc, open } = setupShell();
    expect(await ipc.invoke(IPC_OPEN_EXTERNAL, fakeEvent(fakeContents(OUR_WINDOW)), 'file:///etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await ipc.invoke(IPC_OPEN_EXTERNAL, fakeEvent(fakeContents(OUR_WINDOW), 'https://evil.example/'), 'https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(open).not.toHaveBeenCalled();
  });

  it('reports an OS failure as an internal error instead of throwing', async () => {
    const ipc = fakeIpcMain();
    registerOpenExternal(ipc, senderCheck, async () => {
      throw new Error('xdg-open not found');
    });
    expect(await ipc.invoke(IPC_OPEN_EXTERNAL, fakeEvent(fakeContents(OUR_WINDOW)), 'https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('hub mode', () => {
  it('answers every contract channel with a clear error, still checking the sender', async () => {
    const ipc = fakeIpcMain();
    registerUnavailableRpc(ipc, senderCheck, 'use the hub');
    expect(await ipc.invoke('rpc:me.get', fakeEvent(fakeContents(OUR_WINDOW)), {})).toEqual({ ok: false, error: { code: 'not_found', message: 'use the hub' } });
    expect(await ipc.invoke(IPC_SUBSCRIBE, fakeEvent(fakeContents(1)), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
