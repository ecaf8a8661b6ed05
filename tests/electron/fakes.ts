import type { Change, ChangeEnvelope } from '../../shared/changes.js';
import type { UserView } from '../../shared/domain.js';
import { RpcError } from '../../shared/errors.js';
import { openChangeStream } from '../../electron/engine/stream/change-stream.js';
import type { Engine } from '../../electron/engine/index.js';
import type { IpcEventLike, IpcHandler, IpcMainLike, WebContentsLike } from '../../electron/main/ipc-types.js';

export const FAKE_FEED_ID = 'fake-feed';

/** An engine with an in-memory change feed (streamed by the engine's real change stream) and a call log; `fail` makes the next call throw. */
export function fakeEngine() {
  const log: ChangeEnvelope[] = [];
  const listeners = new Set<(envs: ChangeEnvelope[]) => void>();
  const calls: Array<{ user: UserView; method: string; params: unknown }> = [];
  let failWith: unknown = null;
  const engine = {
    calls,
    listenerCount: () => listeners.size,
    failNext(err: unknown) {
      failWith = err;
    },
    /** Commits changes: appended to the feed, then listeners get the batch. */
    commit(...changes: Change[]) {
      const base = log.length;
      const envs = changes.map((change, i) => ({ seq: base + i + 1, change }));
      log.push(...envs);
      for (const l of listeners) l(envs);
      return envs;
    },
    async call(user: UserView, method: string, params: unknown) {
      calls.push({ user, method, params });
      if (failWith) {
        const err = failWith;
        failWith = null;
        throw err;
      }
      if (method === 'sources.add' && user.role !== 'admin') throw new RpcError('forbidden', 'admins only');
      return { echo: params } as never;
    },
    currentSeq: () => log.length,
    changesSince: (seq: number, limit: number) => log.filter((e) => e.seq > seq).slice(0, limit),
    onChanges(listener: (envs: ChangeEnvelope[]) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    feedId: () => FAKE_FEED_ID,
    stream(...args: Parameters<Engine['stream']>) {
      return openChangeStream(engine, ...args);
    },
  };
  return engine;
}

export function removed(id: string): Change {
  return { kind: 'source.removed', id };
}

/** A webContents that records what main sends it and can be destroyed. */
export function fakeContents(id = 1) {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const onDestroyed: Array<() => void> = [];
  let destroyed = false;
  const contents: WebContentsLike & { sent: typeof sent; destroy(): void } = {
    id,
    sent,
    send(channel, payload) {
      if (destroyed) throw new Error('Object has been destroyed');
      sent.push({ channel, payload });
    },
    isDestroyed: () => destroyed,
    once(_event, listener) {
      onDestroyed.push(listener);
      return contents;
    },
    destroy() {
      destroyed = true;
      for (const l of onDestroyed) l();
    },
  };
  return contents;
}

export function fakeEvent(sender: WebContentsLike, url = 'app://newsroom/index.html#/desk', top = true): IpcEventLike {
  return { sender, senderFrame: { url, parent: top ? null : { url } } };
}

/** ipcMain stand-in: records handlers and lets a test invoke them like the renderer would. */
export function fakeIpcMain() {
  const handlers = new Map<string, IpcHandler>();
  const ipc: IpcMainLike & { handlers: typeof handlers; invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> } = {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    async invoke(channel, event, ...args) {
      const h = handlers.get(channel);
      if (!h) throw new Error(`No handler registered for '${channel}'`);
      return h(event, ...args);
    },
  };
  return ipc;
}
