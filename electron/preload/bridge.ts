import {
  IPC_EVENT,
  IPC_HUB_TOKEN_GET,
  IPC_HUB_TOKEN_SET,
  IPC_OPEN_EXTERNAL,
  IPC_RPC_PREFIX,
  IPC_SUBSCRIBE,
  IPC_UNSUBSCRIBE,
  type BridgeConfig,
  type BridgeEvent,
  type BridgeReply,
  type NewsroomBridge,
} from '../../shared/bridge.js';
// Names only: shared/method-names.ts has no zod, so the sandboxed preload bundle stays small.
import { METHOD_NAMES } from '../../shared/method-names.js';

/** The slice of ipcRenderer the bridge uses (tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isReply(value: unknown): value is BridgeReply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'result' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}

/** invoke() that always resolves to a reply: a missing handler or a clone failure becomes an error reply. */
async function invokeReply<R>(ipc: IpcRendererLike, channel: string, ...args: unknown[]): Promise<BridgeReply<R>> {
  try {
    const reply = await ipc.invoke(channel, ...args);
    if (isReply(reply)) return reply as BridgeReply<R>;
    return { ok: false, error: { code: 'internal', message: `Malformed reply on ${channel}.` } };
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}

function newPageId(): string {
  // Distinguishes this page from the one before a reload in the same window; not a secret.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * window.newsroom: exactly the NewsroomBridge contract. Each method is a named function bound to
 * its own channel; there is no generic invoke and ipcRenderer itself never crosses the bridge.
 */
export function createBridge(ipc: IpcRendererLike, config: BridgeConfig): NewsroomBridge {
  const page = newPageId();
  let nextId = 1;
  const listeners = new Map<number, (event: BridgeEvent) => void>();

  ipc.on(IPC_EVENT, (_event, message) => {
    // The IpcRendererEvent (sender, ports) stays here; only the BridgeEvent goes to the page.
    if (typeof message !== 'object' || message === null) return;
    const m = message as { page?: unknown; id?: unknown; event?: unknown };
    if (m.page !== page || typeof m.id !== 'number') return;
    const listener = listeners.get(m.id);
    if (!listener || typeof m.event !== 'object' || m.event === null) return;
    try {
      listener(m.event as BridgeEvent);
    } catch (err) {
      console.error('newsroom: a change listener threw', err);
    }
  });

  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (params: unknown) => invokeReply(ipc, `${IPC_RPC_PREFIX}${name}`, params ?? {})]),
  ) as unknown as NewsroomBridge['methods'];

  return Object.freeze({
    config: Object.freeze({ ...config }),
    methods: Object.freeze(methods),
    subscribe(since: number | null, listener: (event: BridgeEvent) => void, feedId: string | null = null): () => void {
      if (since !== null && !(Number.isSafeInteger(since) && since >= 0)) throw new TypeError('since is null or a non-negative integer seq.');
      if (typeof listener !== 'function') throw new TypeError('listener must be a function.');
      if (feedId !== null && typeof feedId !== 'string') throw new TypeError('feedId is null or a string.');
      const id = nextId++;
      listeners.set(id, listener);
      void invokeReply<true>(ipc, IPC_SUBSCRIBE, { page, id, since, feedId }).then((reply) => {
        if (!reply.ok) console.error(`newsroom: change stream refused: ${reply.error.code}: ${reply.error.message}`);
      });
      return () => {
        if (!listeners.delete(id)) return;
        void invokeReply(ipc, IPC_UNSUBSCRIBE, { page, id });
      };
    },
    openExternal(url: string): Promise<BridgeReply<true>> {
      return invokeReply<true>(ipc, IPC_OPEN_EXTERNAL, url);
    },
    hubToken: Object.freeze({
      get: () => invokeReply<string | null>(ipc, IPC_HUB_TOKEN_GET),
      set: (token: string | null) => invokeReply<true>(ipc, IPC_HUB_TOKEN_SET, token),
    }),
  });
}
