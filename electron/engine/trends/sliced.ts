/**
 * Long work (closing an epoch over a million cells) runs in slices so the engine keeps serving
 * requests and ingesting posts in between. Work is a generator that yields after each small
 * chunk; a slice runs chunks until its time budget is spent, then hands the event loop back.
 */
export interface SliceScheduler {
  /** Runs fn after pending I/O (setImmediate in the engine; a queue the test drains in tests). */
  defer(fn: () => void): void;
  /** A monotonic clock in ms, for measuring slices (performance.now in the engine). */
  now(): number;
}

export const immediateScheduler: SliceScheduler = {
  defer: (fn) => setImmediate(fn),
  now: () => performance.now(),
};

export interface SliceStats {
  slices: number;
  /** Longest slice, ms (by the scheduler's clock). */
  maxSliceMs: number;
  /** Time the work itself took, ms, without the waits between slices. */
  busyMs: number;
}

/**
 * Runs `work` to its end, `budgetMs` at a time. A slice ends at the first yield after the budget
 * is spent, so it lasts at most the budget plus one chunk: keep chunks well under a millisecond.
 */
export async function runSliced(work: Iterator<unknown>, scheduler: SliceScheduler, budgetMs: number): Promise<SliceStats> {
  const stats: SliceStats = { slices: 0, maxSliceMs: 0, busyMs: 0 };
  for (;;) {
    const start = scheduler.now();
    let done: boolean;
    do {
      done = work.next().done === true;
    } while (!done && scheduler.now() - start < budgetMs);
    const ms = scheduler.now() - start;
    stats.slices++;
    stats.busyMs += ms;
    stats.maxSliceMs = Math.max(stats.maxSliceMs, ms);
    if (done) return stats;
    await new Promise<void>((resolve) => scheduler.defer(resolve));
  }
}
