import fc from 'fast-check';
import { businessCalendarSchema, minutesOfDay, WEEKDAYS, type BusinessCalendar } from '../../../shared/queue-sla.js';

/**
 * The slow, obviously right reference: look at every minute on its own, ask Intl what the wall
 * clock says there, and check that day's hours. Shares no code with business-calendar.ts.
 */
export const MINUTE = 60_000;
export const DAY = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, t: number): { date: string; weekday: number; minute: number } {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  // "Sun, 03/30/2025, 01:30"
  const m = /^(\w{3}), (\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})$/.exec(f.format(t));
  if (!m) throw new Error(`reference: unexpected "${f.format(t)}"`);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(m[1]!);
  return { date: `${m[4]}-${m[2]}-${m[3]}`, weekday, minute: Number(m[5]) * 60 + Number(m[6]) };
}

export function naiveIsOpen(cal: BusinessCalendar, t: number): boolean {
  const w = wallClock(cal.timeZone, t);
  const holiday = cal.holidays.find((h) => h.date === w.date);
  const hours = holiday ? holiday.hours : cal.week[WEEKDAYS[w.weekday]!];
  return hours.some((i) => w.minute >= minutesOfDay(i.from) && w.minute < minutesOfDay(i.to));
}

/** Business minutes in [from, to), both on whole minutes. */
export function naiveBusinessMinutes(cal: BusinessCalendar, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += MINUTE) if (naiveIsOpen(cal, t)) n++;
  return n;
}

/** The end of the n-th business minute at or after start (start for 0). */
export function naiveAddMinutes(cal: BusinessCalendar, start: number, n: number, maxDays = 60): number {
  if (n === 0) return start;
  let left = n;
  for (let t = start; t < start + maxDays * DAY; t += MINUTE) {
    if (naiveIsOpen(cal, t) && --left === 0) return t + MINUTE;
  }
  throw new Error('reference: not enough open time within maxDays');
}

/** DST changes (and a couple of plain dates) to start ranges near, per zone. */
export const ZONE_ANCHORS: Record<string, string[]> = {
  'Europe/Berlin': ['2024-03-31T01:00Z', '2024-10-27T01:00Z', '2025-03-30T01:00Z', '2025-10-26T01:00Z', '2025-06-15T12:00Z'],
  'America/New_York': ['2024-03-10T07:00Z', '2024-11-03T06:00Z', '2025-03-09T07:00Z', '2025-11-02T06:00Z', '2025-07-04T12:00Z'],
  'Australia/Sydney': ['2024-04-06T16:00Z', '2024-10-05T16:00Z', '2025-04-05T16:00Z', '2025-10-04T16:00Z', '2025-01-26T00:00Z'],
  'Asia/Kolkata': ['2024-08-15T00:00Z', '2025-01-26T00:00Z', '2025-10-20T00:00Z'],
  // DST of 30 minutes.
  'Australia/Lord_Howe': ['2024-04-06T15:00Z', '2024-10-05T15:30Z'],
  // Clocks change at midnight: a local day starts at 01:00, or 23:00 happens twice.
  'America/Santiago': ['2024-04-07T03:00Z', '2024-09-08T04:00Z'],
};

const grid = (step: number) => fc.integer({ min: 0, max: (24 * 60) / step }).map((i) => i * step);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 0–3 non-overlapping intervals, on a 30-minute grid (so some touch 02:00–03:00). */
const dayHoursArb = fc
  .uniqueArray(grid(30), { minLength: 0, maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const out: { from: string; to: string }[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ from: hhmm(sorted[i]!), to: hhmm(sorted[i + 1]!) });
    return out;
  });

/** A calendar in `timeZone`, with holidays (full and partial) within ±4 days of anchor. */
export function calendarArb(timeZone: string, anchor: number): fc.Arbitrary<BusinessCalendar> {
  const holiday = fc.record({
    offsetDays: fc.integer({ min: -4, max: 4 }),
    hours: fc.oneof(fc.constant([]), dayHoursArb),
  });
  return fc
    .record({
      week: fc.tuple(dayHoursArb, dayHoursArb, dayHoursArb, dayHoursArb, dayHoursArb, dayHoursArb, dayHoursArb),
      holidays: fc.uniqueArray(holiday, { maxLength: 3, selector: (h) => h.offsetDays }),
    })
    .map(({ week, holidays }) => {
      if (week.every((d) => d.length === 0)) week[1] = [{ from: '09:00', to: '17:00' }];
      return businessCalendarSchema.parse({
        id: 'gen',
        name: 'generated',
        timeZone,
        week: Object.fromEntries(WEEKDAYS.map((d, i) => [d, week[i]])),
        holidays: holidays.map((h, i) => ({
          date: new Date(anchor + h.offsetDays * DAY).toISOString().slice(0, 10),
          name: `holiday ${i}`,
          hours: h.hours,
        })),
      });
    });
}
