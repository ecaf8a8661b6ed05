import type { ApiTransport } from '../../../shared/api';

/**
 * A transport that can say "the resume point you gave belongs to another history" (the hub's data
 * dir was replaced: it answers auth with `conflict`). The stream then restarts from `since: null`,
 * and whoever keeps a replica must drop it before the next `ready`.
 */
export interface RestartAwareTransport extends ApiTransport {
  onHistoryRestart(listener: () => void): () => void;
}

export function isRestartAware(t: ApiTransport): t is RestartAwareTransport {
  return typeof (t as Partial<RestartAwareTransport>).onHistoryRestart === 'function';
}
