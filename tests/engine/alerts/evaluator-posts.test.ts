import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { createAlertEvaluator } from '../../../electron/engine/alerts/evaluator.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { alertPost, compileWords, rule, sequentialIds } from './helpers.js';

const EPOCH = 60_000;
const OPTS = { epochMs: EPOCH, halfLifeEpochs: 10, beta: 2, warmupEpochs: 3 };

function setup() {
  const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
  const ev = createAlertEvaluator({ clock, compileQuery: compileWords, newId: sequentialIds() }, OPTS);
  return { clock, ev };
}

/** One epoch with `matching` posts about refunds among chatter; returns what was raised. */
function epoch(ev: ReturnType<typeof setup>['ev'], clock: FakeClock, matching: number, sentiment: number | null = null): Alert[] {
  const out: Alert[] = [];
  for (let i = 0; i < matching; i++) out.push(...ev.onPost(alertPost('I want a refund please', { sentiment })));
  for (let i = 0; i < 20; i++) out.push(...ev.onPost(alertPost('lovely latte today', { sentiment: 0.5 })));
  clock.advance(EPOCH);
  out.push(...ev.tick());
  return out;
}

describe('alert rules fed by posts', () => {
  it('raises a query match at once, then stays silent for the cooldown and reports what it silenced', () => {
    const { clock, ev } = setup();
    ev.setRules([rule({ id: 'q', name: 'Refunds', kind: 'query_match', severity: 'warning', query: 'refund', cooldownMinutes: 10 })]);
    const first = ev.onPost(alertPost('Where is my REFUND?', { itemId: 101 }));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ ruleId: 'q', kind: 'query_match', severity: 'warning', subject: 'query', quiet: false, ack: null });
    expect(first[0]!.evidence.itemIds).toEqual([101]);
    expect(first[0]!.why).toBe('A post matched “refund”');
    expect(ev.onPost(alertPost('no match here'))).toEqual([]);
    clock.advance(60_000);
    expect(ev.onPost(alertPost('refund again', { itemId: 102 }))).toEqual([]);
    expect(ev.onPost(alertPost('refund now', { itemId: 103 }))).toEqual([]);
    clock.advance(10 * 60_000);
    const next = ev.onPost(alertPost('refund after the cooldown', { itemId: 104 }));
    expect(next).toHaveLength(1);
    expect(next[0]!.why).toMatch(/2 more posts since the alert at 12:00 UTC/u);
    expect(next[0]!.evidence.itemIds).toEqual([102, 103, 104]);
    expect(next[0]!.evidence.numbers.silencedPosts).toBe(2);
  });

  it('evaluates a post once (an edit or a re-delivery is no new alert)', () => {
    const { ev } = setup();
    ev.setRules([rule({ id: 'q', name: 'Refunds', kind: 'query_match', severity: 'info', query: 'refund', cooldownMinutes: 0 })]);
    expect(ev.onPost(alertPost('refund', { itemId: 7 }))).toHaveLength(1);
    expect(ev.onPost(alertPost('refund!', { itemId: 7 }))).toEqual([]);
    expect(ev.onPost(alertPost('refund', { itemId: 8 }))).toHaveLength(1);
  });

  it('raises for a VIP or a high-reach author, once per author per cooldown', () => {
    const { ev } = setup();
    ev.setRules([rule({ id: 'vip', name: 'VIPs', kind: 'author', severity: 'warning', handles: ['@Mayor@city.example'], minFollowers: 50_000 })]);
    const vip = ev.onPost(alertPost('hello', { author: { handle: 'mayor@city.example' } }));
    expect(vip.map((a) => a.why)).toEqual(['VIP @mayor@city.example posted']);
    expect(ev.onPost(alertPost('again', { author: { handle: 'mayor@city.example' } }))).toEqual([]);
    const reach = ev.onPost(alertPost('hi', { author: { handle: 'star@tv.example', followers: 120_000 } }));
    expect(reach[0]!.why).toBe('@star@tv.example (120,000 followers) posted');
    expect(ev.onPost(alertPost('hi', { author: { handle: 'nobody@x.example', followers: 49_999 } }))).toEqual([]);
  });

  it('spots a volume spike on a query within the epoch it starts, with the series as evidence', () => {
    const { clock, ev } = setup();
    ev.setRules([rule({ id: 'v', name: 'Refund volume', kind: 'volume_spike', severity: 'warning', target: { kind: 'query', query: 'refund' }, measure: 'ratio', threshold: 3, minCount: 10 })]);
    for (let e = 0; e < 6; e++) expect(epoch(ev, clock, 10)).toEqual([]);
    const spike = epoch(ev, clock, 40);
    expect(spike).toHaveLength(1);
    const a = spike[0]!;
    expect(a.evidence.numbers.count).toBe(30);
    expect(a.evidence.numbers.ratio).toBeGreaterThanOrEqual(3);
    expect(a.evidence.seriesKey).toBe('query:v');
    expect(a.evidence.series.map((p) => p.volume)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(a.evidence.itemIds.length).toBe(20);
    expect(a.why).toMatch(/^30 posts on “refund” this epoch, 3× the usual 10 \(threshold 3×\)$/u);
  });

  it('does not flap: a spike hovering around the threshold raises one alert until it has settled and cooled down', () => {
    const { clock, ev } = setup();
    // A one-minute cooldown alone would let every other epoch alert again: the episode stays open
    // while the signal is above half the threshold.
    ev.setRules([
      rule({ id: 'v', name: 'Refund volume', kind: 'volume_spike', severity: 'warning', target: { kind: 'query', query: 'refund' }, measure: 'ratio', threshold: 3, minCount: 10, cooldownMinutes: 1 }),
    ]);
    const raised: Alert[] = [];
    for (let e = 0; e < 6; e++) raised.push(...epoch(ev, clock, 10));
    for (const n of [40, 25, 40, 25, 40, 25, 40]) raised.push(...epoch(ev, clock, n));
    expect(raised).toHaveLength(1);
    // Back to normal long enough to settle and cool down; then a new spike is a new alert.
    for (let e = 0; e < 6; e++) raised.push(...epoch(ev, clock, 10));
    expect(raised).toHaveLength(1);
    raised.push(...epoch(ev, clock, 80));
    expect(raised).toHaveLength(2);
  });

  it('stays silent on steady high volume', () => {
    const { clock, ev } = setup();
    ev.setRules([
      rule({ id: 'sig', name: 'All posts', kind: 'volume_spike', severity: 'warning', target: { kind: 'all' }, threshold: 4 }),
      rule({ id: 'ratio', name: 'Refunds', kind: 'volume_spike', severity: 'warning', target: { kind: 'query', query: 'refund' }, measure: 'ratio', threshold: 2 }),
    ]);
    const raised: Alert[] = [];
    for (let e = 0; e < 40; e++) raised.push(...epoch(ev, clock, 150 + ((e * 7) % 11)));
    expect(raised).toEqual([]);
  });

  it('raises a sentiment drop when an epoch closes far below the usual level', () => {
    const { clock, ev } = setup();
    ev.setRules([rule({ id: 's', name: 'Mood', kind: 'sentiment_drop', severity: 'crisis', target: { kind: 'query', query: 'refund' }, drop: 0.5, minCount: 5 })]);
    for (let e = 0; e < 5; e++) expect(epoch(ev, clock, 10, 0.2)).toEqual([]);
    const drop = epoch(ev, clock, 10, -0.6);
    expect(drop).toHaveLength(1);
    expect(drop[0]!.severity).toBe('crisis');
    expect(drop[0]!.why).toBe('Sentiment on “refund” fell to −0.6 over 10 posts (usually +0.2; drop 0.8 ≥ 0.5)');
    expect(drop[0]!.evidence.series.at(-1)!.sentiment).toBeCloseTo(-0.6);
  });

  it('keeps running when a query does not compile or throws on a post', () => {
    const { ev } = setup();
    ev.setRules([
      rule({ id: 'bad', name: 'Broken', kind: 'query_match', severity: 'info', query: 'BAD(' }),
      rule({ id: 'ok', name: 'Fine', kind: 'query_match', severity: 'info', query: 'refund' }),
    ]);
    expect(ev.ruleErrors()).toEqual({ bad: expect.stringMatching(/does not compile: unbalanced parenthesis/u) });
    expect(ev.onPost(alertPost('refund')).map((a) => a.ruleId)).toEqual(['ok']);
    const throwing = createAlertEvaluator(
      {
        clock: new FakeClock(),
        compileQuery: () => () => {
          throw new Error('boom');
        },
      },
      OPTS,
    );
    throwing.setRules([rule({ id: 'x', name: 'X', kind: 'query_match', severity: 'info', query: 'x' })]);
    expect(throwing.onPost(alertPost('x'))).toEqual([]);
    expect(throwing.ruleErrors().x).toMatch(/failed on a post: Error: boom/u);
  });

  it('keeps a rule silent after a restart when its last alert is inside the cooldown', () => {
    const { clock, ev } = setup();
    ev.setRules([rule({ id: 'q', name: 'Refunds', kind: 'query_match', severity: 'info', query: 'refund', cooldownMinutes: 30 })]);
    ev.seedCooldowns([{ ruleId: 'q', subject: 'query', createdAt: new Date(clock.now() - 10 * 60_000).toISOString() }]);
    expect(ev.onPost(alertPost('refund'))).toEqual([]);
    clock.advance(21 * 60_000);
    expect(ev.onPost(alertPost('refund'))).toHaveLength(1);
  });

  it('survives arbitrary posts (fuzz)', () => {
    const { clock, ev } = setup();
    ev.setRules([
      rule({ id: 'q', name: 'Q', kind: 'query_match', severity: 'info', query: 'a' }),
      rule({ id: 'au', name: 'A', kind: 'author', severity: 'info', handles: ['x'], minFollowers: 1 }),
      rule({ id: 'b', name: 'B', kind: 'brand_trend', severity: 'info', brandTerms: ['kettlebird'] }),
      rule({ id: 'v', name: 'V', kind: 'volume_spike', severity: 'info', target: { kind: 'all' } }),
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string(), fc.oneof(fc.double(), fc.constant(null), fc.constantFrom('positive', 'negative')), fc.double(), (text, handle, sentiment, followers) => {
        clock.advance(1000);
        const out = ev.onPost({ itemId: Math.floor(Math.random() * 1e9), text, author: { handle, followers }, sentiment: sentiment as never });
        expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
