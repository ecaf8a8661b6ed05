import type { QuietHours } from '../../../shared/alerts.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Building a DateTimeFormat costs far more than using one: one per time zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();

function localTime(timeZone: string, atMs: number): { day: number; minutes: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    if (formats.size > 100) formats.clear();
    formats.set(timeZone, f);
  }
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(atMs)) {
    if (p.type === 'weekday') day = WEEKDAYS.indexOf(p.value);
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minutes: hour * 60 + minute };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * Whether `atMs` falls in the quiet hours, in their own time zone (daylight saving included).
 * A window whose end is before its start spans midnight and belongs to the day it starts on;
 * start = end means the whole day.
 */
export function inQuietHours(q: QuietHours, atMs: number): boolean {
  const { day, minutes } = localTime(q.timeZone, atMs);
  const start = toMinutes(q.start);
  const end = toMinutes(q.end);
  const onDay = (d: number) => !q.days || q.days.includes((d + 7) % 7);
  if (start === end) return onDay(day);
  if (start < end) return onDay(day) && minutes >= start && minutes < end;
  return (onDay(day) && minutes >= start) || (onDay(day - 1) && minutes < end);
}
