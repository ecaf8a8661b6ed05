import { PRIORITIES, WEEKDAYS, type BusinessCalendar, type BusinessCalendarInput, type OpeningInterval, type Priority, type SlaPolicy, type SlaPolicyInput, type Weekday } from '../../../../../shared/queue';

/**
 * SLA policies and business-hours calendars as the form edits them: numbers and opening hours stay
 * the text the lead typed ("09:00-12:00, 13:00-17:00") until toSla builds what sla.save takes, and
 * the shared schema (the server's own) says what is wrong, field by field.
 */
export interface DraftTargets {
  first: string;
  resolution: string;
}

export interface DraftPolicy extends DraftTargets {
  key: number;
  id: string;
  name: string;
  /** '' = around the clock. */
  calendar: string;
  warnAt: string;
  pause: boolean;
  byPriority: Record<Priority, DraftTargets>;
}

export interface DraftHoliday {
  key: number;
  date: string;
  name: string;
  /** '' = closed all day. */
  hours: string;
}

export interface DraftCalendar {
  key: number;
  id: string;
  name: string;
  timeZone: string;
  week: Record<Weekday, string>;
  holidays: DraftHoliday[];
}

export interface DraftSla {
  policies: DraftPolicy[];
  calendars: DraftCalendar[];
}

let nextKey = 1;
const key = () => nextKey++;

export function hoursText(list: readonly OpeningInterval[]): string {
  return list.map((i) => `${i.from}-${i.to}`).join(', ');
}

/**
 * "09:00-12:00, 13:00–17:00" → intervals. A piece that isn't "from-to" is passed on as typed, so
 * the schema's own message ("a time of day is HH:MM …") appears beside the day.
 */
export function parseHours(text: string): OpeningInterval[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((piece) => {
      const m = /^(\S+?)\s*[-–—]\s*(\S+)$/.exec(piece);
      return m ? { from: m[1]!, to: m[2]! } : { from: piece, to: '' };
    });
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
const emptyTargets = (): Record<Priority, DraftTargets> => Object.fromEntries(PRIORITIES.map((p) => [p, { first: '', resolution: '' }])) as Record<Priority, DraftTargets>;

export function newPolicy(existing: readonly string[]): DraftPolicy {
  let n = existing.length + 1;
  while (existing.includes(`policy-${n}`)) n++;
  return { key: key(), id: `policy-${n}`, name: '', calendar: '', first: '60', resolution: '', warnAt: '75', pause: true, byPriority: emptyTargets() };
}

export function newCalendar(existing: readonly string[]): DraftCalendar {
  let n = existing.length + 1;
  while (existing.includes(`hours-${n}`)) n++;
  const office = '09:00-17:00';
  return { key: key(), id: `hours-${n}`, name: '', timeZone: 'Europe/Berlin', week: { sun: '', mon: office, tue: office, wed: office, thu: office, fri: office, sat: '' }, holidays: [] };
}

export const newHoliday = (): DraftHoliday => ({ key: key(), date: '', name: '', hours: '' });

export function fromSla(sla: { policies: SlaPolicy[]; calendars: BusinessCalendar[] }): DraftSla {
  return {
    policies: sla.policies.map((p) => {
      const byPriority = emptyTargets();
      for (const pr of PRIORITIES) {
        const t = p.byPriority[pr];
        if (t) byPriority[pr] = { first: String(t.firstResponseMinutes), resolution: t.resolutionMinutes === null ? '' : String(t.resolutionMinutes) };
      }
      return {
        key: key(),
        id: p.id,
        name: p.name,
        calendar: p.calendar ?? '',
        first: String(p.firstResponseMinutes),
        resolution: p.resolutionMinutes === null ? '' : String(p.resolutionMinutes),
        warnAt: String(p.warnAtPercent),
        pause: p.pauseWhileWaiting,
        byPriority,
      };
    }),
    calendars: sla.calendars.map((c) => ({
      key: key(),
      id: c.id,
      name: c.name,
      timeZone: c.timeZone,
      week: Object.fromEntries(WEEKDAYS.map((d) => [d, hoursText(c.week[d])])) as Record<Weekday, string>,
      holidays: c.holidays.map((h) => ({ key: key(), date: h.date, name: h.name, hours: hoursText(h.hours) })),
    })),
  };
}

/** What sla.save takes. */
export function toSla(d: DraftSla): { policies: SlaPolicyInput[]; calendars: BusinessCalendarInput[] } {
  return {
    policies: d.policies.map((p) => {
      const byPriority: Partial<Record<Priority, { firstResponseMinutes: number; resolutionMinutes: number | null }>> = {};
      for (const pr of PRIORITIES) {
        const t = p.byPriority[pr];
        // A priority row left empty uses the policy's own targets.
        if (t.first.trim() === '' && t.resolution.trim() === '') continue;
        byPriority[pr] = { firstResponseMinutes: num(t.first), resolutionMinutes: t.resolution.trim() === '' ? null : num(t.resolution) };
      }
      return {
        id: p.id,
        name: p.name,
        calendar: p.calendar || null,
        firstResponseMinutes: num(p.first),
        resolutionMinutes: p.resolution.trim() === '' ? null : num(p.resolution),
        byPriority,
        warnAtPercent: num(p.warnAt),
        pauseWhileWaiting: p.pause,
      };
    }),
    calendars: d.calendars.map((c) => ({
      id: c.id,
      name: c.name,
      timeZone: c.timeZone,
      week: Object.fromEntries(WEEKDAYS.map((day) => [day, parseHours(c.week[day])])) as BusinessCalendarInput['week'],
      holidays: c.holidays.map((h) => ({ date: h.date, name: h.name, hours: parseHours(h.hours) })),
    })),
  };
}
