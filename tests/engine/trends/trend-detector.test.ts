import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyTrendsAlertsSchema } from '../../../electron/engine/trends/migration.js';
import { SeriesRepo } from '../../../electron/engine/trends/series-repo.js';
import { createTrendDetector, type EpochReport, type TrendOnset, type TrendOptions } from '../../../electron/engine/trends/trend-detector.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { chatter, eagerScheduler, seeded } from './stream.js';

const EPOCH = 60_000;
const PER_EPOCH = 200;
const BURST = 'The app is down, app outage again and I was charged twice #AppDown';

interface Run {
  onsets: Array<{ epoch: number; onset: TrendOnset }>;
  reports: EpochReport[];
  detector: ReturnType<typeof createTrendDetector>;
  clock: FakeClock;
}

/**
 * Feeds `epochs` epochs of café chatter (a steady brand term in 60% of posts), with a burst
 * from `burstFrom` on in `burstShare` of the posts. The clock moves with the posts, so the
 * detector's own timer closes each epoch.
 */
async function run(epochs: number, burst: { from: number; share: number } | null, opts: Partial<TrendOptions> = {}, repo: SeriesRepo | null = null): Promise<Run> {
  const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
  const random = seeded(42);
  const detector = createTrendDetector({ clock, scheduler: eagerScheduler, random, repo }, { width: 2 ** 14, ...opts });
  const onsets: Run['onsets'] = [];
  const reports: EpochReport[] = [];
  let epoch = 0;
  detector.onOnset((onset) => onsets.push({ epoch, onset }));
  detector.onEpoch((r) => reports.push(r));
  detector.start();
  let id = 1;
  for (epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < PER_EPOCH; i++) {
      const inBurst = burst !== null && epoch >= burst.from && random() < burst.share;
      const text = inBurst ? BURST : chatter({ random, steady: { text: 'Kettlebird', share: 0.6 } });
      detector.ingest({ itemId: id++, text, sentiment: inBurst ? 'negative' : random() < 0.5 ? 'positive' : 'neutral' });
      clock.advance(EPOCH / PER_EPOCH);
    }
    await detector.idle();
  }
  await detector.stop();
  return { onsets, reports, detector, clock };
}

describe('trend detection on synthetic streams', () => {
  it('detects a burst within 2 epochs of its onset and folds its co-trending terms into one topic', async () => {
    const { onsets, reports } = await run(16, { from: 10, share: 0.3 });
    const first = onsets.find((o) => o.onset.term.term === 'outage');
    expect(first, 'an onset for "outage"').toBeDefined();
    expect(first!.epoch).toBeGreaterThanOrEqual(10);
    expect(first!.epoch).toBeLessThanOrEqual(11);
    expect(first!.onset.term.count).toBeGreaterThanOrEqual(10);
    expect(first!.onset.term.expected).toBeLessThan(1);
    expect(first!.onset.term.itemIds.length).toBeGreaterThan(0);

    const burstReport = reports[10]!;
    expect(burstReport.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['outage', 'app outage', '#appdown', 'charged']));
    const topic = burstReport.topics.find((t) => t.terms.includes('outage'))!;
    expect(topic).toBeDefined();
    expect(topic.trending).toBe(true);
    expect(burstReport.topics[0]).toBe(topic);
    expect(topic.terms).toEqual(expect.arrayContaining(['app outage', '#appdown', 'charged']));
    expect(burstReport.topics.filter((t) => t.terms.some((x) => ['outage', '#appdown', 'charged'].includes(x)))).toHaveLength(1);
    expect(topic.volume).toBeGreaterThan(40);
    expect(topic.sentiment).toBe(-1);
    // The story keeps its id while it goes on; once the baseline has caught up it is no longer
    // "trending" (Signi-Trend scores change, not level) but still followed, with its volume.
    const later = reports[13]!.topics.find((t) => t.id === topic.id)!;
    expect(later).toBeDefined();
    expect(later.volume).toBeGreaterThan(40);
    expect(later.expected).toBeGreaterThan(topic.expected);
  });

  it('raises nothing on steady high volume, before and without a burst', async () => {
    const { onsets, reports } = await run(40, null);
    expect(onsets).toEqual([]);
    expect(reports.flatMap((r) => r.terms)).toEqual([]);
    // The steady term is among the frequent readable terms, counted but never trending.
    expect(reports.length).toBe(40);
  });

  it('stays quiet during warm-up even when the first epochs look like a burst', async () => {
    const { onsets, reports } = await run(3, { from: 0, share: 0.3 });
    expect(onsets).toEqual([]);
    expect(reports.every((r) => r.warmingUp)).toBe(true);
  });

  it('reports each onset once per episode, not once per post', async () => {
    const { onsets } = await run(14, { from: 10, share: 0.3 });
    const outage = onsets.filter((o) => o.onset.term.term === 'outage');
    expect(outage).toHaveLength(1);
  });

  it('keeps the readable most frequent terms with Space-Saving', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
    const detector = createTrendDetector({ clock, scheduler: eagerScheduler }, { width: 2 ** 12, topK: 8 });
    for (let i = 0; i < 50; i++) detector.ingest({ itemId: i, text: `kettlebird latte ${i % 2 ? 'oat' : 'soy'} unique${i}` });
    const top = detector.frequentTerms(4);
    expect(top.slice(0, 3).map((t) => t.term).sort()).toEqual(['kettlebird', 'kettlebird latte', 'latte']);
    expect(top.slice(0, 3).map((t) => t.count - t.error)).toEqual([50, 50, 50]);
    expect(top[3]!.count).toBeLessThan(50);
  });

  it('writes the "all" and topic series to SQLite and drops what is older than the retention', async () => {
    const db = new Database(':memory:');
    applyTrendsAlertsSchema(db);
    const repo = new SeriesRepo(db);
    const { reports, clock } = await run(14, { from: 10, share: 0.3 }, { retentionMs: 6 * EPOCH }, repo);
    const all = repo.series('all', '1970-01-01T00:00:00.000Z');
    // 14 epochs closed, only the last ~6 kept.
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.length).toBeLessThanOrEqual(7);
    expect(all.every((p) => p.volume === PER_EPOCH)).toBe(true);
    expect(all.at(-1)!.at).toBe(new Date(clock.now() - EPOCH).toISOString());
    const topicId = reports[10]!.topics.find((t) => t.terms.includes('outage'))!.id;
    const series = repo.series(`topic:${topicId}`, '1970-01-01T00:00:00.000Z');
    expect(series.length).toBe(4);
    expect(series[0]!.significance).toBeGreaterThan(4);
    expect(series[0]!.sentiment).toBe(-1);
    expect(repo.topics('1970-01-01T00:00:00.000Z').map((t) => t.id)).toContain(topicId);
    db.close();
  });

  it('decays the baselines over epochs nobody posted in and writes zero points for them', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
    const detector = createTrendDetector({ clock, scheduler: eagerScheduler }, { width: 2 ** 10, warmupEpochs: 0 });
    const reports: EpochReport[] = [];
    detector.onEpoch((r) => reports.push(r));
    for (let e = 0; e < 5; e++) {
      for (let i = 0; i < 30; i++) detector.ingest({ itemId: e * 100 + i, text: 'espresso' });
      clock.advance(EPOCH);
      await detector.rollover();
    }
    const before = detector.estimate('espresso').expected;
    // The host sleeps for 10 epochs: no timer ran, the next post finds the epoch long over.
    clock.advance(10 * EPOCH);
    detector.ingest({ itemId: 9999, text: 'espresso' });
    await detector.idle();
    const after = detector.estimate('espresso').expected;
    expect(after).toBeLessThan(before * 0.6);
    expect(reports.at(-1)!.points.filter((p) => p.key === 'all' && p.point.volume === 0).length).toBeGreaterThanOrEqual(9);
  });
});
