import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpaceSaving } from '../../../electron/engine/trends/space-saving.js';

describe('Space-Saving', () => {
  it('never understates a kept item, overstates it by at most its error, and keeps every item above n/k (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 500 }), fc.integer({ min: 1, max: 12 }), (stream, k) => {
        const ss = new SpaceSaving<null>(k);
        const truth = new Map<string, number>();
        for (const x of stream) {
          ss.offer(String(x), null);
          truth.set(String(x), (truth.get(String(x)) ?? 0) + 1);
        }
        expect(ss.size).toBeLessThanOrEqual(k);
        const kept = new Map(ss.entries().map((e) => [e.key, e]));
        for (const e of kept.values()) {
          const t = truth.get(e.key)!;
          expect(e.count).toBeGreaterThanOrEqual(t);
          expect(e.count - e.error).toBeLessThanOrEqual(t);
        }
        for (const [key, n] of truth) if (n > stream.length / k) expect(kept.has(key)).toBe(true);
        expect(ss.entries().reduce((s, e) => s + e.count, 0)).toBe(stream.length);
      }),
      { numRuns: 300 },
    );
  });

  it('lists the top counters, largest first, and answers counts', () => {
    const ss = new SpaceSaving<string>(3);
    for (const w of 'a b a c a b d'.split(' ')) ss.offer(w, w.toUpperCase());
    // d took over c's counter (1) when the three were full: count 2, of which 1 may be c's.
    expect(ss.top(3).map((e) => [e.key, e.count, e.error, e.meta])).toEqual([
      ['a', 3, 0, 'A'],
      ['b', 2, 0, 'B'],
      ['d', 2, 1, 'D'],
    ]);
    expect(ss.count('a')).toBe(3);
    expect(ss.count('c')).toBe(0);
    ss.clear();
    expect(ss.size).toBe(0);
  });
});
