import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../electron/engine/queue/business-calendar.js';
import { slaStatus, type SlaEvent, type SlaEventType } from '../../../electron/engine/queue/sla-timers.js';
import { businessCalendarSchema, slaPolicySchema, type BusinessCalendar, type SlaPolicyInput } from '../../../shared/queue-sla.js';
import { calendarArb, MINUTE, naiveIsOpen } from './naive-calendar.js';

const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);
const nineToFive = [{ from: '09:00', to: '17:00' }];
const berlinOffice = businessCalendarSchema.parse({
  id: 'berlin',
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const policy = (over: Partial<SlaPolicyInput> = {}) =>
  slaPolicySchema.parse({ id: 'care', name: 'Care', calendar: 'berlin', firstResponseMinutes: 60, resolutionMinutes: 8 * 60, warnAtPercent: 75, ...over });
const ev = (type: SlaEventType, iso: string): SlaEvent => ({ type, at: at(iso) });

describe('SLA timers', () => {
  const calendar = compileCalendar(berlinOffice);
  // Friday 2025-01-10 16:30 CET = 15:30Z.
  const created = ev('created', '2025-01-10T15:30Z');

  it('runs the response clock only in business hours: warning, then breach on Monday', () => {
    const base = { policy: policy(), priority: 'normal' as const, calendar, events: [created] };
    const friday = slaStatus({ ...base, now: at('2025-01-10T15:50Z') });
    expect(friday.response).toMatchObject({ state: 'ok', phase: 'running', elapsedMs: 20 * MINUTE, remainingMs: 40 * MINUTE });
    expect(friday.response.warnAt).toBe(at('2025-01-13T08:15Z')); // 45 min in: Monday 09:15
    expect(friday.response.dueAt).toBe(at('2025-01-13T08:30Z'));
    expect(friday.nextChangeAt).toBe(at('2025-01-13T08:15Z'));
    // Saturday: nothing moved.
    expect(slaStatus({ ...base, now: at('2025-01-11T12:00Z') }).response.elapsedMs).toBe(30 * MINUTE);
    expect(slaStatus({ ...base, now: at('2025-01-13T08:20Z') }).response.state).toBe('warning');
    const late = slaStatus({ ...base, now: at('2025-01-13T09:00Z') });
    expect(late.response).toMatchObject({ state: 'breached', remainingMs: -30 * MINUTE, breachedAt: at('2025-01-13T08:30Z'), dueAt: null });
    expect(late.state).toBe('breached');
  });

  it('stops the response clock at the first agent reply, and records whether it was in time', () => {
    const s = slaStatus({ policy: policy(), priority: 'normal', calendar, events: [created, ev('agent_replied', '2025-01-13T08:10Z')], now: at('2025-01-14T12:00Z') });
    expect(s.response).toMatchObject({ phase: 'stopped', state: 'ok', elapsedMs: 40 * MINUTE, warnAt: null, dueAt: null });
    expect(s.responses).toEqual([{ startedAt: created.at, respondedAt: at('2025-01-13T08:10Z'), elapsedMs: 40 * MINUTE, breached: false }]);
    // The resolution clock is still running: Fri 30 min + Mon 8 h + Tue 3 h > 8 h.
    expect(s.resolution).toMatchObject({ phase: 'running', state: 'breached', breachedAt: at('2025-01-13T15:30Z') });
  });

  it('pauses the resolution clock while waiting on the customer, and resumes when they write', () => {
    const events = [created, ev('agent_replied', '2025-01-10T15:40Z'), ev('waiting', '2025-01-10T15:45Z'), ev('customer_wrote', '2025-01-13T10:00Z')];
    const waiting = slaStatus({ policy: policy(), priority: 'normal', calendar, events, now: at('2025-01-13T09:00Z') });
    expect(waiting.resolution).toMatchObject({ phase: 'paused', elapsedMs: 15 * MINUTE, dueAt: null, warnAt: null });
    const back = slaStatus({ policy: policy(), priority: 'normal', calendar, events, now: at('2025-01-13T11:00Z') });
    expect(back.resolution).toMatchObject({ phase: 'running', elapsedMs: 75 * MINUTE });
    // A policy that does not pause keeps counting through the wait.
    const noPause = slaStatus({ policy: policy({ pauseWhileWaiting: false }), priority: 'normal', calendar, events, now: at('2025-01-13T09:00Z') });
    expect(noPause.resolution).toMatchObject({ phase: 'running', elapsedMs: 90 * MINUTE });
  });

  it('starts a new response clock on reopen and keeps adding to the resolution clock', () => {
    const events = [
      created,
      ev('agent_replied', '2025-01-10T15:40Z'),
      ev('resolved', '2025-01-10T15:50Z'),
      ev('customer_wrote', '2025-01-13T09:00Z'), // reopens
    ];
    const s = slaStatus({ policy: policy(), priority: 'normal', calendar, events, now: at('2025-01-13T10:00Z') });
    expect(s.responses).toHaveLength(2);
    expect(s.response).toMatchObject({ startedAt: at('2025-01-13T09:00Z'), elapsedMs: HOUR, state: 'breached', phase: 'running' });
    expect(s.resolution).toMatchObject({ elapsedMs: 20 * MINUTE + HOUR, phase: 'running' });
    const resolved = slaStatus({ policy: policy(), priority: 'normal', calendar, events: events.slice(0, 3), now: at('2025-01-13T10:00Z') });
    expect(resolved.resolution).toMatchObject({ phase: 'stopped', state: 'ok', elapsedMs: 20 * MINUTE });
    expect(resolved.nextChangeAt).toBeNull();
  });

  it('uses per-priority targets, and plain elapsed time without a calendar', () => {
    const p = policy({ calendar: null, byPriority: { urgent: { firstResponseMinutes: 15, resolutionMinutes: null } } });
    const urgent = slaStatus({ policy: p, priority: 'urgent', calendar: null, events: [created], now: created.at + 20 * MINUTE });
    expect(urgent.response).toMatchObject({ targetMs: 15 * MINUTE, state: 'breached', breachedAt: created.at + 15 * MINUTE });
    expect(urgent.resolution).toBeNull();
    const normal = slaStatus({ policy: p, priority: 'normal', calendar: null, events: [created], now: created.at + 20 * MINUTE });
    expect(normal.response).toMatchObject({ targetMs: HOUR, state: 'ok', dueAt: created.at + HOUR });
  });

  it('refuses events without a creation', () => {
    expect(() => slaStatus({ policy: policy(), priority: 'normal', calendar, events: [ev('agent_replied', '2025-01-10T15:40Z')], now: at('2025-01-11T00:00Z') })).toThrow(/created/);
  });
});

/**
 * The reference: step minute by minute from creation, apply each event in its minute, and count a
 * minute for a clock when the clock runs in it and the calendar is open at its start.
 */
function naiveTimers(cal: BusinessCalendar, events: SlaEvent[], now: number, pause: boolean, responseTarget: number, resolutionTarget: number) {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let status: 'open' | 'waiting' | 'resolved' = 'open';
  let responded = false;
  let response = 0;
  let resolution = 0;
  let responseBreachedAt: number | null = null;
  let resolutionBreachedAt: number | null = null;
  let i = 1;
  // Applies the events up to t (an event at `now` itself still changes the state, with no minute counted).
  const applyUpTo = (t: number) => {
    for (; i < sorted.length && sorted[i]!.at <= t; i++) {
      const e = sorted[i]!;
      if ((e.type === 'customer_wrote' || e.type === 'reopened') && status === 'resolved') {
        status = 'open';
        responded = false;
        response = 0;
        responseBreachedAt = null;
      } else if ((e.type === 'customer_wrote' || e.type === 'resumed') && status === 'waiting') status = 'open';
      else if (e.type === 'agent_replied' && status !== 'resolved') responded = true;
      else if (e.type === 'waiting' && status === 'open') status = 'waiting';
      else if (e.type === 'resolved') {
        if (status !== 'resolved') responded = true;
        status = 'resolved';
      }
    }
  };
  for (let t = sorted[0]!.at; t < now; t += MINUTE) {
    applyUpTo(t);
    if (!naiveIsOpen(cal, t)) continue;
    if (!responded && ++response === responseTarget) responseBreachedAt = t + MINUTE;
    if ((status === 'open' || (status === 'waiting' && !pause)) && ++resolution === resolutionTarget) resolutionBreachedAt = t + MINUTE;
  }
  applyUpTo(now);
  return { response, resolution, responseBreachedAt, resolutionBreachedAt };
}

describe('SLA timers against a minute-by-minute reference', () => {
  const types: SlaEventType[] = ['customer_wrote', 'agent_replied', 'waiting', 'resumed', 'resolved', 'reopened'];
  for (const [zone, anchor] of [
    ['Europe/Berlin', '2025-03-28T12:00Z'],
    ['America/New_York', '2024-11-01T12:00Z'],
    ['Australia/Sydney', '2024-10-04T00:00Z'],
    ['Asia/Kolkata', '2025-01-24T00:00Z'],
  ] as const) {
    it(`${zone}: elapsed business time, states and breach instants agree`, () => {
      const start = Date.parse(anchor);
      fc.assert(
        fc.property(
          calendarArb(zone, start),
          fc.array(fc.record({ type: fc.constantFrom(...types), minute: fc.integer({ min: 1, max: 3 * 1440 }) }), { maxLength: 8 }),
          fc.integer({ min: 0, max: 4 * 1440 }),
          fc.integer({ min: 1, max: 600 }),
          fc.integer({ min: 1, max: 1500 }),
          fc.boolean(),
          (cal, raw, nowMinute, responseMinutes, resolutionMinutes, pauseWhileWaiting) => {
            const events: SlaEvent[] = [{ type: 'created', at: start }, ...raw.map((e) => ({ type: e.type, at: start + e.minute * MINUTE }))];
            const now = start + nowMinute * MINUTE;
            const p = slaPolicySchema.parse({ id: 'p', name: 'P', calendar: 'gen', firstResponseMinutes: responseMinutes, resolutionMinutes, pauseWhileWaiting });
            const s = slaStatus({ policy: p, priority: 'normal', calendar: compileCalendar(cal), events, now });
            const ref = naiveTimers(cal, events.filter((e) => e.at <= now), now, pauseWhileWaiting, responseMinutes, resolutionMinutes);
            expect(s.response.elapsedMs).toBe(ref.response * MINUTE);
            expect(s.resolution!.elapsedMs).toBe(ref.resolution * MINUTE);
            expect(s.response.breachedAt).toBe(ref.responseBreachedAt);
            expect(s.resolution!.breachedAt).toBe(ref.resolutionBreachedAt);
            expect(s.response.state === 'breached').toBe(ref.response >= responseMinutes);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});
