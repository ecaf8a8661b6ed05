import type { Clock } from '../../../../shared/clock.js';
import type { HttpFetch } from '../../engine-types.js';
import { parseRateLimitReset, parseRetryAfter, type RateLimiter } from './rate-limit.js';
import { raceAbort, requestDeadline } from './request-timeout.js';

/**
 * A minimal GET client for Mastodon's REST API over the engine's injected fetch, shared by the
 * listener (sources/) and the publisher (publish/).
 *
 * Why not masto@7's createRestAPIClient: it calls the global `fetch` (no way to hand it
 * deps.http), times out with AbortSignal.timeout (real timers, not our Clock), turns an HTML 200
 * into `undefined` and an HTML 5xx into an error without its status. Every one of those is a case
 * this connector must report precisely, so the few requests it needs are made here.
 */

export type ErrorKind = 'http' | 'auth' | 'rate-limited' | 'timeout' | 'network' | 'malformed' | 'aborted';

export class MastodonRequestError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly path: string,
    readonly status: number | null = null,
    /** For rate-limited: when the server says to come back (epoch ms). */
    readonly retryAt: number | null = null,
    /** The request carried a paging parameter (its budget is a separate one). */
    readonly paging = false,
  ) {
    super(message);
    this.name = 'MastodonRequestError';
  }
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface MastoResponse {
  data: unknown;
  headers: Headers;
}

export interface MastoClient {
  get(path: string, query?: Query): Promise<MastoResponse>;
  /**
   * Follows a URL the server handed out (a Link header's next/prev). Only on the server's own
   * origin and API path: a token is never sent anywhere else. null when the URL is not one to follow.
   */
  follow(url: string): Promise<MastoResponse> | null;
  /** Requests made since the last call (for pacing). */
  takeRequestCount(): number;
}

export interface MastoClientOptions {
  baseUrl: string;
  token: string | null;
  http: HttpFetch;
  clock: Clock;
  limiter: RateLimiter;
  timeoutMs: number;
  /** Aborted when the connector stops. */
  signal: AbortSignal;
}

const PAGING_PARAMS = ['min_id', 'max_id', 'since_id', 'page'];

export function isPagingQuery(query: Query): boolean {
  return PAGING_PARAMS.some((k) => query[k] !== undefined);
}

function buildUrl(base: string, path: string, query: Query): URL {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(`${k}[]`, String(x));
    else url.searchParams.append(k, String(v));
  }
  return url;
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return /html/i.test(contentType) || /^\s*</.test(text);
}

export function createMastoClient(opts: MastoClientOptions): MastoClient {
  let count = 0;
  const base = new URL(opts.baseUrl.replace(/\/+$/, '') + '/');

  function get(path: string, query: Query = {}): Promise<MastoResponse> {
    return request(buildUrl(opts.baseUrl, path, query), path, isPagingQuery(query));
  }

  function follow(raw: string): Promise<MastoResponse> | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}api/`)) return null;
    const paging = PAGING_PARAMS.some((k) => url.searchParams.has(k));
    return request(url, url.pathname.slice(base.pathname.length - 1), paging);
  }

  async function request(url: URL, path: string, paging: boolean): Promise<MastoResponse> {
    if (opts.signal.aborted) throw new MastodonRequestError('aborted', 'stopped', path);
    const deadline = requestDeadline(opts.clock, opts.timeoutMs, opts.signal);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    count++;
    if (paging) opts.limiter.recordPaging(opts.clock.now());

    const fail = (err: unknown): MastodonRequestError => {
      if (err instanceof MastodonRequestError) return err;
      if (deadline.timedOut()) return new MastodonRequestError('timeout', `timed out after ${Math.round(opts.timeoutMs / 100) / 10} s on ${path}`, path);
      if (opts.signal.aborted) return new MastodonRequestError('aborted', 'stopped', path);
      const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
      const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
      return new MastodonRequestError('network', `network error on ${path}: ${detail}`, path);
    };

    try {
      let res: Response;
      try {
        res = await raceAbort(opts.http(url, { headers, signal: deadline.signal, redirect: 'follow' }), deadline.signal);
      } catch (err) {
        throw fail(err);
      }
      const now = opts.clock.now();
      opts.limiter.observe(res.headers, now, paging);
      let text: string;
      try {
        text = await raceAbort(res.text(), deadline.signal);
      } catch (err) {
        const e = fail(err);
        // A body cut off mid-way surfaces as a "terminated" stream error from undici.
        throw e.kind === 'network' ? new MastodonRequestError('malformed', `truncated response from ${path}`, path, res.status) : e;
      }
      const contentType = res.headers.get('content-type') ?? '';

      if (res.status === 429) {
        const retryAt = parseRetryAfter(res.headers.get('retry-after'), now) ?? parseRateLimitReset(res.headers.get('x-ratelimit-reset'), now) ?? now + 60_000;
        throw new MastodonRequestError('rate-limited', `HTTP 429 from ${path}`, path, 429, retryAt, paging);
      }
      if (res.status === 401 || res.status === 403) {
        throw new MastodonRequestError(
          'auth',
          opts.token ? `the access token was rejected (HTTP ${res.status} from ${path})` : `the server wants an access token (HTTP ${res.status} from ${path})`,
          path,
          res.status,
        );
      }
      if (!res.ok) {
        const html = looksLikeHtml(text, contentType) ? ' (HTML error page)' : '';
        throw new MastodonRequestError('http', `HTTP ${res.status} from ${path}${html}`, path, res.status);
      }
      if (looksLikeHtml(text, contentType)) {
        throw new MastodonRequestError('malformed', `HTML page instead of JSON from ${path} (HTTP ${res.status})`, path, res.status);
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        const declared = Number(res.headers.get('content-length'));
        const truncated = Number.isFinite(declared) && declared > Buffer.byteLength(text);
        throw new MastodonRequestError('malformed', `${truncated ? 'truncated response' : 'malformed JSON'} from ${path}`, path, res.status);
      }
      return { data, headers: res.headers };
    } finally {
      deadline.done();
    }
  }

  return {
    get,
    follow,
    takeRequestCount() {
      const n = count;
      count = 0;
      return n;
    },
  };
}
