import type { SourceStatus } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';

export interface Health {
  status: Exclude<SourceStatus, 'paused'>;
  lastError: string | null;
}

/** Consecutive failed polls (no stream succeeded) before a source counts as failing. */
export const FAILING_AFTER = 5;

export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/**
 * Records a poll's outcome. lastPollAt changes on every poll and is written quietly; a
 * `source.updated` change goes out (in the same transaction) only when status or lastError moved,
 * so a healthy source doesn't flood the change feed every two seconds.
 */
export function persistHealth(store: Store, sourceId: string, health: Health, atIso: string): void {
  store.write(() => {
    const prev = store.sources.get(sourceId);
    // Removed or paused while the poll ran: the pause/remove already said what the source is.
    if (!prev || prev.paused) return;
    store.sources.setHealth(sourceId, { status: health.status, lastPollAt: atIso, lastError: health.lastError });
    if (prev.status === health.status && prev.lastError === health.lastError) return;
    const fresh = store.sources.get(sourceId);
    if (fresh) store.changes.append({ kind: 'source.updated', source: fresh }, atIso);
  });
}
