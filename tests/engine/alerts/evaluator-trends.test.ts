import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../../shared/alerts.js';
import { createAlertEvaluator } from '../../../electron/engine/alerts/evaluator.js';
import { defaultAlertRules } from '../../../electron/engine/alerts/default-rules.js';
import { createTrendDetector } from '../../../electron/engine/trends/trend-detector.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { chatter, eagerScheduler, seeded } from '../trends/stream.js';
import { compileWords, rule, sequentialIds } from './helpers.js';

const EPOCH = 60_000;
const PER_EPOCH = 200;

// The shipped defaults, plus a spike rule on any trending topic.
const RULES: AlertRule[] = [
  ...defaultAlertRules(['kettlebird', '#kettlebird'], ['slack']),
  rule({ id: 'spike', name: 'Topic spike', kind: 'volume_spike', severity: 'info', target: { kind: 'topic' }, threshold: 4 }),
];

interface Timed {
  epoch: number;
  alert: Alert;
}

/** Detector and evaluator wired the way the engine will: post → rules, then → trends; onsets and closes → rules. */
async function run(burst: { text: string; from: number; share: number } | null, epochs = 14, rules = RULES): Promise<Timed[]> {
  const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
  const random = seeded(11);
  const detector = createTrendDetector({ clock, scheduler: eagerScheduler, random }, { width: 2 ** 14 });
  const opts = detector.options;
  const ev = createAlertEvaluator({ clock, compileQuery: compileWords, newId: sequentialIds() }, opts);
  ev.setRules(rules);
  const raised: Timed[] = [];
  let epoch = 0;
  detector.onOnset((o) => raised.push(...ev.onOnset(o).map((alert) => ({ epoch, alert }))));
  detector.onEpoch((r) => raised.push(...ev.onEpoch(r).map((alert) => ({ epoch: epoch - 1, alert }))));
  detector.start();
  let id = 1;
  for (epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < PER_EPOCH; i++) {
      const inBurst = burst !== null && epoch >= burst.from && random() < burst.share;
      const text = inBurst ? burst.text : chatter({ random, steady: { text: 'Kettlebird', share: 0.6 } });
      const post = { itemId: id++, text, lang: 'en', author: { handle: 'someone@social.example' }, sentiment: inBurst ? -0.8 : 0.3 };
      raised.push(...ev.onPost(post).map((alert) => ({ epoch, alert })));
      detector.ingest(post);
      clock.advance(EPOCH / PER_EPOCH);
    }
    await detector.idle();
  }
  await detector.stop();
  return raised;
}

describe('alert rules fed by trends', () => {
  it('raises one crisis alert, with evidence, within 2 epochs of a tragedy breaking', async () => {
    const raised = await run({ text: 'Shooting at the central station, several victims, police everywhere', from: 10, share: 0.25 });
    const crisis = raised.filter((r) => r.alert.severity === 'crisis');
    expect(crisis).toHaveLength(1);
    const { epoch, alert } = crisis[0]!;
    expect(epoch).toBeGreaterThanOrEqual(10);
    expect(epoch).toBeLessThanOrEqual(11);
    expect(alert.ruleId).toBe('default-sensitive-events');
    expect(alert.channels).toEqual(['slack']);
    expect(alert.evidence.terms.some((t) => t === 'shooting' || t === 'victims')).toBe(true);
    expect(alert.evidence.itemIds.length).toBeGreaterThan(0);
    expect(alert.evidence.numbers.significance).toBeGreaterThanOrEqual(4);
    expect(alert.evidence.numbers.count).toBeGreaterThanOrEqual(5);
    expect(alert.why).toMatch(/is on the sensitive-events list and trending: \d+ posts this epoch vs [\d.]+ ± [\d.]+ usually \(significance [\d.]+ ≥ 3\)/u);
    // The topic-spike rule saw the same story once too; nothing else spoke.
    expect(raised.filter((r) => r.alert.ruleId === 'spike')).toHaveLength(1);
    expect(raised.filter((r) => r.alert.ruleId !== 'spike' && r.alert.severity !== 'crisis')).toEqual([]);
  });

  it('tells a brand problem from a tragedy: an outage with the brand is a brand trend, not a crisis', async () => {
    const raised = await run({ text: 'Kettlebird app outage again, I was charged twice', from: 10, share: 0.25 });
    expect(raised.filter((r) => r.alert.severity === 'crisis')).toEqual([]);
    const brand = raised.filter((r) => r.alert.ruleId === 'default-brand-trend');
    expect(brand).toHaveLength(1);
    expect(brand[0]!.epoch).toBeLessThanOrEqual(11);
    expect(brand[0]!.alert.evidence.numbers.withBrand).toBeGreaterThanOrEqual(3);
    expect(brand[0]!.alert.why).toMatch(/started trending .* and appears with the brand in \d+ posts$/u);
  });

  it('says nothing on a steady stream with the brand in most posts', async () => {
    expect(await run(null, 30)).toEqual([]);
  });

  it('follows a topic spike rule narrowed to one term, by ratio', async () => {
    const narrowed = [rule({ id: 'outage', name: 'Outage', kind: 'volume_spike', severity: 'warning', target: { kind: 'topic', term: 'Outage' }, measure: 'ratio', threshold: 5, minCount: 10 })];
    const raised = await run({ text: 'Kettlebird app outage again, I was charged twice', from: 10, share: 0.25 }, 14, narrowed);
    expect(raised.map((r) => r.alert.ruleId)).toEqual(['outage']);
    expect(raised[0]!.alert.evidence.numbers.ratio).toBeGreaterThanOrEqual(5);
    const other = await run({ text: 'Free pastries at the harbour market today', from: 10, share: 0.25 }, 14, narrowed);
    expect(other).toEqual([]);
  });

  it('raises a sentiment drop on a trending topic against the usual mood of the stream', async () => {
    const mood = [rule({ id: 'mood', name: 'Mood', kind: 'sentiment_drop', severity: 'warning', target: { kind: 'topic' }, drop: 0.6, minCount: 10 })];
    const raised = await run({ text: 'Kettlebird app outage again, I was charged twice', from: 10, share: 0.25 }, 14, mood);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.alert.evidence.numbers.sentiment).toBeCloseTo(-0.8);
    expect(raised[0]!.alert.why).toMatch(/^Sentiment on “.+” is −0\.8 over \d+ posts \(all posts usually \+0\.\d+; drop 1\.\d+ ≥ 0\.6\)$/u);
  });
});
