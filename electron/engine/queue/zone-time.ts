/**
 * Wall-clock time in an IANA zone, from the runtime's own Intl data (no tz database of ours).
 * A "local" number is the wall-clock time written as if it were UTC epoch ms: local = utc + offset.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The text ends in "GMT", "GMT+05:30", "GMT-03:00" (historically "GMT+00:53:28"). */
const OFFSET = /GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/**
 * The zone's offset from UTC at instant t, in ms (Berlin in summer: +7,200,000). format() is
 * several times cheaper than formatToParts(), and the offset is always the text's last part.
 */
export function zoneOffsetMs(timeZone: string, t: number): number {
  const text = formatter(timeZone).format(t);
  const m = OFFSET.exec(text);
  if (!m) throw new Error(`unexpected time zone offset in "${text}"`);
  if (!m[1]) return 0;
  const ms = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/** One stretch of time with a constant offset: [start, end) in UTC ms. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

const SAMPLE_STEP = 6 * HOUR;

/** The first instant in (lo, hi] whose offset differs from lo's (offsets change on whole seconds). */
function findTransition(timeZone: string, lo: number, hi: number): number {
  const before = zoneOffsetMs(timeZone, lo);
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (zoneOffsetMs(timeZone, mid * 1000) === before) a = mid;
    else b = mid;
  }
  return b * 1000;
}

/**
 * The offset segments covering [start, end). Sampled every 6 hours: zones change offset at most
 * a few times a year, never twice within 6 hours.
 */
export function offsetSegments(timeZone: string, start: number, end: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  let segStart = start;
  let offset = zoneOffsetMs(timeZone, start);
  let t = start;
  while (t < end) {
    const next = Math.min(t + SAMPLE_STEP, end);
    const o = zoneOffsetMs(timeZone, next);
    if (o !== offset) {
      const at = findTransition(timeZone, t, next);
      out.push({ start: segStart, end: at, offset });
      segStart = at;
      offset = zoneOffsetMs(timeZone, at);
    }
    t = next;
  }
  out.push({ start: segStart, end, offset });
  return out;
}

/** The local calendar day (as local ms of its midnight) that instant t falls on. */
export function localDayOf(timeZone: string, t: number): number {
  const local = t + zoneOffsetMs(timeZone, t);
  return local - mod(local, DAY);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** "YYYY-MM-DD" of a local-midnight number. */
export function isoDateOf(localDay: number): string {
  return new Date(localDay).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a local-midnight number. */
export function weekdayOf(localDay: number): number {
  return new Date(localDay).getUTCDay();
}

/**
 * The instants whose wall-clock time in the zone lies in [localFrom, localTo) — possibly none
 * (a spring-forward gap) or two pieces (an hour that happens twice when clocks fall back).
 * Returned sorted and merged. `segments` must cover every instant that could map into the range.
 */
export function instantsOfLocalRange(segments: OffsetSegment[], localFrom: number, localTo: number): [number, number][] {
  const pieces: [number, number][] = [];
  for (const s of segments) {
    const lo = Math.max(localFrom, s.start + s.offset);
    const hi = Math.min(localTo, s.end + s.offset);
    if (hi > lo) pieces.push([lo - s.offset, hi - s.offset]);
  }
  pieces.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push(p);
  }
  return merged;
}

/** Offsets run from UTC−12 to UTC+14: the instants of one local day lie within this window. */
export function utcWindowOfLocalDay(localDay: number): [number, number] {
  return [localDay - 14 * HOUR, localDay + DAY + 12 * HOUR];
}
