import { connectionLabel } from '../lib/connection-label';
import { useNow } from '../lib/use-now';
import { useApp } from '../store/app-store';

/** live (green) / reconnecting / "stale since 12:03" once the connection has been gone > 5 s. */
export function ConnectionIndicator() {
  const connection = useApp((s) => s.connection);
  const now = useNow(1000);
  const label = connectionLabel(connection, now);
  return (
    <div className={`conn conn-${label.tone}`} title={label.detail} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      <span data-testid="connection-state" data-state={connection.state} data-tone={label.tone}>
        {label.text}
      </span>
    </div>
  );
}
