import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../../shared/alerts';
import { rpc } from '../../api/rpc';
import { db } from '../../db/db';
import { useLiveRead } from '../../db/use-live';
import { may } from '../../lib/permissions';
import { useRoute } from '../../lib/route';
import { useAction } from '../../lib/use-action';
import { useMethod } from '../../lib/use-method';
import { useRole } from '../../store/app-store';
import { Sparkline } from '../wall-panels/sparkline';
import { SeverityBadge } from './alert-parts';
import './alerts.css';

const LIST_LIMIT = 200;

/**
 * #/alerts: every alert, newest first, with who acknowledged it when, and its evidence.
 * #/alerts/ID (the link in webhook and email messages) opens that alert's evidence and shows it.
 */
export function AlertsView() {
  const [open, setOpen] = useState(false);
  const linked = useRoute().params.get('alert');
  const list = useMethod('alerts.list', { limit: LIST_LIMIT, unacknowledged: open }, ['alert.raised', 'alert.acked'], 30_000);
  const alerts = list.data?.alerts ?? [];
  const missing = linked !== null && list.data !== null && !alerts.some((a) => a.id === linked);
  return (
    <section className="panel alerts-view" data-testid="alerts-view">
      <label className="alerts-filter">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> Only unacknowledged
      </label>
      {list.error && !list.data ? <p className="form-error">{list.error}</p> : null}
      {missing ? (
        <p className="hint" data-testid="alert-link-missing">
          The linked alert is not among the {open ? 'unacknowledged' : `${LIST_LIMIT} newest`} alerts{open ? '' : ' (older ones are not kept on this page)'}.
        </p>
      ) : null}
      {list.data && alerts.length === 0 ? <p className="hint">No alerts{open ? ' waiting for anyone' : ' yet'}.</p> : null}
      <ul className="alerts-list">
        {alerts.map((a) => (
          <AlertRow key={a.id} alert={a} linked={a.id === linked} />
        ))}
      </ul>
    </section>
  );
}

function AlertRow({ alert: a, linked }: { alert: Alert; linked: boolean }) {
  const role = useRole();
  const act = useAction();
  const [showEvidence, setShowEvidence] = useState(linked);
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!linked) return;
    // Opened from a link (or the link changed while the page was open): the alert, its evidence, in view.
    setShowEvidence(true);
    row.current?.scrollIntoView?.({ block: 'start' });
  }, [linked]);
  return (
    <li ref={row} className={`alert-row alert-row-${a.severity}${linked ? ' alert-row-linked' : ''}`} data-testid="alert-row" data-alert-id={a.id} data-linked={linked || undefined}>
      <div className="alert-row-head">
        <SeverityBadge severity={a.severity} /> <strong>{a.title}</strong>
        <span className="hint">
          {' '}
          · {new Date(a.createdAt).toLocaleString()} · rule “{a.ruleName}”{a.quiet ? ' · in quiet hours (not pushed)' : ''}
        </span>
      </div>
      <p>{a.why}</p>
      <div className="alert-row-actions">
        {a.ack ? (
          <span className="hint" data-testid="alert-acked">
            Acknowledged by {a.ack.by} at {new Date(a.ack.at).toLocaleString()}
          </span>
        ) : may(role, 'alerts.ack') ? (
          <button type="button" data-testid="alert-ack" disabled={act.busy} onClick={() => void act.run(() => rpc('alerts.ack', { id: a.id }))}>
            Acknowledge
          </button>
        ) : null}
        <button type="button" className="secondary" aria-expanded={showEvidence} onClick={() => setShowEvidence((s) => !s)}>
          {showEvidence ? 'Hide evidence' : 'Evidence'}
        </button>
        {act.error ? <span className="form-error">{act.error}</span> : null}
      </div>
      {showEvidence ? <Evidence alert={a} /> : null}
    </li>
  );
}

function Evidence({ alert: a }: { alert: Alert }) {
  const ids = a.evidence.itemIds;
  const items = useLiveRead(async () => (await db.items.bulkGet(ids)).filter((i) => i !== undefined), [ids.join(',')]);
  const numbers = Object.entries(a.evidence.numbers);
  return (
    <div className="alert-evidence" data-testid="alert-evidence">
      {a.evidence.terms.length ? <p>Terms: {a.evidence.terms.join(', ')}</p> : null}
      {numbers.length ? (
        <dl className="alert-numbers">
          {numbers.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{Number.isInteger(v) ? v : v.toFixed(2)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {a.evidence.series.length > 1 ? <Sparkline points={a.evidence.series} label="Volume per epoch before the alert" /> : null}
      <p className="hint">
        {ids.length} post{ids.length === 1 ? '' : 's'}
        {items && items.length < ids.length ? ` (${ids.length - items.length} not on this screen any more)` : ''}:
      </p>
      <ul className="alert-evidence-posts">
        {(items ?? []).map((i) => (
          <li key={i.id}>
            <strong>@{i.author.handle}</strong>
            {/* Reach, when the platform said (items replicated before it was stored have none). */}
            {i.author.followers != null ? <span className="hint"> ({i.author.followers.toLocaleString('en')} followers)</span> : null} {i.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
