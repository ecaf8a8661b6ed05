import { formatInZone, offsetLabel, zonedInputToUtc } from '../lib/zoned-time';
import { useNow } from '../lib/use-now';

interface Props {
  label: string;
  /** datetime-local value ("2025-03-04T14:05"), read in `timeZone`. */
  value: string;
  onChange(value: string): void;
  timeZone: string;
  testId: string;
  /** Who the zone belongs to, in words: "your time zone", "the author's time zone". */
  zoneOwner: string;
}

/**
 * A datetime-local input that says which zone it is read in and which UTC instant that means, so a
 * post scheduled "at 9" goes out at the 9 its author meant, wherever the hub runs.
 */
export function ZonedTimeField({ label, value, onChange, timeZone, testId, zoneOwner }: Props) {
  const now = useNow(30_000);
  const instant = value ? zonedInputToUtc(value, timeZone) : null;
  const t = instant ? Date.parse(instant.iso) : now;
  return (
    <label className="field">
      <span>{label}</span>
      <input type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      <span className="hint" data-testid={`${testId}-zone`}>
        In {zoneOwner}: {timeZone} ({offsetLabel(t, timeZone)})
        {instant ? <> — that is {formatInZone(instant.iso, 'UTC')} UTC</> : null}
      </span>
      {instant && !instant.exists ? (
        <span className="notice">
          {value.replace('T', ' ')} does not exist in {timeZone} (the clocks skip it): it means {formatInZone(instant.iso, timeZone)}.
        </span>
      ) : null}
      {instant && t < now ? <span className="notice">That time has already passed: the post would be due at once.</span> : null}
    </label>
  );
}
