export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/**
 * "Full jitter" exponential backoff: a random wait in [0, min(cap, base·2^(n-1))).
 * The randomness matters: many desks polling one server after its outage must not come back in
 * lockstep. `failures` is the number of consecutive failures so far (1 after the first).
 */
export function fullJitterDelay(failures: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.floor(random() * exp);
}

/** A little spread added to "wait until reset" so clients sharing a budget don't all retry at once. */
export function resetJitter(random: () => number = Math.random, maxMs = 1_000): number {
  return Math.floor(random() * maxMs);
}
