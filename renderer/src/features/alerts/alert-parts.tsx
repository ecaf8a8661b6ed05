import type { Alert, Severity } from '../../../../shared/alerts';
import './severity.css';

const ICON: Record<Severity, string> = { info: 'ℹ', warning: '▲', crisis: '⬣' };

/** Severity by colour and by shape and word, so it reads on any screen and for anyone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity}`} data-severity={severity}>
      <span aria-hidden="true">{ICON[severity]}</span> {severity}
    </span>
  );
}

export const alertTime = (a: Pick<Alert, 'createdAt'>) => a.createdAt.slice(11, 16);
