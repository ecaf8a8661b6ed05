import type { ChangeEnvelope } from './changes.js';
import type { UserView } from './domain.js';
import type { RpcErrorBody } from './errors.js';
import type { MethodName, Params, Results } from './methods.js';

/** IPC channel names: one per contract method ("rpc:<method>") plus the change stream. */
export const IPC_RPC_PREFIX = 'rpc:';
export const IPC_SUBSCRIBE = 'changes:subscribe';
export const IPC_UNSUBSCRIBE = 'changes:unsubscribe';
export const IPC_EVENT = 'changes:event';
export const IPC_OPEN_EXTERNAL = 'shell:open-external';
/** The hub token of a desk in --hub mode, kept by the main process with safeStorage. */
export const IPC_HUB_TOKEN_GET = 'hub-token:get';
export const IPC_HUB_TOKEN_SET = 'hub-token:set';

export type BridgeReply<R> = { ok: true; result: R } | { ok: false; error: RpcErrorBody };

export type BridgeEvent =
  | { type: 'ready'; seq: number; user: UserView; feedId: string }
  | { type: 'changes'; envs: ChangeEnvelope[] };

export interface BridgeConfig {
  /** solo: the engine runs in the main process; hub: the renderer talks to `hubUrl` over WebSocket. */
  mode: 'solo' | 'hub';
  hubUrl: string | null;
  wall: boolean;
}

/** What the preload script exposes as `window.newsroom`: nothing else crosses the bridge. */
export interface NewsroomBridge {
  config: BridgeConfig;
  methods: { [M in MethodName]: (params: Params<M>) => Promise<BridgeReply<Results[M]>> };
  /** `feedId`: the feed `since` was read from; another feed starts the stream over at its current seq. */
  subscribe(since: number | null, listener: (event: BridgeEvent) => void, feedId?: string | null): () => void;
  openExternal(url: string): Promise<BridgeReply<true>>;
  /**
   * Hub mode: the remembered hub token, encrypted at rest by the main process (safeStorage), never
   * in the page's storage. `set(null)` forgets it. A reply is not ok when the OS keyring is missing.
   */
  hubToken: {
    get(): Promise<BridgeReply<string | null>>;
    set(token: string | null): Promise<BridgeReply<true>>;
  };
}
