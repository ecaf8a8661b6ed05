import { useSources } from '../../db/use-wall';

/** One chip per source: ok / degraded / failing / paused, with the last error as the tooltip. */
export function SourceHealth() {
  const sources = useSources() ?? [];
  if (sources.length === 0) return <div className="source-health-empty">no sources yet</div>;
  return (
    <ul className="source-health" aria-label="Sources">
      {sources.map((s) => {
        const status = s.paused ? 'paused' : s.status;
        return (
          <li key={s.id} className={`chip chip-${status}`} data-testid="source-health" data-status={status} data-source-id={s.id} title={s.lastError ? `${s.name}: ${s.lastError}` : `${s.name}: ${status}`}>
            <span className="chip-dot" aria-hidden="true" />
            <span className="chip-name">{s.name}</span>
            {status !== 'ok' ? <span className="chip-status"> · {status}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
