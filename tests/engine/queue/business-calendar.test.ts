import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, compileCalendar, isOpenAt, nextOpenAt } from '../../../electron/engine/queue/business-calendar.js';
import { businessCalendarSchema, minutesOfDay, type BusinessCalendar, type BusinessCalendarInput } from '../../../shared/queue-sla.js';
import { calendarArb, DAY, MINUTE, naiveAddMinutes, naiveBusinessMinutes, naiveIsOpen, ZONE_ANCHORS } from './naive-calendar.js';

const HOUR = 60 * MINUTE;
const nineToFive = [{ from: '09:00', to: '17:00' }];
const officeWeek = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive };

function calendar(over: Partial<BusinessCalendarInput> & { timeZone: string }): BusinessCalendar {
  return businessCalendarSchema.parse({ id: 'cal', name: 'Calendar', week: officeWeek, ...over });
}
const at = (iso: string) => Date.parse(iso);
const weeklyOpenMinutes = (cal: BusinessCalendar) =>
  Object.values(cal.week)
    .flat()
    .reduce((sum, i) => sum + minutesOfDay(i.to) - minutesOfDay(i.from), 0);

describe('business calendar: examples', () => {
  const berlin = compileCalendar(calendar({ timeZone: 'Europe/Berlin' }));

  it('counts only opening hours across a weekend', () => {
    // Friday 16:00 CET → Monday 10:00 CET: one hour on Friday, one on Monday.
    expect(businessMsBetween(berlin, at('2025-01-10T15:00Z'), at('2025-01-13T09:00Z'))).toBe(2 * HOUR);
    expect(addBusinessMs(berlin, at('2025-01-10T15:00Z'), 2 * HOUR)).toBe(at('2025-01-13T09:00Z'));
    // Exactly at closing time: the deadline is 17:00 on Friday, not 09:00 on Monday.
    expect(addBusinessMs(berlin, at('2025-01-10T15:00Z'), HOUR)).toBe(at('2025-01-10T16:00Z'));
  });

  it('knows whether an instant is within business hours, in the zone', () => {
    expect(isOpenAt(berlin, at('2025-07-01T07:00Z'))).toBe(true); // 09:00 CEST
    expect(isOpenAt(berlin, at('2025-07-01T06:59Z'))).toBe(false);
    expect(isOpenAt(berlin, at('2025-07-01T15:00Z'))).toBe(false); // 17:00 CEST: closed
    expect(isOpenAt(berlin, at('2025-07-05T10:00Z'))).toBe(false); // Saturday
    expect(nextOpenAt(berlin, at('2025-07-05T10:00Z'))).toBe(at('2025-07-07T07:00Z'));
  });

  it('skips the hour that does not exist and counts twice the hour that happens twice', () => {
    const early = [{ from: '01:00', to: '05:00' }];
    const sundays = compileCalendar(calendar({ timeZone: 'Europe/Berlin', week: { sun: early } }));
    // 2025-03-30: 02:00 → 03:00, so 01:00–05:00 lasts three hours.
    expect(businessMsBetween(sundays, at('2025-03-29T12:00Z'), at('2025-03-30T12:00Z'))).toBe(3 * HOUR);
    // 2025-10-26: 03:00 → 02:00, so it lasts five.
    expect(businessMsBetween(sundays, at('2025-10-25T12:00Z'), at('2025-10-26T12:00Z'))).toBe(5 * HOUR);
    const inGap = compileCalendar(calendar({ timeZone: 'Europe/Berlin', week: { sun: [{ from: '02:15', to: '02:45' }] } }));
    expect(businessMsBetween(inGap, at('2025-03-29T12:00Z'), at('2025-03-30T12:00Z'))).toBe(0);
    expect(businessMsBetween(inGap, at('2025-10-25T12:00Z'), at('2025-10-26T12:00Z'))).toBe(HOUR);
  });

  it('honours full and partial holidays, dated in the calendar zone', () => {
    const ny = compileCalendar(
      calendar({
        timeZone: 'America/New_York',
        holidays: [
          { date: '2025-12-25', name: 'Christmas Day', hours: [] },
          { date: '2025-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '12:00' }] },
        ],
      }),
    );
    // Wed 24th: 3 h; Thu 25th: closed; Fri 26th: 8 h.
    expect(businessMsBetween(ny, at('2025-12-24T00:00Z'), at('2025-12-27T05:00Z'))).toBe(11 * HOUR);
    // 11:30 on the 24th + 1 h = 30 min that day, 30 min on the 26th.
    expect(addBusinessMs(ny, at('2025-12-24T16:30Z'), HOUR)).toBe(at('2025-12-26T14:30Z'));
  });

  it('works in zones with half-hour offsets and no DST', () => {
    const kolkata = compileCalendar(calendar({ timeZone: 'Asia/Kolkata' }));
    expect(isOpenAt(kolkata, at('2025-01-06T03:30Z'))).toBe(true); // 09:00 IST
    expect(isOpenAt(kolkata, at('2025-01-06T03:29Z'))).toBe(false);
    expect(businessMsBetween(kolkata, at('2025-01-05T00:00Z'), at('2025-01-12T00:00Z'))).toBe(40 * HOUR);
  });

  it('says what is wrong with a calendar, and refuses one that is never open', () => {
    const r = businessCalendarSchema.safeParse({
      id: 'x',
      name: 'X',
      timeZone: 'Mars/Olympus',
      week: { mon: [{ from: '17:00', to: '09:00' }], tue: [{ from: '9:00', to: '12:00' }] },
      holidays: [],
    });
    expect(r.success).toBe(false);
    const text = JSON.stringify(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(text).toContain('not an IANA time zone');
    expect(text).toContain('night shift');
    expect(text).toContain('a time of day is');
    expect(text.match(/ends after it starts/g)).toHaveLength(1);
    const never = businessCalendarSchema.safeParse({ id: 'x', name: 'X', timeZone: 'UTC', week: {} });
    expect(never.error!.issues[0]!.message).toContain('open at least once a week');
  });

  it('refuses instants that are not finite numbers instead of looping', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => businessMsBetween(berlin, 0, bad)).toThrow(RangeError);
      expect(() => addBusinessMs(berlin, bad, HOUR)).toThrow(RangeError);
      expect(() => isOpenAt(berlin, bad)).toThrow(RangeError);
    }
  });

  it('gives up with an error, not a hang, when holidays close a calendar for years', () => {
    const days = Array.from({ length: 7 * 300 }, (_, i) => new Date(at('2025-01-01T00:00Z') + i * DAY).toISOString().slice(0, 10));
    const closed = compileCalendar(
      calendar({ timeZone: 'UTC', week: { mon: nineToFive }, holidays: days.slice(0, 1000).map((d) => ({ date: d, name: 'closed', hours: [] })) }),
    );
    expect(addBusinessMs(closed, at('2025-01-01T00:00Z'), HOUR)).toBeGreaterThan(at('2027-09-01T00:00Z'));
    const schema = businessCalendarSchema.parse({ id: 'z', name: 'Z', timeZone: 'UTC', week: { mon: nineToFive } });
    const mondaysClosed = compileCalendar({ ...schema, holidays: [] });
    mondaysClosed.week[1] = [];
    expect(() => addBusinessMs(mondaysClosed, at('2025-01-01T00:00Z'), HOUR)).toThrow(/no business hours in the 1830 days/);
  });
});

describe('business calendar: against a minute-by-minute reference', () => {
  for (const [zone, anchors] of Object.entries(ZONE_ANCHORS)) {
    const anchorArb = fc.constantFrom(...anchors.map((a) => Date.parse(a)));
    const setup = anchorArb.chain((anchor) =>
      fc.record({
        anchor: fc.constant(anchor),
        cal: calendarArb(zone, anchor),
        startMin: fc.integer({ min: -3 * 1440, max: 2 * 1440 }),
        lengthMin: fc.integer({ min: 0, max: 3 * 1440 }),
      }),
    );

    it(`${zone}: business time between two instants and whether each is open`, () => {
      fc.assert(
        fc.property(setup, ({ anchor, cal, startMin, lengthMin }) => {
          const from = anchor + startMin * MINUTE;
          const to = from + lengthMin * MINUTE;
          const compiled = compileCalendar(cal);
          expect(businessMsBetween(compiled, from, to)).toBe(naiveBusinessMinutes(cal, from, to) * MINUTE);
          for (const t of [from, to, from + Math.floor(lengthMin / 2) * MINUTE]) expect(isOpenAt(compiled, t)).toBe(naiveIsOpen(cal, t));
        }),
        { numRuns: 40 },
      );
    });

    it(`${zone}: the instant N business minutes after a start`, () => {
      fc.assert(
        fc.property(setup, fc.integer({ min: 0, max: 150 }), ({ anchor, cal, startMin }, percentOfWeek) => {
          const start = anchor + startMin * MINUTE;
          // Up to one and a half weeks' worth of the calendar's open time, so the reference stays quick.
          const n = Math.floor((weeklyOpenMinutes(cal) * percentOfWeek) / 100);
          const compiled = compileCalendar(cal);
          const due = addBusinessMs(compiled, start, n * MINUTE);
          expect(due).toBe(naiveAddMinutes(cal, start, n));
          expect(businessMsBetween(compiled, start, due)).toBe(n * MINUTE);
        }),
        { numRuns: 30 },
      );
    });
  }
});
