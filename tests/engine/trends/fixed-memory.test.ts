import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from '../../../electron/engine/trends/tokenize.js';
import { createTrendDetector, type TrendOptions } from '../../../electron/engine/trends/trend-detector.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { eagerScheduler, seeded } from './stream.js';

const EPOCH = 60_000;

/** The most the bounded structures may hold, from the options alone (not from what was fed). */
function bound(o: Pick<TrendOptions, 'depth' | 'width' | 'topK' | 'maxTrending' | 'sampleSize' | 'itemIdsPerTerm'>, maxTermChars: number): number {
  const term = 64 + 2 * maxTermChars;
  const topics = 100 * (10 * term + 8 * 20 + 256);
  return o.depth * o.width * 16 + 2 * o.topK * (term + 64) + o.maxTrending * (term + 128 + 8 * o.itemIdsPerTerm) + o.sampleSize * (64 + 48 * term) + topics;
}

describe('trend state has a fixed size whatever the vocabulary', () => {
  it('holds 2.4 million distinct terms in the state size it had after 600,000', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
    const opts = { width: 2 ** 16, topK: 1024, sampleSize: 512, warmupEpochs: 0 } as const;
    const d = createTrendDetector({ clock, scheduler: eagerScheduler, random: seeded(5) }, opts);
    const o = d.options;
    let next = 0;
    const post = (n: number): Token[] => Array.from({ length: n }, () => ({ term: `term-${(next++).toString(36).padStart(6, '0')}`, kind: 'word' as const }));
    const sizes: number[] = [];
    // 2.4 million distinct terms over 4 epochs, 24 per post, each seen once.
    for (let epoch = 0; epoch < 4; epoch++) {
      for (let p = 0; p < 25_000; p++) d.ingestTokens(epoch * 25_000 + p, post(24), null);
      const s = d.stats();
      sizes.push(s.approxBytes);
      expect(s.frequentTerms).toBeLessThanOrEqual(o.topK);
      expect(s.followedTerms).toBeLessThanOrEqual(o.maxTrending);
      expect(s.sampledPosts).toBeLessThanOrEqual(o.sampleSize);
      expect(s.approxBytes).toBeLessThanOrEqual(bound(o, 81));
      clock.advance(EPOCH);
      await d.rollover();
    }
    expect(next).toBeGreaterThan(2_000_000);
    // After the first close every structure is full (the closed epoch's counters kept beside the
    // live ones, topics followed); 1.8 million more distinct terms did not grow it.
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
    for (const s of sizes.slice(2)) expect(s).toBeLessThanOrEqual(sizes[1]! * 1.01);
    expect(d.stats().sketchBytes).toBe(4 * 2 ** 16 * 16);
  }, 60_000);

  it('never exceeds its bounds for arbitrary streams (property)', async () => {
    const opts = { width: 2 ** 8, depth: 3, topK: 16, maxTrending: 8, sampleSize: 8, itemIdsPerTerm: 4, warmupEpochs: 0, minCount: 1, beta: 0.5, threshold: 0.5 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 20 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 3 }),
        async (posts, closes) => {
          const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
          const d = createTrendDetector({ clock, scheduler: eagerScheduler, random: seeded(1) }, opts);
          posts.forEach((words, i) => {
            d.ingest({ itemId: i, text: words.join(' ') });
            if (closes > 0 && i % Math.ceil(posts.length / closes) === 0) clock.advance(EPOCH);
          });
          await d.idle();
          const s = d.stats();
          expect(s.frequentTerms).toBeLessThanOrEqual(16);
          expect(s.followedTerms).toBeLessThanOrEqual(8);
          expect(s.sampledPosts).toBeLessThanOrEqual(8);
          expect(s.approxBytes).toBeLessThanOrEqual(bound({ ...opts, depth: 3 }, 81));
          for (const t of d.trending()) expect(t.itemIds.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 60 },
    );
  });
});
