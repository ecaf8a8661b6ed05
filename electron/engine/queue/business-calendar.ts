import { minutesOfDay, WEEKDAYS, type BusinessCalendar, type OpeningInterval } from '../../../shared/queue-sla.js';
import { DAY, instantsOfLocalRange, isoDateOf, offsetSegments, weekdayOf } from './zone-time.js';

/**
 * Business-hours arithmetic. The set of business instants is exactly "every instant whose
 * wall-clock time in the calendar's zone falls in that local day's opening hours": a
 * spring-forward gap inside opening hours is simply not business time, an hour that happens
 * twice when clocks fall back counts twice. The time line is cut into UTC days; each UTC day's
 * open stretches are computed once (through the zone's offsets that day) and cached.
 */

const MINUTE = 60_000;
/** addBusinessMs gives up after this many days without finding enough open time. */
const MAX_SCAN_DAYS = 366 * 5;
const CACHE_DAYS = 4096;

type Range = [number, number];

interface UtcDay {
  /** Open stretches within this UTC day, sorted, disjoint. */
  open: Range[];
  total: number;
}

export interface CompiledCalendar {
  id: string;
  timeZone: string;
  /** Local minutes-of-day ranges per weekday (0 = Sunday). */
  week: Range[][];
  /** Date → that day's hours instead of the week's (empty = closed). */
  holidays: Map<string, Range[]>;
  cache: Map<number, UtcDay>;
}

function toRanges(list: OpeningInterval[]): Range[] {
  return list.map((i): Range => [minutesOfDay(i.from), minutesOfDay(i.to)]).sort((a, b) => a[0] - b[0]);
}

/** Takes a calendar already validated by businessCalendarSchema. */
export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  return {
    id: cal.id,
    timeZone: cal.timeZone,
    week: WEEKDAYS.map((d) => toRanges(cal.week[d])),
    holidays: new Map(cal.holidays.map((h) => [h.date, toRanges(h.hours)])),
    cache: new Map(),
  };
}

/** Local minutes-of-day open on the local day starting at `localDay` (local ms). */
function hoursOfLocalDay(cal: CompiledCalendar, localDay: number): Range[] {
  return cal.holidays.get(isoDateOf(localDay)) ?? cal.week[weekdayOf(localDay)]!;
}

function utcDay(cal: CompiledCalendar, index: number): UtcDay {
  const hit = cal.cache.get(index);
  if (hit) return hit;
  const start = index * DAY;
  const end = start + DAY;
  const segments = offsetSegments(cal.timeZone, start, end);
  const pieces: Range[] = [];
  for (const seg of segments) {
    const localStart = seg.start + seg.offset;
    const localEnd = seg.end + seg.offset;
    for (let day = localStart - mod(localStart, DAY); day < localEnd; day += DAY) {
      for (const [from, to] of hoursOfLocalDay(cal, day)) {
        pieces.push(...instantsOfLocalRange([seg], day + from * MINUTE, day + to * MINUTE));
      }
    }
  }
  pieces.sort((a, b) => a[0] - b[0]);
  const open: Range[] = [];
  let total = 0;
  for (const p of pieces) {
    const last = open[open.length - 1];
    if (last && p[0] <= last[1]) {
      total += Math.max(0, p[1] - last[1]);
      last[1] = Math.max(last[1], p[1]);
    } else {
      open.push([p[0], p[1]]);
      total += p[1] - p[0];
    }
  }
  const result = { open, total };
  if (cal.cache.size >= CACHE_DAYS) cal.cache.clear();
  cal.cache.set(index, result);
  return result;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function dayIndex(t: number): number {
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${t}`);
  return Math.floor(t / DAY);
}

/** Whether instant t is within business hours. */
export function isOpenAt(cal: CompiledCalendar, t: number): boolean {
  return utcDay(cal, dayIndex(t)).open.some(([a, b]) => t >= a && t < b);
}

/** Business time (ms) in [from, to); 0 when to ≤ from. */
export function businessMsBetween(cal: CompiledCalendar, from: number, to: number): number {
  dayIndex(from);
  dayIndex(to);
  if (!(to > from)) return 0;
  let sum = 0;
  const last = dayIndex(to - 1);
  for (let i = dayIndex(from); i <= last; i++) {
    const day = utcDay(cal, i);
    const dayStart = i * DAY;
    if (from <= dayStart && to >= dayStart + DAY) {
      sum += day.total;
      continue;
    }
    for (const [a, b] of day.open) {
      const lo = Math.max(a, from);
      const hi = Math.min(b, to);
      if (hi > lo) sum += hi - lo;
    }
  }
  return sum;
}

/**
 * The instant at which `ms` of business time has elapsed after `start` (start itself for 0; when
 * the amount runs out exactly at closing time, the closing instant). Throws if the calendar has
 * no open time for five years, which only a calendar of holidays can cause.
 */
export function addBusinessMs(cal: CompiledCalendar, start: number, ms: number): number {
  dayIndex(start);
  if (!(ms > 0)) return start;
  let left = ms;
  const first = dayIndex(start);
  for (let i = first; i < first + MAX_SCAN_DAYS; i++) {
    const day = utcDay(cal, i);
    if (i * DAY >= start && day.total < left) {
      left -= day.total;
      continue;
    }
    for (const [a, b] of day.open) {
      const lo = Math.max(a, start);
      if (b <= lo) continue;
      if (b - lo >= left) return lo + left;
      left -= b - lo;
    }
  }
  throw new Error(`calendar "${cal.id}" has no business hours in the ${MAX_SCAN_DAYS} days after ${new Date(start).toISOString()}`);
}

/** The next instant at or after t that is within business hours (t itself when open). */
export function nextOpenAt(cal: CompiledCalendar, t: number): number {
  const first = dayIndex(t);
  for (let i = first; i < first + MAX_SCAN_DAYS; i++) {
    for (const [a, b] of utcDay(cal, i).open) if (b > t) return Math.max(a, t);
  }
  throw new Error(`calendar "${cal.id}" has no business hours in the ${MAX_SCAN_DAYS} days after ${new Date(t).toISOString()}`);
}
