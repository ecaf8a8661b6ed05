import type { AuditEntry } from '../../../shared/publishing.js';
import type { Store } from '../store/store.js';

export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'from' | 'to' | 'details'> & {
  from?: string | null;
  to?: string | null;
  details?: Record<string, unknown> | null;
};

/** Who acts when no person does: the scheduler's sends, expiries, crash recovery. */
export const SYSTEM_ACTOR = 'newsroom';

/**
 * Records one audit entry and its `audit.added` change. Must run inside store.write(): the entry
 * commits (or rolls back) with the state change it describes, so the log can't disagree with it.
 */
export function recordAudit(store: Store, e: AuditInput, atIso: string): AuditEntry {
  const entry = store.audit.add({
    at: atIso,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    from: e.from ?? null,
    to: e.to ?? null,
    details: e.details ?? null,
  });
  store.changes.append({ kind: 'audit.added', entry }, atIso);
  return entry;
}
