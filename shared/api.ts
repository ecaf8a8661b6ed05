import type { ChangeEnvelope } from './changes.js';
import type { MethodName, Params, Results } from './methods.js';
import type { UserView } from './domain.js';

export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'live'; user: UserView; seq: number }
  | { state: 'reconnecting'; since: number; lastError: string | null }
  | { state: 'unauthorized'; message: string };

/**
 * The one client contract, whatever carries it (preload bridge in Electron, WebSocket from a hub).
 * `subscribe` delivers every change after `since` in seq order, resuming after reconnects.
 */
export interface ApiTransport {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]>;
  subscribe(
    since: number | null,
    onChange: (env: ChangeEnvelope) => void,
    onState: (s: ConnectionState) => void,
  ): () => void;
}

/**
 * While a session is signed in the hub sends a heartbeat this often, so a client can tell a quiet
 * feed from a dead connection (a wall must never say `live` over a connection that died silently).
 */
export const HEARTBEAT_MS = 15_000;

/** Messages on /api/ws. */
export type ClientMessage =
  | { type: 'auth'; token: string; since: number | null }
  | { type: 'call'; id: string | number; method: string; params: unknown };

export type ServerMessage =
  | { type: 'ready'; seq: number; user: UserView }
  | { type: 'change'; seq: number; change: ChangeEnvelope['change'] }
  | { type: 'result'; id: string | number; result: unknown }
  | { type: 'error'; id?: string | number; error: { code: string; message: string } }
  | { type: 'heartbeat' };
