/**
 * Times in a named IANA zone, independent of the zone this machine runs in: a post is scheduled in
 * its author's zone, and a lead in another city must see what the author meant. Only Intl is used
 * (no date library): Intl knows every zone's rules, we only do the arithmetic around it.
 */

/** The zone of this browser or app, e.g. "Europe/Berlin"; UTC if the runtime can't tell. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday (the calendar's week starts on Monday). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock reading of instant `ms` in `timeZone`. Throws RangeError for an unknown zone. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** How far `timeZone` is ahead of UTC at instant `ms`, in ms (Berlin in winter: +3_600_000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const INPUT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface ZonedInstant {
  /** The UTC instant, ISO-8601 with Z. */
  iso: string;
  /**
   * False when the wall-clock time doesn't exist in that zone (skipped by a spring-forward change):
   * the instant is then the same distance past the change, and the UI says so.
   */
  exists: boolean;
}

const DAY_MS = 86_400_000;

/**
 * A datetime-local value ("2025-03-04T14:05") read as wall-clock time in `timeZone`. Around a DST
 * change it resolves the way calendars do (Temporal's "compatible"): a time that happens twice is
 * the first one; a time that never happens moves forward by the size of the gap.
 */
export function zonedInputToUtc(value: string, timeZone: string): ZonedInstant | null {
  const m = INPUT_RE.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const wanted = toInput({ year: y, month: mo, day: d, hour: h, minute: mi });
  // A zone changes its offset at most once a day: the offsets a day either side are the candidates.
  const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const valid = [before, after].filter((t) => toInput(zonedParts(t, timeZone)) === wanted);
  const utc = valid.length ? Math.min(...valid) : before;
  return { iso: new Date(utc).toISOString(), exists: valid.length > 0 };
}

function toInput(p: Pick<ZonedParts, 'year' | 'month' | 'day' | 'hour' | 'minute'>): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The datetime-local value showing instant `iso` in `timeZone` (to prefill an edit form). */
export function utcToZonedInput(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : toInput(zonedParts(t, timeZone));
}

/**
 * "Tue 4 Mar 14:05" in `timeZone`, with the year when it isn't the current one there ("Mon 4 Mar
 * 2030 14:05"); the same words whatever the browser's language.
 */
export function formatInZone(iso: string, timeZone: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const p = zonedParts(t, timeZone);
  const year = p.year === zonedParts(now, timeZone).year ? '' : ` ${p.year}`;
  return `${WEEKDAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]}${year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "UTC+1", "UTC+5:30", "UTC−4", "UTC" at instant `ms`. */
export function offsetLabel(ms: number, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/** True for a zone name Intl accepts (the server checks the same). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
