import type { Clock } from '../../../shared/clock.js';
import type { SourceView } from '../../../shared/domain.js';
import type { HealthReport, HttpFetch, Logger, SecretStore } from '../engine-types.js';
import type { Pipeline } from '../ingest/pipeline.js';
import type { Store } from '../store/store.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { Connector, ConnectorDeps } from './connector-types.js';
import { createMastodonConnector } from './mastodon/mastodon-connector.js';
import { MASTODON_PAGING_BUDGET, type PagingBudget } from '../platforms/mastodon/rate-limit.js';

export interface SourceManagerDeps {
  store: Store;
  pipeline: Pipeline;
  clock: Clock;
  http: HttpFetch;
  secrets: SecretStore;
  log: Logger;
  /** Floor between a source's poll cycles (default 2 s); the rate-limit budget may stretch it. */
  pollIntervalMs?: number;
  /** Per-request timeout (default 10 s). */
  requestTimeoutMs?: number;
  /** Jitter source (default Math.random). */
  random?: () => number;
  backoff?: BackoffOptions;
  /** The server's paging throttle (default Mastodon's: 300 per 15 minutes). */
  paging?: PagingBudget;
  /** Look for edits/deletes of recent statuses every N cycles (default 5). */
  recheckEvery?: number;
  /** How far back that look goes (default 15 minutes). */
  recheckWindowMs?: number;
  /** Late arrivals (backdated ids) are looked for this far back, by creation time (default 10 minutes). */
  trailingWindowMs?: number;
  /** How often each stream's window is re-read below its newest page (default every minute). */
  trailingEveryMs?: number;
  /** Pages per re-read at most (default 5; they count against the paging budget). */
  trailingMaxPages?: number;
}

export interface SourceManager {
  start(): void;
  stop(): Promise<void>;
  /** Re-reads the sources: starts connectors for new/resumed ones, stops removed/paused/changed ones. */
  sync(): void;
  health(): HealthReport['sources'];
  /** Polls one source (or all) now and resolves when done. For tests and manual refresh. */
  pollNow(id?: string): Promise<void>;
}

function createConnector(view: SourceView, deps: ConnectorDeps): Connector | null {
  switch (view.platform) {
    case 'mastodon':
      return createMastodonConnector(view, deps);
    default:
      return null;
  }
}

/** What, when it changes, needs a fresh connector (new streams, other server, token added). */
function signature(v: SourceView): string {
  return JSON.stringify([v.platform, v.config, v.hasToken]);
}

export function createSourceManager(d: SourceManagerDeps): SourceManager {
  const deps: ConnectorDeps = {
    store: d.store,
    pipeline: d.pipeline,
    clock: d.clock,
    http: d.http,
    secrets: d.secrets,
    log: d.log,
    pollIntervalMs: d.pollIntervalMs ?? 2_000,
    requestTimeoutMs: d.requestTimeoutMs ?? 10_000,
    random: d.random ?? Math.random,
    backoff: d.backoff ?? DEFAULT_BACKOFF,
    paging: d.paging ?? MASTODON_PAGING_BUDGET,
    recheckEvery: Math.max(1, d.recheckEvery ?? 5),
    recheckWindowMs: d.recheckWindowMs ?? 15 * 60_000,
    trailing: { windowMs: d.trailingWindowMs ?? 10 * 60_000, everyMs: d.trailingEveryMs ?? 60_000, maxPages: d.trailingMaxPages ?? 5 },
  };
  const running = new Map<string, { connector: Connector; sig: string }>();
  /** Connectors being stopped: stop() waits for them too. */
  const stopping = new Set<Promise<void>>();
  let started = false;

  function stopConnector(id: string): void {
    const entry = running.get(id);
    if (!entry) return;
    running.delete(id);
    const p = entry.connector.stop().catch((err: unknown) => d.log.error('source: connector did not stop cleanly', { sourceId: id, error: String(err) }));
    stopping.add(p);
    void p.finally(() => stopping.delete(p));
  }

  function sync(): void {
    if (!started) return;
    let views: SourceView[];
    try {
      views = d.store.sources.list();
    } catch (err) {
      d.log.error('source: could not list sources', { error: String(err) });
      return;
    }
    const wanted = new Map(views.filter((v) => !v.paused).map((v) => [v.id, v]));
    for (const [id, entry] of running) {
      const v = wanted.get(id);
      if (!v || signature(v) !== entry.sig) stopConnector(id);
    }
    for (const [id, v] of wanted) {
      if (running.has(id)) continue;
      let connector: Connector | null = null;
      try {
        connector = createConnector(v, deps);
      } catch (err) {
        d.log.error('source: could not create connector', { sourceId: id, error: String(err) });
      }
      if (!connector) continue;
      running.set(id, { connector, sig: signature(v) });
      connector.start();
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      sync();
    },
    async stop() {
      started = false;
      for (const id of [...running.keys()]) stopConnector(id);
      await Promise.all([...stopping]);
    },
    sync,
    health() {
      return d.store.sources.list().map((s) => ({
        id: s.id,
        name: s.name,
        platform: s.platform,
        status: s.status,
        lastPollAt: s.lastPollAt,
        lastError: s.lastError,
      }));
    },
    async pollNow(id) {
      const targets = id === undefined ? [...running.values()] : [running.get(id)].filter((e) => e !== undefined);
      await Promise.all(targets.map((e) => e.connector.pollNow()));
    },
  };
}
