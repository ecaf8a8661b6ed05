import type { Clock } from '../../../../shared/clock.js';
import { fullJitterDelay } from '../../sources/backoff.js';

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** A receiver asking us to wait longer than this (Retry-After) gets a dead letter instead. */
  maxRetryAfterMs: number;
}

/** Five tries over about two minutes at most: an alert that arrives an hour late is no alert. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 2_000, capMs: 60_000, maxRetryAfterMs: 10 * 60_000 };

/** A failed delivery attempt: whether trying again can help, and how long the receiver asked us to wait. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type DeliveryOutcome =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: string; firstAttemptAt: string; lastAttemptAt: string };

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/**
 * Tries `send` until it succeeds, fails for good, or the attempts are spent. Waits honour the
 * receiver's Retry-After, otherwise full-jitter exponential backoff, both bounded by the policy.
 */
export async function withRetries(send: () => Promise<void>, policy: RetryPolicy, deps: { clock: Clock; random?: () => number }): Promise<DeliveryOutcome> {
  const first = new Date(deps.clock.now()).toISOString();
  for (let attempt = 1; ; attempt++) {
    let failure: DeliveryError;
    try {
      await send();
      return { ok: true, attempts: attempt };
    } catch (err) {
      failure = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), true);
    }
    const giveUp = (error: string) => ({ ok: false as const, attempts: attempt, error, firstAttemptAt: first, lastAttemptAt: new Date(deps.clock.now()).toISOString() });
    if (!failure.retryable) return giveUp(failure.message);
    if (attempt >= policy.maxAttempts) return giveUp(`${failure.message} (gave up after ${attempt} attempts)`);
    const asked = failure.retryAfterMs;
    if (asked !== null && asked > policy.maxRetryAfterMs) {
      return giveUp(`${failure.message} (the receiver asked to wait ${Math.round(asked / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s an alert may wait)`);
    }
    await sleep(deps.clock, asked !== null ? Math.max(0, asked) : fullJitterDelay(attempt, policy, deps.random));
  }
}
