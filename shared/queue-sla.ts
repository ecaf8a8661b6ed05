import { z } from 'zod';
import { timeZoneSchema } from './time-zone.js';

/**
 * Business-hours calendars and SLA policies (issue 12). Times of day are wall-clock times in the
 * calendar's IANA zone; holidays are dates in that zone. Everything here is plain data: the
 * arithmetic lives in electron/engine/queue/.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The id of a team, rule, policy, calendar or canned reply: what configs refer to each other by. */
export const queueIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'an id is 1–63 lowercase letters, digits, - or _ (e.g. "care-eu")');
const slug = queueIdSchema;

/** "HH:MM", 00:00–24:00; 24:00 means the end of the day. */
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const timeOfDay = z.string().regex(TIME_OF_DAY, 'a time of day is "HH:MM", 00:00 to 24:00 (e.g. "09:30")');

export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const interval = z
  .strictObject({ from: timeOfDay, to: timeOfDay })
  // Only once both times are well formed: a malformed one already has its own message.
  .refine((i) => !TIME_OF_DAY.test(i.from) || !TIME_OF_DAY.test(i.to) || minutesOfDay(i.to) > minutesOfDay(i.from), {
    message: 'an opening interval ends after it starts; for a night shift write two intervals (22:00–24:00, then 00:00–06:00 the next day)',
  });
export type OpeningInterval = z.infer<typeof interval>;

/** Several intervals a day (e.g. 08:00–12:00 and 13:00–17:00); they must not overlap. */
const dayHours = z
  .array(interval)
  .max(12)
  .superRefine((list, ctx) => {
    const sorted = [...list].sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from));
    for (let i = 1; i < sorted.length; i++) {
      if (minutesOfDay(sorted[i]!.from) < minutesOfDay(sorted[i - 1]!.to)) {
        ctx.addIssue({ code: 'custom', message: `intervals ${sorted[i - 1]!.from}–${sorted[i - 1]!.to} and ${sorted[i]!.from}–${sorted[i]!.to} overlap` });
      }
    }
  });

const isoDate = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'a date is "YYYY-MM-DD" (e.g. "2026-12-24")');

export const holidaySchema = z.strictObject({
  date: isoDate,
  name: z.string().trim().min(1).max(100),
  /** Opening hours that day instead of the usual ones (a half day); absent or empty = closed all day. */
  hours: dayHours.default([]),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const businessCalendarSchema = z
  .strictObject({
    id: slug,
    name: z.string().trim().min(1).max(100),
    timeZone: timeZoneSchema,
    week: z.strictObject({
      sun: dayHours.default([]),
      mon: dayHours.default([]),
      tue: dayHours.default([]),
      wed: dayHours.default([]),
      thu: dayHours.default([]),
      fri: dayHours.default([]),
      sat: dayHours.default([]),
    }),
    holidays: z.array(holidaySchema).max(1000).default([]),
  })
  .superRefine((cal, ctx) => {
    if (WEEKDAYS.every((d) => cal.week[d].length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['week'], message: 'a calendar is open at least once a week (e.g. mon: [{ from: "09:00", to: "17:00" }])' });
    }
    const seen = new Set<string>();
    cal.holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `${h.date} is listed twice` });
      seen.add(h.date);
    });
  });
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

const targetMinutes = z.int().min(1).max(60 * 24 * 365);
const targets = z.strictObject({
  firstResponseMinutes: targetMinutes,
  /** null = this policy sets no resolution target. */
  resolutionMinutes: targetMinutes.nullable().default(null),
});
export type SlaTargets = z.infer<typeof targets>;

export const slaPolicySchema = z
  .strictObject({
    id: slug,
    name: z.string().trim().min(1).max(100),
    /** A business calendar's id; null = the clock runs around the clock. */
    calendar: slug.nullable().default(null),
    ...targets.shape,
    /** Tighter or looser targets for some priorities; the others use the policy's own. */
    byPriority: z.partialRecord(z.enum(PRIORITIES), targets).default({}),
    /** A timer turns to "warning" once this share of its target has elapsed. */
    warnAtPercent: z.int().min(1).max(99).default(75),
    /** The resolution clock stops while the conversation waits on the customer. */
    pauseWhileWaiting: z.boolean().default(true),
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

export type SlaTimerState = 'ok' | 'warning' | 'breached';
export type SlaTimerPhase = 'running' | 'paused' | 'stopped';

/** One SLA clock of one conversation at one instant (times are epoch ms). */
export interface SlaTimer {
  kind: 'response' | 'resolution';
  targetMs: number;
  /** Business time counted so far. */
  elapsedMs: number;
  /** targetMs − elapsedMs: negative once breached. */
  remainingMs: number;
  state: SlaTimerState;
  phase: SlaTimerPhase;
  startedAt: number;
  /** When it turns to warning / breaches if nothing changes (null when paused, stopped or past). */
  warnAt: number | null;
  dueAt: number | null;
  /** The instant the target was exceeded, if it was. */
  breachedAt: number | null;
}

export interface SlaStatus {
  policy: string;
  /** The response timer of the current episode (a reopened conversation needs a new answer). */
  response: SlaTimer;
  resolution: SlaTimer | null;
  /** The worst state of the two timers: what a queue badge shows. */
  state: SlaTimerState;
  /** The next instant a timer changes state without any new event: when to look again. */
  nextChangeAt: number | null;
  /** Every response episode so far, for attainment figures. */
  responses: { startedAt: number; respondedAt: number | null; elapsedMs: number; breached: boolean }[];
}
