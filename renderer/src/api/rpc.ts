import type { ApiTransport } from '../../../shared/api';
import { RpcError } from '../../../shared/errors';
import type { MethodName, Params, Results } from '../../../shared/methods';

/**
 * The transport of the current sign-in, for views that act (freeze, schedule, release). The sync
 * owns it (use-sync.ts) and sets it here; views read data from the replica and only call through this.
 */
let current: ApiTransport | null = null;

/** Makes `t` the transport for calls; the returned function unsets it, unless another took its place. */
export function setRpcTransport(t: ApiTransport): () => void {
  current = t;
  return () => {
    if (current === t) current = null;
  };
}

export function rpc<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]> {
  if (!current) return Promise.reject(new RpcError('internal', 'Not connected yet: try again in a moment.'));
  return current.call(method, params);
}

/** One line for an inline error: the server's own words for an RpcError (they are written for people). */
export function errorText(e: unknown): string {
  if (e instanceof RpcError) return e.code === 'forbidden' ? `Not allowed: ${e.message}` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
