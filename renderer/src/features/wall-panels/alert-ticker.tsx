import { useMethod } from '../../lib/use-method';
import { alertTime, SeverityBadge } from '../alerts/alert-parts';
import './wall-panels.css';

const SHOWN = 8;

/** The latest alerts, newest first (the wall receives only alerts about public posts). */
export function AlertTicker() {
  const list = useMethod('alerts.list', { limit: SHOWN }, ['alert.raised', 'alert.acked'], 15_000);
  const alerts = list.data?.alerts ?? [];
  return (
    <section className="wall-panel alert-ticker" data-testid="alert-ticker" aria-label="Alerts" aria-live="polite">
      <h2>Alerts</h2>
      {alerts.length === 0 ? <p className="wall-panel-empty">{list.data ? 'No alerts.' : 'Loading alerts…'}</p> : null}
      <ul>
        {alerts.map((a) => (
          <li key={a.id} className={`alert-ticker-item${a.ack ? ' acked' : ''}`} data-testid="alert-ticker-item" data-severity={a.severity}>
            <SeverityBadge severity={a.severity} /> <span className="alert-time">{alertTime(a)}</span> <strong>{a.title}</strong>
            <span className="alert-why">{a.why}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A warning or crisis nobody has acknowledged yet: across the top of the wall until someone does. */
export function AlertBanner() {
  const list = useMethod('alerts.list', { limit: 20, unacknowledged: true }, ['alert.raised', 'alert.acked'], 15_000);
  const urgent = (list.data?.alerts ?? []).filter((a) => a.severity !== 'info');
  const top = urgent.find((a) => a.severity === 'crisis') ?? urgent[0];
  if (!top) return null;
  return (
    <div className={`alert-banner alert-banner-${top.severity}`} data-testid="alert-banner" data-severity={top.severity} role="alert">
      <SeverityBadge severity={top.severity} /> <strong>{top.title}</strong> <span className="alert-why">{top.why}</span>
      {urgent.length > 1 ? <span className="alert-more"> · {urgent.length - 1} more unacknowledged</span> : null}
    </div>
  );
}
