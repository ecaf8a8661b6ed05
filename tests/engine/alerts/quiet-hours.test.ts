import { describe, expect, it } from 'vitest';
import { quietHoursSchema } from '../../../shared/alerts.js';
import { createAlertEvaluator } from '../../../electron/engine/alerts/evaluator.js';
import { inQuietHours } from '../../../electron/engine/alerts/quiet-hours.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { alertPost, compileWords, rule } from './helpers.js';

const q = (o: object) => quietHoursSchema.parse(o);
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('spans midnight in the rule’s own time zone, daylight saving included', () => {
    const night = q({ start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' });
    expect(inQuietHours(night, at('2026-11-22T21:30:00Z'))).toBe(true); // 22:30 CET
    expect(inQuietHours(night, at('2026-11-22T20:30:00Z'))).toBe(false); // 21:30 CET
    expect(inQuietHours(night, at('2026-11-23T05:59:00Z'))).toBe(true); // 06:59 CET
    expect(inQuietHours(night, at('2026-11-23T06:00:00Z'))).toBe(false); // 07:00 CET
    expect(inQuietHours(night, at('2026-07-01T20:30:00Z'))).toBe(true); // 22:30 CEST
    const ny = q({ start: '22:00', end: '07:00', timeZone: 'America/New_York' });
    expect(inQuietHours(ny, at('2026-11-22T21:30:00Z'))).toBe(false); // 16:30 in New York
  });

  it('limits quiet hours to the days they start on', () => {
    // Friday and Saturday nights: a window belongs to the day it starts on.
    const weekend = q({ start: '22:00', end: '07:00', timeZone: 'UTC', days: [5, 6] });
    expect(inQuietHours(weekend, at('2026-11-20T23:00:00Z'))).toBe(true); // Friday night
    expect(inQuietHours(weekend, at('2026-11-21T06:00:00Z'))).toBe(true); // Saturday morning, after Friday night
    expect(inQuietHours(weekend, at('2026-11-22T06:00:00Z'))).toBe(true); // Sunday morning, after Saturday night
    expect(inQuietHours(weekend, at('2026-11-22T23:00:00Z'))).toBe(false); // Sunday night
    expect(inQuietHours(weekend, at('2026-11-23T06:00:00Z'))).toBe(false); // Monday morning
    const allDaySunday = q({ start: '00:00', end: '00:00', timeZone: 'UTC', days: [0] });
    expect(inQuietHours(allDaySunday, at('2026-11-22T15:00:00Z'))).toBe(true);
    expect(inQuietHours(allDaySunday, at('2026-11-23T15:00:00Z'))).toBe(false);
  });

  it('rejects a time zone or a time of day that does not exist', () => {
    expect(quietHoursSchema.safeParse({ start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(quietHoursSchema.safeParse({ start: '24:00', end: '07:00', timeZone: 'UTC' }).success).toBe(false);
  });

  it('marks alerts raised in quiet hours as quiet, unless they are severe enough to break through', () => {
    const clock = new FakeClock(at('2026-11-22T23:30:00Z'));
    const ev = createAlertEvaluator({ clock, compileQuery: compileWords }, { epochMs: 60_000, halfLifeEpochs: 10, beta: 2, warmupEpochs: 3 });
    const quietHours = { start: '22:00', end: '07:00', timeZone: 'UTC' };
    ev.setRules([
      rule({ id: 'w', name: 'W', kind: 'query_match', severity: 'warning', query: 'refund', quietHours }),
      rule({ id: 'c', name: 'C', kind: 'query_match', severity: 'crisis', query: 'refund', quietHours }),
      rule({ id: 'i', name: 'I', kind: 'query_match', severity: 'info', query: 'refund', quietHours: { ...quietHours, breakThrough: 'info' } }),
    ]);
    const out = ev.onPost(alertPost('refund please'));
    expect(Object.fromEntries(out.map((a) => [a.ruleId, a.quiet]))).toEqual({ w: true, c: false, i: false });
    clock.advance(8 * 3600_000);
    expect(ev.onPost(alertPost('refund please')).find((a) => a.ruleId === 'w')?.quiet).toBe(false);
  });
});
