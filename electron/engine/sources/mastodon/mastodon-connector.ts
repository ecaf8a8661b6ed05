import type { SourceView } from '../../../../shared/domain.js';
import { fullJitterDelay, resetJitter } from '../backoff.js';
import { sourceTokenKey, type Connector, type ConnectorDeps } from '../connector-types.js';
import { createMastoClient, MastodonRequestError, type ErrorKind, type MastoClient } from '../../platforms/mastodon/http-client.js';
import { RateLimiter } from '../../platforms/mastodon/rate-limit.js';
import { clockTime, FAILING_AFTER, persistHealth, type Health } from '../source-health.js';
import { MENTIONS_NEED_TOKEN, searchBlindSpot } from './blind-spots.js';
import type { IngestContext } from './ingest-statuses.js';
import { fetchInstanceDomain } from './instance-domain.js';
import { recheckRecent } from './recheck.js';
import { newLookupState } from './status-lookup.js';
import { pollStream, streamsFor, type StreamContext } from './streams.js';

type StreamErrorKind = ErrorKind | 'config' | 'internal';

interface StreamState {
  failures: number;
  /** Not polled before this time (backoff after a failure). */
  nextAt: number;
  error: string | null;
  errorKind: StreamErrorKind | null;
  failedAt: number;
  /** Catching up was cut short by the paging budget until then. */
  deferredUntil: number | null;
}

/** Gap-filling pages per stream per cycle (up to 40 posts each). */
const MAX_PAGES_PER_POLL = 25;
/** At most this many recent statuses are looked up per re-check (3 requests of 20). */
const RECHECK_MAX_IDS = 60;
/** Single-status lookups per re-check on a server without the multi-status lookup. */
const RECHECK_MAX_SINGLES = 5;
/** Re-checks in a row that failed (or were skipped for want of budget) before health says so. */
const RECHECK_FAILING_AFTER = 3;
const RECHECK_SKIPPED_AFTER = 10;
/** A server that would not say its domain is asked again after this long, ms. */
const DOMAIN_RETRY_MS = 60_000;

function asSourceError(err: unknown): MastodonRequestError | { kind: 'internal'; message: string } {
  if (err instanceof MastodonRequestError) return err;
  return { kind: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}

function validInstanceUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin + u.pathname.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

/**
 * Listens to one Mastodon source: its hashtags (tag timelines), search terms (v2 search) and the
 * brand account's mentions (notifications, token required). One poll cycle walks the due streams
 * in turn; between cycles the wait is the poll floor stretched by the rate-limit budget, and a
 * failing stream waits out its own backoff while the others carry on.
 */
export function createMastodonConnector(view: SourceView, deps: ConnectorDeps): Connector {
  const { clock, log } = deps;
  const sourceId = view.id;
  const baseUrl = validInstanceUrl(view.config.instanceUrl);
  const streams = streamsFor(view.config);
  const states = new Map<string, StreamState>(
    streams.map((s) => [s.key, { failures: 0, nextAt: 0, error: null, errorKind: null, failedAt: 0, deferredUntil: null }]),
  );
  const limiter = new RateLimiter(deps.paging);
  const lookup = newLookupState();
  const recheckTurn = { offset: 0 };
  const trailingAt = new Map<string, number>();
  // Said whenever the token is missing at poll time (hasToken may promise one the secret store lost).
  const blindSpot = baseUrl ? searchBlindSpot(view.config, false) : null;
  const domainKey = `instance-domain:${baseUrl ?? ''}`;
  const stopAc = new AbortController();

  let stopped = false;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let cycles = 0;
  let consecutiveFailed = 0;
  let internalError: string | null = null;
  let rateLimitDetail: string | null = null;
  let recheckFailures = 0;
  let recheckSkipped = 0;
  let recheckError: string | null = null;
  let domain: string | null = null;
  let domainRetryAt = 0;
  let requestsPerCycle = Math.max(1, streams.length);

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      void runCycle();
    }, Math.max(0, Math.ceil(delayMs)));
  }

  function runCycle(): Promise<void> {
    const p = (running ?? Promise.resolve()).then(() => (stopped ? undefined : safeCycle()));
    running = p;
    void p.finally(() => {
      if (running === p) running = null;
    });
    return p;
  }

  async function safeCycle(): Promise<void> {
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    const startedAt = clock.now();
    try {
      await cycle();
      internalError = null;
    } catch (err) {
      // Whatever went wrong, the process and the other sources carry on; health says what it was.
      if (stopped) return;
      internalError = asSourceError(err).message;
      consecutiveFailed++;
      log.error('mastodon: poll cycle crashed', { sourceId, error: internalError });
    }
    if (stopped) return;
    const next = nextCycleAt();
    try {
      persistHealth(deps.store, sourceId, health(clock.now()), new Date(startedAt).toISOString());
    } catch (err) {
      log.error('mastodon: could not record source health', { sourceId, error: String(err) });
    }
    schedule(next - clock.now());
  }

  function block(untilMs: number, detail: string): void {
    const until = untilMs + resetJitter(deps.random);
    const current = limiter.blockedUntil(clock.now());
    // The first reason stands while its wait lasts (a 429 says more than the headers after it).
    if (current === null || until > current) rateLimitDetail = detail;
    limiter.block(until);
  }

  async function cycle(): Promise<void> {
    if (!baseUrl) return;
    let token: string | null = null;
    try {
      token = await deps.secrets.get(sourceTokenKey(sourceId));
    } catch (err) {
      log.warn('mastodon: could not read the source token', { sourceId, error: String(err) });
    }
    if (stopped) return;
    const client = createMastoClient({
      baseUrl,
      token,
      http: deps.http,
      clock,
      limiter,
      timeoutMs: deps.requestTimeoutMs,
      signal: stopAc.signal,
    });
    const base: IngestContext = { sourceId, domain: await instanceDomain(client), client, store: deps.store, pipeline: deps.pipeline, clock, log, lookup };
    if (stopped) return;
    const ctx: StreamContext = { ...base, limiter, maxPagesPerPoll: MAX_PAGES_PER_POLL, trailing: deps.trailing, trailingAt };
    let polled = 0;
    let ok = 0;
    for (const spec of streams) {
      const st = states.get(spec.key)!;
      const now = clock.now();
      if (stopped || limiter.blockedUntil(now) !== null) break;
      if (st.nextAt > now) continue;
      polled++;
      // Configuration gaps, not server faults: nothing to back off from, nothing asked in vain.
      const gap = !token ? (spec.kind === 'mentions' ? MENTIONS_NEED_TOKEN : spec.kind === 'search' ? blindSpot : null) : null;
      if (gap) {
        Object.assign(st, { error: gap, errorKind: 'config', failedAt: now });
        continue;
      }
      try {
        const r = await pollStream(spec, ctx);
        Object.assign(st, { failures: 0, nextAt: 0, error: null, errorKind: null, deferredUntil: r.deferredUntil });
        ok++;
      } catch (err) {
        const e = asSourceError(err);
        if (e.kind === 'aborted' || stopped) return;
        if (e.kind === 'rate-limited') {
          const at = e.retryAt ?? clock.now() + 60_000;
          block(at, e.message);
          log.warn('mastodon: rate limited', { sourceId, stream: spec.key, until: new Date(at).toISOString() });
          polled--;
          break;
        }
        st.failures++;
        Object.assign(st, {
          error: e.message,
          errorKind: e.kind,
          failedAt: clock.now(),
          nextAt: clock.now() + fullJitterDelay(st.failures, deps.backoff, deps.random),
        });
        log.warn('mastodon: stream poll failed', { sourceId, stream: spec.key, error: e.message, failures: st.failures });
      }
    }
    if (polled > 0) consecutiveFailed = ok > 0 ? 0 : consecutiveFailed + 1;
    cycles++;
    // The re-check is the first thing to go when the budget runs low: new posts matter more.
    const budgetLow = limiter.remaining !== null && limiter.limit !== null && limiter.remaining < limiter.limit * 0.2;
    if (!stopped && ok > 0 && cycles % deps.recheckEvery === 0 && limiter.blockedUntil(clock.now()) === null) {
      if (budgetLow) recheckSkipped++;
      else await recheck(base);
    }
    const made = client.takeRequestCount();
    // A smoothed requests-per-cycle, so one catch-up burst doesn't slow the pace for long.
    requestsPerCycle = Math.max(1, 0.7 * requestsPerCycle + 0.3 * made);
  }

  /** The instance's own domain for handles: remembered per instance URL, asked for once. */
  async function instanceDomain(client: MastoClient): Promise<string> {
    const fallback = new URL(baseUrl!).host;
    if (domain !== null) return domain;
    const stored = deps.store.sources.getCursor(sourceId, domainKey);
    if (stored) return (domain = stored);
    if (clock.now() < domainRetryAt) return fallback;
    try {
      const d = await fetchInstanceDomain(client);
      deps.store.write(() => deps.store.sources.setCursor(sourceId, domainKey, d));
      return (domain = d);
    } catch (err) {
      const e = asSourceError(err);
      if (e.kind === 'aborted') return fallback;
      domainRetryAt = clock.now() + DOMAIN_RETRY_MS;
      // Handles fall back to the API host until the server says its domain.
      log.warn('mastodon: could not read the instance domain', { sourceId, error: e.message });
      return fallback;
    }
  }

  async function recheck(ctx: IngestContext): Promise<void> {
    const wasUnsupported = lookup.unsupported;
    try {
      await recheckRecent(ctx, { windowMs: deps.recheckWindowMs, maxIds: RECHECK_MAX_IDS, maxSingles: RECHECK_MAX_SINGLES }, recheckTurn);
      recheckFailures = 0;
      recheckSkipped = 0;
      recheckError = null;
    } catch (err) {
      const e = asSourceError(err);
      if (e.kind === 'aborted') return;
      if (e.kind === 'rate-limited') {
        block(e.retryAt ?? clock.now() + 60_000, e.message);
        return;
      }
      recheckFailures++;
      recheckError = e.message;
      log.warn('mastodon: edit/delete re-check failed', { sourceId, error: e.message, failures: recheckFailures });
    } finally {
      if (lookup.unsupported !== null && wasUnsupported === null) {
        log.warn('mastodon: no multi-status lookup on this server; edits and deletions are re-checked with single lookups', { sourceId, why: lookup.unsupported });
      }
    }
  }

  /** Why edits and deletions are not being followed right now, or null. */
  function recheckGap(): string | null {
    if (recheckFailures >= RECHECK_FAILING_AFTER && recheckError) return recheckError;
    if (recheckSkipped >= RECHECK_SKIPPED_AFTER) return `the rate budget is kept for new posts (X-RateLimit-Remaining ${limiter.remaining ?? '?'} of ${limiter.limit ?? '?'})`;
    return null;
  }

  function nextCycleAt(): number {
    const now = clock.now();
    const pace = limiter.pace(now, Math.round(requestsPerCycle), deps.pollIntervalMs);
    if (pace.exhaustedUntil !== null && limiter.blockedUntil(now) === null) block(pace.exhaustedUntil, `X-RateLimit-Remaining is ${limiter.remaining ?? 0}`);
    let next = now + (internalError ? Math.max(pace.delayMs, fullJitterDelay(consecutiveFailed, deps.backoff, deps.random)) : pace.delayMs);
    const blocked = limiter.blockedUntil(now);
    if (blocked !== null) next = Math.max(next, blocked);
    const dues = [...states.values()].map((s) => s.nextAt);
    // When every stream is backing off, sleep until the first one is due.
    if (dues.length > 0) next = Math.max(next, Math.min(...dues));
    return next;
  }

  function health(now: number): Health {
    if (!baseUrl) return { status: 'failing', lastError: `the instance URL is not an http(s) URL: ${view.config.instanceUrl}` };
    if (streams.length === 0) return { status: 'degraded', lastError: 'nothing to listen to: no hashtags, terms or mentions' };
    const errs = [...states.values()].filter((s) => s.error !== null).sort((a, b) => b.failedAt - a.failedAt);
    const auth = errs.find((s) => s.errorKind === 'auth');
    if (auth) return { status: 'failing', lastError: auth.error };
    const latest = internalError ?? errs[0]?.error ?? null;
    if (consecutiveFailed >= FAILING_AFTER && latest) return { status: 'failing', lastError: latest };
    if (latest) return { status: 'degraded', lastError: latest };
    const notFollowed = recheckGap();
    if (notFollowed) return { status: 'degraded', lastError: `edits and deletions not followed: ${notFollowed}` };
    const blocked = limiter.blockedUntil(now);
    if (blocked !== null) return { status: 'degraded', lastError: `rate limited until ${clockTime(blocked)}${rateLimitDetail ? ` (${rateLimitDetail})` : ''}` };
    const deferred = [...states.values()].map((s) => s.deferredUntil ?? 0).filter((t) => t > now);
    if (deferred.length > 0) return { status: 'degraded', lastError: `paging limit reached; catching up after ${clockTime(Math.min(...deferred))}` };
    return { status: 'ok', lastError: null };
  }

  return {
    sourceId,
    start() {
      if (!stopped) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      stopAc.abort();
      await running?.catch(() => undefined);
    },
    pollNow() {
      return stopped ? Promise.resolve() : runCycle();
    },
  };
}
