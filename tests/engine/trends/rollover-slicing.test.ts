import { describe, expect, it } from 'vitest';
import { runSliced } from '../../../electron/engine/trends/sliced.js';
import { createTrendDetector } from '../../../electron/engine/trends/trend-detector.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { eagerScheduler, ManualScheduler, seeded } from './stream.js';

const EPOCH = 60_000;
const WIDTH = 2 ** 14; // 4 rows × 16,384 cells
const CHUNK = 1024; // 64 chunks to sweep

function feed(detector: ReturnType<typeof createTrendDetector>, epoch: number, random: () => number): void {
  for (let i = 0; i < 300; i++) {
    const words = Array.from({ length: 8 }, () => `w${Math.floor(random() * 400)}`);
    detector.ingest({ itemId: epoch * 1000 + i, text: words.join(' ') });
  }
}

describe('epoch rollover in slices', () => {
  it('runs chunks until the budget is spent, then hands the event loop back', async () => {
    // Each read of the scheduler's clock "costs" 1 ms: a slice fits ~10 chunks of a 10 ms budget.
    const sched = new ManualScheduler(1);
    function* work() {
      for (let i = 0; i < 100; i++) yield;
    }
    const done = runSliced(work(), sched, 10);
    let slices = 1;
    while (await sched.step()) slices++;
    const stats = await done;
    expect(stats.slices).toBe(slices);
    expect(stats.slices).toBeGreaterThanOrEqual(9);
    expect(stats.slices).toBeLessThanOrEqual(12);
    expect(stats.maxSliceMs).toBeLessThanOrEqual(11);
  });

  it('closes an epoch in many slices, keeps ingesting in between, and ends where an unsliced close ends', async () => {
    const t0 = Date.parse('2026-11-22T12:00:00Z');
    const sliced = new ManualScheduler(1);
    const clockA = new FakeClock(t0);
    const clockB = new FakeClock(t0);
    const a = createTrendDetector({ clock: clockA, scheduler: sliced, random: seeded(1) }, { width: WIDTH, chunkCells: CHUNK, sliceBudgetMs: 10, warmupEpochs: 0 });
    const b = createTrendDetector({ clock: clockB, scheduler: eagerScheduler, random: seeded(1) }, { width: WIDTH, chunkCells: CHUNK, warmupEpochs: 0 });
    const ra = seeded(9);
    const rb = seeded(9);
    feed(a, 0, ra);
    feed(b, 0, rb);
    clockA.advance(EPOCH);
    clockB.advance(EPOCH);
    const closingA = a.rollover();
    await b.rollover();

    // Let the first slice run, then post between slices: the new epoch counts them at once.
    await new Promise((r) => setImmediate(r));
    expect(sliced.queue.length).toBe(1);
    a.ingest({ itemId: 5000, text: 'zebra crossing' });
    expect(a.estimate('zebra').count).toBe(1);
    let slices = 1;
    while (await sliced.step()) slices++;
    const report = await closingA;
    expect(report?.posts).toBe(300);
    const stats = a.lastCloseStats()!;
    expect(stats.slices).toBe(slices);
    // 64 sweep chunks plus scoring and clustering steps, about 10 per slice.
    expect(stats.slices).toBeGreaterThanOrEqual(6);
    expect(stats.maxSliceMs).toBeLessThanOrEqual(11);

    // Same baselines as the close that ran in one go (b never saw the post between slices).
    for (let w = 0; w < 400; w += 7) {
      const ea = a.estimate(`w${w}`);
      const eb = b.estimate(`w${w}`);
      expect(ea.expected).toBe(eb.expected);
      expect(ea.sd).toBe(eb.sd);
    }
  });

  it('queues the next close when a boundary passes while one is still running', async () => {
    const sched = new ManualScheduler(1);
    const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
    const d = createTrendDetector({ clock, scheduler: sched, random: seeded(3) }, { width: WIDTH, chunkCells: CHUNK, warmupEpochs: 0 });
    const starts: string[] = [];
    d.onEpoch((r) => starts.push(r.epochStart));
    d.start();
    feed(d, 0, seeded(4));
    clock.advance(EPOCH); // the timer starts closing epoch 0
    await new Promise((r) => setImmediate(r));
    feed(d, 1, seeded(5));
    clock.advance(EPOCH); // epoch 1 ends while epoch 0 is still being closed
    for (let i = 0; i < 1000 && starts.length < 2; i++) if (!(await sched.step())) await new Promise((r) => setImmediate(r));
    expect(starts).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-22T12:01:00.000Z']);
    const stopped = d.stop();
    while (await sched.step());
    await stopped;
  });
});
