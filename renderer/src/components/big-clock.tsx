import { useNow } from '../lib/use-now';
import { hhmm } from '../lib/time-format';

/** The room's clock: people compare it with "stale since" and item times, so it is local time. */
export function BigClock() {
  const now = useNow(1000);
  const seconds = String(new Date(now).getSeconds()).padStart(2, '0');
  return (
    <div className="clock" data-testid="clock" aria-label="Current time">
      {hhmm(now)}
      <span className="clock-seconds">:{seconds}</span>
    </div>
  );
}
