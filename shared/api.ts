import type { ChangeEnvelope } from './changes.js';
import type { MethodName, Params, Results } from './methods.js';
import type { UserView } from './domain.js';

export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'live'; user: UserView; seq: number; feedId?: string | null }
  | { state: 'reconnecting'; since: number; lastError: string | null }
  | { state: 'unauthorized'; message: string };

/**
 * The one client contract, whatever carries it (preload bridge in Electron, WebSocket from a hub).
 * `subscribe` delivers every change after `since` in seq order, resuming after reconnects.
 * `feedId` names the feed `since` belongs to: when the engine's feed is another one (its data dir
 * was replaced) the transport restarts from null and tells a restart-aware listener first.
 */
export interface ApiTransport {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]>;
  subscribe(
    since: number | null,
    onChange: (env: ChangeEnvelope) => void,
    onState: (s: ConnectionState) => void,
    resume?: { feedId: string | null },
  ): () => void;
}

/**
 * While a session is signed in the hub sends a heartbeat this often, so a client can tell a quiet
 * feed from a dead connection (a wall must never say `live` over a connection that died silently).
 */
export const HEARTBEAT_MS = 15_000;

/** Messages on /api/ws (their schemas: shared/ws-frames.ts). */
export type ClientMessage =
  | { type: 'auth'; token: string; since: number | null; feedId?: string | undefined }
  | { type: 'call'; id: string | number; method: string; params?: unknown };

export type ServerMessage =
  | { type: 'ready'; seq: number; user: UserView; feedId?: string | undefined }
  | { type: 'change'; seq: number; change: ChangeEnvelope['change'] }
  | { type: 'result'; id: string | number; result: unknown }
  | { type: 'error'; id?: string | number; error: { code: string; message: string } }
  | { type: 'heartbeat' };
