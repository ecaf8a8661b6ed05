import type { Clock } from '../../../shared/clock.js';
import type { HttpFetch, Logger, SecretStore } from '../engine-types.js';
import type { Pipeline } from '../ingest/pipeline.js';
import type { Store } from '../store/store.js';
import type { BackoffOptions } from './backoff.js';
import type { PagingBudget } from '../platforms/mastodon/rate-limit.js';
import type { TrailingOptions } from './mastodon/streams.js';

/** Where a source's access token lives in the SecretStore (the same key the RPC handlers write). */
export const sourceTokenKey = (id: string) => `source:${id}:token`;

export interface ConnectorDeps {
  store: Store;
  pipeline: Pipeline;
  clock: Clock;
  http: HttpFetch;
  secrets: SecretStore;
  log: Logger;
  /** Floor between poll cycles, ms. */
  pollIntervalMs: number;
  /** Each request is aborted after this long, ms. */
  requestTimeoutMs: number;
  /** Source of jitter (tests make it deterministic). */
  random: () => number;
  backoff: BackoffOptions;
  paging: PagingBudget;
  /** Re-check recent statuses for edits/deletes every N cycles. */
  recheckEvery: number;
  /** How far back the re-check looks, ms. */
  recheckWindowMs: number;
  /** Re-reading recent posts for late arrivals (ids below the cursor). */
  trailing: TrailingOptions;
}

/** One running listener for one source. */
export interface Connector {
  readonly sourceId: string;
  /** Schedules the first poll (right away). */
  start(): void;
  /** Cancels the timer, aborts in-flight requests, and resolves once the current poll settled. */
  stop(): Promise<void>;
  /** Runs a poll cycle now (after the one in flight, if any); rate limits and backoff still apply. */
  pollNow(): Promise<void>;
}
