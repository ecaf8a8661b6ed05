import type { AuditEntry } from '../../../../shared/publishing';
import type { Role } from '../../../../shared/roles';
import { accountNames, useAccounts, useAudit, usePosts } from '../../db/use-publishing';
import { may } from '../../lib/permissions';
import { absoluteTime } from '../../lib/time-format';
import { useNow } from '../../lib/use-now';
import { entityLabel, type Names } from './audit-labels';

const SHOWN = 200;

/** A reason in the entry's details, if it has one: the "why" belongs next to the "what". */
function why(e: AuditEntry): string | null {
  const r = e.details?.reason;
  return typeof r === 'string' && r ? r : null;
}

/** Who did what, when, newest first: the record a crisis is reviewed from afterwards. */
export function AuditTrail({ role }: { role: Role | null }) {
  const allowed = may(role, 'audit.list');
  return (
    <section className="panel audit-trail" data-testid="audit-trail" aria-label="Audit trail">
      <h2>Audit trail</h2>
      {allowed ? <AuditTable /> : <p className="panel-empty">The audit trail is for leads, crisis leads and admins.</p>}
    </section>
  );
}

function AuditTable() {
  const entries = useAudit(SHOWN);
  const posts = usePosts();
  const accounts = useAccounts();
  const now = useNow(30_000);
  const names: Names = {
    posts: new Map((posts ?? []).map((p) => [p.id, p.text])),
    accounts: new Map([...accountNames(accounts)].map(([id, a]) => [id, a.name])),
  };
  if (entries === undefined) return null;
  if (entries.length === 0) return <p className="panel-empty">Nothing recorded yet.</p>;
  return (
    <table className="audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">On</th>
          <th scope="col">From → to</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
            <td title={new Date(e.at).toLocaleString()}>{absoluteTime(e.at, now)}</td>
            <td>{e.actor}</td>
            <td>
              {e.action}
              {why(e) ? <div className="hint">{why(e)}</div> : null}
            </td>
            <td className="audit-entity" title={e.entityId}>
              {entityLabel(e, names)}
            </td>
            <td>{e.from || e.to ? `${e.from ?? '—'} → ${e.to ?? '—'}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
