/**
 * Fixed-window throttles like Mastodon's rack-attack setup: every /api request counts against a
 * general budget (300 / 5 min per token, or per IP without one), and paging requests (page,
 * max_id, min_id, since_id — rack-attack's `paging_request?`) also count against a separate
 * 300 / 15 min budget. Windows are aligned to the epoch like rack-attack's cache keys.
 */
import type { Clock } from '../../shared/clock.js';

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
  pagingLimit: number;
  pagingWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  limit: 300,
  windowMs: 5 * 60_000,
  pagingLimit: 300,
  pagingWindowMs: 15 * 60_000,
};

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
}

interface Counter {
  window: number;
  count: number;
}

/** Mastodon sends Reset as `Time#iso8601(6)`: microsecond precision, UTC "Z". */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function rateLimitHeaders(d: { limit: number; remaining: number; resetAt: number }): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(Math.max(0, d.remaining)),
    'X-RateLimit-Reset': isoMicros(d.resetAt),
  };
}

export function isPagingRequest(q: URLSearchParams): boolean {
  return ['page', 'max_id', 'min_id', 'since_id'].some((k) => (q.get(k) ?? '') !== '');
}

export class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly cfg: RateLimitConfig,
    private readonly clock: Clock,
  ) {}

  private bump(name: string, limit: number, windowMs: number, now: number): RateDecision & { exceeded: boolean } {
    const window = Math.floor(now / windowMs);
    let c = this.counters.get(name);
    if (!c || c.window !== window) {
      c = { window, count: 0 };
      this.counters.set(name, c);
    }
    c.count++;
    return { allowed: c.count <= limit, exceeded: c.count > limit, limit, remaining: limit - c.count, resetAt: (window + 1) * windowMs };
  }

  /** Counts one request; headers describe the most constrained throttle, as Mastodon's do. */
  hit(key: string, paging: boolean): RateDecision {
    const now = this.clock.now();
    const results = [this.bump(`api:${key}`, this.cfg.limit, this.cfg.windowMs, now)];
    if (paging) results.push(this.bump(`paging:${key}`, this.cfg.pagingLimit, this.cfg.pagingWindowMs, now));
    const blocked = results.find((r) => r.exceeded);
    if (blocked) return { allowed: false, limit: blocked.limit, remaining: 0, resetAt: blocked.resetAt };
    const tightest = results.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    return { allowed: true, limit: tightest.limit, remaining: tightest.remaining, resetAt: tightest.resetAt };
  }
}
