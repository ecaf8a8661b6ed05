import { useMemo, useState } from 'react';
import type { ConversationView } from '../../../../shared/queue-views';
import { errorText, rpc } from '../../api/rpc';
import { slaLabel, sortedQueue } from './desk-filter';
import type { QueueSnapshot } from './queue-store';
import { FormError } from '../../components/form-error';

/**
 * The lead's view: the queue by team and by agent (with who is online), SLAs at risk first, and
 * reassigning with a select (keyboard reachable) on every row.
 */
export function LeadView({ snapshot: q, now, onOpen }: { snapshot: QueueSnapshot; now: number; onOpen: (id: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const open = useMemo(() => sortedQueue([...q.conversations.values()].filter((c) => c.status !== 'resolved')), [q.conversations]);
  const atRisk = open.filter((c) => c.slaState === 'warning' || c.slaState === 'breached');
  const reassign = (c: ConversationView, to: string) => {
    setError(null);
    rpc('queue.assign', { id: c.id, to: to || null }).catch((e: unknown) => setError(errorText(e)));
  };
  const members = (team: string) => q.teams.find((t) => t.id === team)?.members.map((m) => m.user) ?? [];
  const row = (c: ConversationView) => (
    <tr key={c.id} data-testid="lead-row" data-conversation-id={c.id}>
      <td>
        <button type="button" className="link-button" onClick={() => onOpen(c.id)}>
          {c.author.name}
        </button>
      </td>
      <td className="preview">{c.preview}</td>
      <td>{c.priority}</td>
      <td className={c.slaState ? `sla sla-${c.slaState}` : ''}>{slaLabel(c, now)}</td>
      <td>
        <select aria-label={`Assign ${c.author.name}'s conversation`} value={c.assignee ?? ''} onChange={(e) => reassign(c, e.target.value)}>
          <option value="">team queue</option>
          {[...new Set([...members(c.team), ...(c.assignee ? [c.assignee] : [])])].map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
  return (
    <div className="lead-view" data-testid="lead-view">
      <FormError error={error} />
      <section className="panel">
        <h2>SLAs at risk ({atRisk.length})</h2>
        {atRisk.length ? <table className="lead-table"><tbody>{atRisk.slice(0, 200).map(row)}</tbody></table> : <p className="panel-empty">Every open conversation is within its SLA.</p>}
      </section>
      {q.teams.map((t) => {
        const list = open.filter((c) => c.team === t.id);
        const byAgent = new Map<string, number>();
        for (const c of list) byAgent.set(c.assignee ?? '', (byAgent.get(c.assignee ?? '') ?? 0) + 1);
        return (
          <section key={t.id} className="panel" data-testid="lead-team" data-team={t.id}>
            <h2>
              {t.name}: {list.length} open, {byAgent.get('') ?? 0} in the team queue
            </h2>
            <ul className="lead-agents">
              {t.members.map((m) => (
                <li key={m.user}>
                  <span className={`presence-dot presence-${q.presence.get(m.user)?.status ?? 'offline'}`} aria-hidden="true" /> {m.user} ({q.presence.get(m.user)?.status ?? 'offline'}): {byAgent.get(m.user) ?? 0}
                </li>
              ))}
            </ul>
            {list.length ? <table className="lead-table"><tbody>{list.slice(0, 200).map(row)}</tbody></table> : null}
          </section>
        );
      })}
    </div>
  );
}
