import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/methods';
import { PRIORITIES, TRIAGE_INTENTS, TRIAGE_SENTIMENTS, TRIAGE_STAGES, triageConfigSchema, WEEKDAYS } from '../../shared/queue';
import { fromSla, parseHours, toSla } from '../../renderer/src/features/settings/queue/sla-form-model';
import { fromConfig, moveRule, toConfig } from '../../renderer/src/features/settings/queue/triage-form-model';

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const slug = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/);
const some = <T>(values: readonly T[]) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: values.length });
const not = fc.boolean();

const condition = fc.oneof(
  fc.record({ field: fc.constantFrom('platform', 'source', 'query', 'topic'), in: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), not }),
  fc.record({ field: fc.constant('intent'), in: some(TRIAGE_INTENTS), not }),
  fc.record({ field: fc.constant('sentiment'), in: some(TRIAGE_SENTIMENTS), not }),
  fc.record({ field: fc.constant('stage'), in: some(TRIAGE_STAGES), not }),
  fc.record({ field: fc.constant('language'), in: fc.uniqueArray(fc.constantFrom('en', 'de', 'pt-br', 'fr'), { minLength: 1, maxLength: 3 }), not }),
  fc.record({ field: fc.constant('urgency'), in: fc.option(fc.uniqueArray(word, { minLength: 1, maxLength: 3 }), { nil: undefined }), not }),
  fc.record({ field: fc.constant('reach'), atLeast: fc.nat({ max: 10_000_000 }) }),
  fc.record({ field: fc.constantFrom('vip', 'private'), is: fc.boolean() }),
);

const config = fc
  .record({
    rules: fc.uniqueArray(
      fc.record({
        id: slug,
        name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/),
        enabled: fc.boolean(),
        continue: fc.boolean(),
        when: fc.array(condition, { maxLength: 4 }),
        then: fc.record({ team: fc.option(slug, { nil: undefined }), priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }), sla: fc.option(slug, { nil: undefined }), tags: fc.uniqueArray(word, { minLength: 1, maxLength: 3 }) }),
      }),
      { maxLength: 6, selector: (r) => r.id },
    ),
    defaultRoute: fc.record({ team: slug, priority: fc.constantFrom(...PRIORITIES), sla: fc.option(slug, { nil: null }), tags: fc.uniqueArray(word, { maxLength: 3 }) }),
    vip: fc.uniqueArray(fc.tuple(word, word).map(([u, d]) => `${u}@${d}.example`), { maxLength: 3 }),
  })
  .map((c) => triageConfigSchema.parse(JSON.parse(JSON.stringify(c))));

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// Non-overlapping intervals: sorted distinct minute marks, paired.
const hours = fc.uniqueArray(fc.integer({ min: 0, max: 24 * 4 }).map((q) => q * 15), { maxLength: 4 }).map((marks) => {
  const s = [...marks].sort((a, b) => a - b);
  const out: { from: string; to: string }[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push({ from: hhmm(s[i]!), to: hhmm(s[i + 1]!) });
  return out;
});
const targets = fc.record({ firstResponseMinutes: fc.integer({ min: 1, max: 10_000 }), resolutionMinutes: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }) });
const sla = fc
  .record({
    policies: fc.array(
      fc.record({
        id: slug,
        name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[a-z]$/),
        calendar: fc.option(slug, { nil: null }),
        firstResponseMinutes: fc.integer({ min: 1, max: 10_000 }),
        resolutionMinutes: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
        byPriority: fc.dictionary(fc.constantFrom(...PRIORITIES), targets, { maxKeys: 4 }),
        warnAtPercent: fc.integer({ min: 1, max: 99 }),
        pauseWhileWaiting: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    calendars: fc.array(
      fc.record({
        id: slug,
        name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}[a-z]$/),
        timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'),
        week: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, hours])) as Record<(typeof WEEKDAYS)[number], typeof hours>),
        holidays: fc.uniqueArray(fc.record({ date: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), name: fc.constantFrom('Christmas', 'New Year'), hours }), { maxLength: 3, selector: (h) => h.date }),
      }),
      { maxLength: 2 },
    ),
  })
  .filter((v) => methods['sla.save'].params.safeParse(v).success)
  .map((v) => methods['sla.save'].params.parse(v));

describe('the settings forms lose nothing (property)', () => {
  it('triage rules: form → config gives back exactly what was loaded', () => {
    fc.assert(
      fc.property(config, (c) => {
        expect(triageConfigSchema.parse(toConfig(fromConfig(c)))).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });

  it('SLA policies and calendars: form → value gives back exactly what was loaded', () => {
    fc.assert(
      fc.property(sla, (v) => {
        expect(methods['sla.save'].params.parse(toSla(fromSla(v as never)))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('moving a rule keeps every rule, and moving it back restores the order', () => {
    fc.assert(
      fc.property(config, fc.nat(), fc.constantFrom(-1 as const, 1 as const), (c, k, delta) => {
        const rules = fromConfig(c).rules;
        if (rules.length === 0) return;
        const i = k % rules.length;
        const moved = moveRule(rules, i, delta);
        expect([...moved].sort((a, b) => a.key - b.key)).toEqual([...rules].sort((a, b) => a.key - b.key));
        const j = i + delta;
        // At an end the rule stays where it is; otherwise moving it back restores the order.
        if (j < 0 || j >= rules.length) expect(moved.map((r) => r.key)).toEqual(rules.map((r) => r.key));
        else expect(moveRule(moved, j, delta === 1 ? -1 : 1).map((r) => r.key)).toEqual(rules.map((r) => r.key));
      }),
    );
  });

  it('reads opening hours the way people type them, and passes anything else on for the schema to name', () => {
    expect(parseHours(' 08:00-12:00,13:00 – 17:30 ,')).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ]);
    expect(parseHours('9 to 5')).toEqual([{ from: '9 to 5', to: '' }]);
    expect(parseHours('')).toEqual([]);
  });
});
