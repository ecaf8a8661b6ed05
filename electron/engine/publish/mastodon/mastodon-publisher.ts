import type { Clock } from '../../../../shared/clock.js';
import type { HttpFetch } from '../../engine-types.js';
import { htmlToText } from '../../ingest/sanitize.js';
import { createMastoClient, MastodonRequestError, type MastoClient } from '../../platforms/mastodon/http-client.js';
import { parseRateLimitReset, parseRetryAfter, RateLimiter } from '../../platforms/mastodon/rate-limit.js';
import { raceAbort, requestDeadline } from '../../platforms/mastodon/request-timeout.js';
import { PublishError, type OutgoingPost, type Publisher, type PublishResult, type PublishTarget, type RecentOwnPost, type VerifiedAccount } from '../publisher.js';

export interface MastodonPublisherOptions {
  http: HttpFetch;
  clock: Clock;
  /** A send with no answer after this long is `unknown` (it may have published). */
  timeoutMs?: number;
  /** How many pages of 40 reconciliation reads back before it gives up deciding. */
  maxPages?: number;
}

/**
 * Errors a connection can fail with before a single byte of the request reached the server:
 * such a send certainly did not publish. Anything else (a reset, a closed socket) may have
 * happened after the server read the request, so it is `unknown`.
 */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);

function errorCode(err: unknown): string | null {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : null;
}

function platformMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (typeof j.error === 'string' && j.error) return j.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.slice(0, 300) || 'no details';
}

const base = (url: string) => url.replace(/\/+$/, '');

export function createMastodonPublisher(opts: MastodonPublisherOptions): Publisher {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxPages = opts.maxPages ?? 5;

  function client(target: { instanceUrl: string; token: string }, signal: AbortSignal): MastoClient {
    return createMastoClient({ baseUrl: target.instanceUrl, token: target.token, http: opts.http, clock: opts.clock, limiter: new RateLimiter(), timeoutMs, signal });
  }

  /** A read for reconciliation or verification: any failure means "can't tell", except the explicit ones. */
  function readError(err: unknown, what: string): PublishError {
    if (err instanceof PublishError) return err;
    if (err instanceof MastodonRequestError) {
      if (err.kind === 'rate-limited') return new PublishError('rate-limited', `${what}: ${err.message}`, err.retryAt);
      if (err.kind === 'auth' || (err.kind === 'http' && err.status !== null && err.status < 500)) return new PublishError('rejected', `${what}: ${err.message}`);
      return new PublishError('transient', `${what}: ${err.message}`);
    }
    return new PublishError('transient', `${what}: ${err instanceof Error ? err.message : String(err)}`);
  }

  async function verify(instanceUrl: string, token: string, signal: AbortSignal): Promise<VerifiedAccount> {
    try {
      const { data } = await client({ instanceUrl, token }, signal).get('/api/v1/accounts/verify_credentials');
      const a = data as { id?: unknown; username?: unknown; acct?: unknown; url?: unknown };
      if (typeof a.id !== 'string' || typeof a.username !== 'string') throw new PublishError('rejected', 'verify_credentials did not answer with an account');
      const acct = typeof a.acct === 'string' && a.acct.includes('@') ? a.acct : `${a.username}@${new URL(instanceUrl).host}`;
      return { handle: acct, remoteAccountId: a.id, profileUrl: typeof a.url === 'string' && /^https?:\/\//.test(a.url) ? a.url : null };
    } catch (err) {
      throw readError(err, 'checking the token');
    }
  }

  // Deliberately not `async` up to the fetch: the scheduler calls this right after committing the
  // claim, and nothing may run in between (a freeze committing there would be missed).
  function publish(post: OutgoingPost, key: string, signal: AbortSignal): Promise<PublishResult> {
    const t = requestDeadline(opts.clock, timeoutMs, signal);
    const body: Record<string, string> = { status: post.text, visibility: post.visibility };
    if (post.inReplyTo) body.in_reply_to_id = post.inReplyTo;
    let sent: Promise<Response>;
    try {
      sent = raceAbort(
        opts.http(`${base(post.target.instanceUrl)}/api/v1/statuses`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${post.target.token}`, 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body),
          signal: t.signal,
          redirect: 'error',
        }),
        t.signal,
      );
    } catch (err) {
      sent = Promise.reject(err);
    }
    const gone = (err: unknown): PublishError => {
      if (t.timedOut()) return new PublishError('unknown', `no answer from ${post.target.instanceUrl} within ${Math.round(timeoutMs / 1000)} s`);
      if (signal.aborted) return new PublishError('unknown', 'Newsroom stopped while the send was on the wire');
      const code = errorCode(err);
      if (code && NEVER_CONNECTED.has(code)) return new PublishError('transient', `could not reach ${post.target.instanceUrl} (${code})`);
      return new PublishError('unknown', `the connection broke during the send (${code ?? (err instanceof Error ? err.message : String(err))})`);
    };
    return (async () => {
      try {
        let res: Response;
        try {
          res = await sent;
        } catch (err) {
          throw gone(err);
        }
        let text = '';
        let bodyError: unknown = null;
        try {
          text = await raceAbort(res.text(), t.signal);
        } catch (err) {
          bodyError = err;
        }
        const now = opts.clock.now();
        if (res.status === 429) {
          const at = parseRetryAfter(res.headers.get('retry-after'), now) ?? parseRateLimitReset(res.headers.get('x-ratelimit-reset'), now) ?? now + 60_000;
          throw new PublishError('rate-limited', `rate limited by ${post.target.instanceUrl} until ${new Date(at).toISOString()}`, at);
        }
        // 504 and 408 mean something between us and the server gave up waiting, not that the server did.
        if (res.status === 504 || res.status === 408) throw new PublishError('unknown', `HTTP ${res.status} from ${post.target.instanceUrl}: it may have published`);
        if (res.status >= 500) throw new PublishError('transient', `HTTP ${res.status} from ${post.target.instanceUrl}`);
        if (res.status === 401 || res.status === 403) throw new PublishError('rejected', `the account's access token was refused (HTTP ${res.status}): ${platformMessage(text)}`);
        if (res.status >= 400) throw new PublishError('rejected', `${post.target.instanceUrl} refused the post (HTTP ${res.status}): ${platformMessage(text)}`);
        if (res.status < 200 || res.status >= 300) throw new PublishError('unknown', `unexpected HTTP ${res.status} from ${post.target.instanceUrl}`);
        if (bodyError !== null) throw new PublishError('unknown', `the answer was cut off (${gone(bodyError).message})`);
        let data: { id?: unknown; url?: unknown; uri?: unknown };
        try {
          data = JSON.parse(text) as typeof data;
        } catch {
          throw new PublishError('unknown', `accepted (HTTP ${res.status}) but the answer was not readable JSON`);
        }
        if (typeof data?.id !== 'string' || data.id === '') throw new PublishError('unknown', `accepted (HTTP ${res.status}) but the answer had no status id`);
        const url = typeof data.url === 'string' ? data.url : typeof data.uri === 'string' ? data.uri : null;
        return { remoteId: data.id, url };
      } finally {
        t.done();
      }
    })();
  }

  async function findRecent(target: PublishTarget, sinceIso: string, signal: AbortSignal): Promise<RecentOwnPost[]> {
    const since = Date.parse(sinceIso);
    try {
      const c = client(target, signal);
      const accountId = target.remoteAccountId ?? (await verify(target.instanceUrl, target.token, signal)).remoteAccountId;
      const out: RecentOwnPost[] = [];
      let maxId: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const { data } = await c.get(`/api/v1/accounts/${encodeURIComponent(accountId)}/statuses`, { limit: 40, max_id: maxId });
        if (!Array.isArray(data)) throw new PublishError('unknown', 'the account statuses were not a list');
        let reachedSince = data.length < 40;
        for (const raw of data as Array<Record<string, unknown>>) {
          const id = raw.id;
          const createdAt = typeof raw.created_at === 'string' ? Date.parse(raw.created_at) : NaN;
          if (typeof id !== 'string' || Number.isNaN(createdAt)) continue;
          maxId = id;
          if (createdAt < since) {
            reachedSince = true;
            continue;
          }
          if (raw.reblog) continue;
          const text = typeof raw.text === 'string' ? raw.text : typeof raw.content === 'string' ? htmlToText(raw.content) : '';
          out.push({ remoteId: id, url: typeof raw.url === 'string' ? raw.url : null, text, createdAt: new Date(createdAt).toISOString() });
        }
        if (reachedSince || maxId === undefined) return out;
      }
      throw new PublishError('unknown', `more than ${maxPages * 40} posts since ${sinceIso}: can't tell`);
    } catch (err) {
      throw readError(err, 'reading the account back');
    }
  }

  async function resolveStatus(target: PublishTarget, uri: string, signal: AbortSignal): Promise<string | null> {
    try {
      const { data } = await client(target, signal).get('/api/v2/search', { q: uri, type: 'statuses', resolve: 'true', limit: 5 });
      const statuses = (data as { statuses?: unknown } | null)?.statuses;
      if (!Array.isArray(statuses)) throw new PublishError('transient', 'the search answer had no statuses list');
      // Search may also answer with posts that merely mention the address: only the post itself will do.
      const hit = (statuses as Array<Record<string, unknown>>).find((s) => typeof s.id === 'string' && (s.uri === uri || s.url === uri));
      return hit ? (hit.id as string) : null;
    } catch (err) {
      throw readError(err, `finding ${uri} from ${target.instanceUrl}`);
    }
  }

  return { platform: 'mastodon', verify, publish, findRecent, resolveStatus };
}
