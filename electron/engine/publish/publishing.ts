import type { Clock } from '../../../shared/clock.js';
import type { Platform } from '../../../shared/domain.js';
import type { FreezeSuggestion } from '../../../shared/publishing.js';
import type { HttpFetch, Logger, SecretStore } from '../engine-types.js';
import type { Store } from '../store/store.js';
import { suggestFreeze, type SuggestInput } from './freeze-service.js';
import { createMastodonPublisher } from './mastodon/mastodon-publisher.js';
import type { Publisher } from './publisher.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export interface PublishOptions {
  /** Scheduler tick (default 1 s). */
  tickMs?: number;
  /** false: no timer (tests drive tick() themselves). Default true. */
  autoTick?: boolean;
  /** Unknown outcome → taken as not published when not on the account this long after the send (default 2 min). */
  settleMs?: number;
  /** Overdue by more than this when the scheduler gets to it → held for review (default 5 min). */
  missedAfterMs?: number;
  /** Clear failures (5xx, refused, DNS) before a post is failed (default 5). */
  maxAttempts?: number;
  /** Backoff after clear failure n: base·2^(n-1), capped, with up to half of it as jitter (default 2 s, 60 s). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Between two account reads for one unconfirmed post (default 5 s). */
  reconcileEveryMs?: number;
  /** A send with no answer after this long is unknown (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * Platform timestamps may run this far behind ours (default 0). Kept at 0 on purpose: a post
   * missed because the server's clock runs behind is re-sent with the same idempotency key, which
   * the platform dedupes; a tolerance would instead let an identical hand-made post from just
   * before the send pass for ours.
   */
  clockSkewMs?: number;
  /** Sends on the wire at once per account (default 4): a freeze mid-burst holds the rest. */
  maxInFlightPerAccount?: number;
  /** Per-platform publishers (tests inject fakes); default: the Mastodon publisher over deps.http. */
  publishers?: Partial<Record<Platform, Publisher>>;
  random?: () => number;
}

export interface PublishingDeps {
  store: Store;
  clock: Clock;
  http: HttpFetch;
  secrets: SecretStore;
  log: Logger;
  options?: PublishOptions | undefined;
}

export interface Publishing {
  scheduler: Scheduler;
  publisherFor(platform: Platform): Publisher | null;
  /** For the alerts: the engine itself suggests a freeze (shown to crisis leads as "Freeze now"). */
  suggestFreeze(s: SuggestInput): FreezeSuggestion;
}

export function createPublishing(d: PublishingDeps): Publishing {
  const o = d.options ?? {};
  const random = o.random ?? Math.random;
  const base = o.backoffBaseMs ?? 2_000;
  const cap = o.backoffCapMs ?? 60_000;
  const publishers: Partial<Record<Platform, Publisher>> = {
    mastodon: createMastodonPublisher({ http: d.http, clock: d.clock, timeoutMs: o.requestTimeoutMs ?? 30_000 }),
    ...o.publishers,
  };
  const publisherFor = (platform: Platform) => publishers[platform] ?? null;
  const scheduler = createScheduler({
    store: d.store,
    clock: d.clock,
    secrets: d.secrets,
    log: d.log,
    publisherFor,
    options: {
      tickMs: o.tickMs ?? 1_000,
      autoTick: o.autoTick ?? true,
      settleMs: o.settleMs ?? 120_000,
      reconcileEveryMs: o.reconcileEveryMs ?? 5_000,
      clockSkewMs: o.clockSkewMs ?? 0,
      maxInFlightPerAccount: o.maxInFlightPerAccount ?? 4,
      rules: {
        missedAfterMs: o.missedAfterMs ?? 5 * 60_000,
        maxAttempts: o.maxAttempts ?? 5,
        backoffMs: (n) => {
          // Half fixed, half jitter: never hammers a struggling server, never retries in lockstep.
          const exp = Math.min(cap, base * 2 ** Math.min(n - 1, 20));
          return Math.floor(exp / 2 + random() * (exp / 2));
        },
      },
    },
  });
  return {
    scheduler,
    publisherFor,
    suggestFreeze: (s) => suggestFreeze({ store: d.store, clock: d.clock }, s),
  };
}
