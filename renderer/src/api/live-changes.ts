import type { ApiTransport } from '../../../shared/api';
import type { ChangeEnvelope } from '../../../shared/changes';

/**
 * Every change the sync receives, for views that keep their own state instead of reading the
 * replica (the desk's queue, presence). Listeners must be cheap: they run on the sync's path.
 */
const listeners = new Set<(env: ChangeEnvelope) => void>();

export function onLiveChange(listener: (env: ChangeEnvelope) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The transport with every change it delivers also told to the live listeners. */
export function tapChanges(t: ApiTransport): ApiTransport {
  // Keeps whatever else the transport offers (onHistoryRestart), bound to the transport itself.
  const bound = Object.fromEntries(
    Object.entries(t as unknown as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v]),
  ) as unknown as ApiTransport;
  return {
    ...bound,
    subscribe: (since, onChange, onState, resume) =>
      t.subscribe(
        since,
        (env) => {
          onChange(env);
          for (const l of listeners) {
            try {
              l(env);
            } catch (e) {
              console.error('[newsroom] a live-change listener failed', e);
            }
          }
        },
        onState,
        resume,
      ),
  };
}
