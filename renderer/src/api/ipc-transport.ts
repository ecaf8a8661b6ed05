import type { BridgeReply, NewsroomBridge } from '../../../shared/bridge';
import { RpcError, isRpcErrorBody } from '../../../shared/errors';
import type { MethodName, Params, Results } from '../../../shared/methods';
import type { RestartAwareTransport } from './transport';

function unwrap<R>(reply: BridgeReply<R>): R {
  if (reply.ok) return reply.result;
  const body = isRpcErrorBody(reply.error) ? reply.error : { code: 'internal' as const, message: 'The app answered with a malformed error.' };
  throw new RpcError(body.code, body.message);
}

/**
 * The desktop app's transport: the engine runs in the main process and the preload bridge carries
 * calls and the change stream. The bridge never drops, so there is no reconnect logic here; duplicate
 * or stale seqs are still dropped so the replica sees the same stream as over WebSocket.
 */
export function createIpcTransport(bridge: NewsroomBridge): RestartAwareTransport {
  const restartListeners = new Set<() => void>();
  return {
    onHistoryRestart(listener) {
      restartListeners.add(listener);
      return () => void restartListeners.delete(listener);
    },

    async call<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]> {
      const fn = bridge.methods[method] as ((p: Params<M>) => Promise<BridgeReply<Results[M]>>) | undefined;
      if (typeof fn !== 'function') throw new RpcError('not_found', `This app version has no method "${method}".`);
      return unwrap(await fn(params));
    },

    subscribe(since, onChange, onState, resume) {
      let lastSeq = since;
      const asked = resume?.feedId ?? null;
      onState({ state: 'connecting' });
      return bridge.subscribe(
        since,
        (event) => {
          if (event.type === 'ready') {
            // Same rule as the WebSocket: another feed, or one behind our cursor, is a new history.
            const otherFeed = asked !== null && event.feedId !== asked;
            if (lastSeq !== null && (otherFeed || event.seq < lastSeq)) for (const l of restartListeners) l();
            if (lastSeq === null || otherFeed || event.seq < lastSeq) lastSeq = event.seq;
            onState({ state: 'live', user: event.user, seq: event.seq, feedId: event.feedId ?? null });
            return;
          }
          for (const env of event.envs) {
            if (lastSeq !== null && env.seq <= lastSeq) continue;
            lastSeq = env.seq;
            onChange(env);
          }
        },
        asked,
      );
    },
  };
}
