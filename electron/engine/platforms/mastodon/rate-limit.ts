/**
 * Rate-limit bookkeeping for one account (one token) on one server.
 *
 * Mastodon reports its budget in X-RateLimit-Limit / -Remaining / -Reset, Reset being an ISO 8601
 * timestamp (rack-attack's throttled responder uses `.iso8601(6)`); other servers send epoch
 * seconds, so both are accepted. Mastodon also throttles "paging" requests (any carrying
 * page/min_id/max_id/since_id) against a separate, smaller budget (300 per 15 minutes) that it
 * doesn't always report, so those are counted here on our side.
 */

import { parseRateLimitReset } from '../http/retry-headers.js';

export { parseRateLimitReset, parseRetryAfter } from '../http/retry-headers.js';

export interface PagingBudget {
  /** Paging requests allowed per window (Mastodon: 300). */
  limit: number;
  /** Window length in ms (Mastodon: 15 minutes). */
  windowMs: number;
}

export const MASTODON_PAGING_BUDGET: PagingBudget = { limit: 300, windowMs: 15 * 60_000 };

export interface PaceDecision {
  /** How long to wait before the next poll cycle. */
  delayMs: number;
  /** Set when the budget is spent: no request before this time. */
  exhaustedUntil: number | null;
}

export class RateLimiter {
  limit: number | null = null;
  remaining: number | null = null;
  resetAt: number | null = null;
  private blocked = 0;
  private readonly pagingTimes: number[] = [];
  /** What the server said about the paging budget, when it answered a paging request. */
  private pagingRemaining: number | null = null;
  private pagingResetAt = 0;

  constructor(private readonly paging: PagingBudget = MASTODON_PAGING_BUDGET) {}

  /**
   * Reads the X-RateLimit-* headers of any response (errors carry them too). Mastodon reports
   * the tightest throttle that applied, so the answer to a paging request may describe the
   * paging budget: it is kept apart, or it would stall the plain head polls it doesn't limit.
   */
  observe(headers: Headers, nowMs: number, paging = false): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs);
    if (remaining === null || reset === null || Number.isNaN(Number(remaining))) return;
    if (paging) {
      this.pagingRemaining = Math.max(0, Number(remaining));
      this.pagingResetAt = reset;
      return;
    }
    this.limit = Number.isFinite(limit) && limit > 0 ? limit : null;
    this.remaining = Math.max(0, Number(remaining));
    this.resetAt = reset;
  }

  /** No request before `untilMs` (a 429, or a spent budget). */
  block(untilMs: number): void {
    this.blocked = Math.max(this.blocked, untilMs);
  }

  blockedUntil(nowMs: number): number | null {
    return this.blocked > nowMs ? this.blocked : null;
  }

  /** A 429 on a paging request: only paging waits (a plain request will tell if it's more). */
  blockPaging(untilMs: number): void {
    this.pagingRemaining = 0;
    this.pagingResetAt = Math.max(this.pagingResetAt, untilMs);
  }

  /**
   * Spreads what is left of the budget until the reset over the coming cycles, `perCycle`
   * requests each, never faster than `floorMs`. A small reserve is kept back so the edit/delete
   * re-check and a manual refresh still fit.
   */
  pace(nowMs: number, perCycle: number, floorMs: number): PaceDecision {
    if (this.remaining === null || this.resetAt === null || this.resetAt <= nowMs) return { delayMs: floorMs, exhaustedUntil: null };
    const reserve = Math.max(1, Math.ceil((this.limit ?? 0) * 0.02));
    const usable = this.remaining - reserve;
    const need = Math.max(1, perCycle);
    if (usable < need) return { delayMs: this.resetAt - nowMs, exhaustedUntil: this.resetAt };
    const spread = Math.ceil(((this.resetAt - nowMs) * need) / usable);
    return { delayMs: Math.max(floorMs, spread), exhaustedUntil: null };
  }

  private prunePaging(nowMs: number): void {
    while (this.pagingTimes.length && this.pagingTimes[0]! <= nowMs - this.paging.windowMs) this.pagingTimes.shift();
  }

  /** Whether a paging request fits the paging budget now (keeping a tenth back). */
  canPage(nowMs: number): boolean {
    this.prunePaging(nowMs);
    if (this.pagingTimes.length >= Math.max(1, Math.floor(this.paging.limit * 0.9))) return false;
    if (this.pagingRemaining !== null && this.pagingResetAt > nowMs) return this.pagingRemaining > Math.max(1, Math.ceil(this.paging.limit * 0.1));
    return true;
  }

  /**
   * Whether at most half of both budgets (paging, and the general one as last reported) is used:
   * room for work that can wait (re-reads), after catching up and polling for new posts.
   */
  hasSparePaging(nowMs: number): boolean {
    if (!this.canPage(nowMs)) return false;
    if (this.remaining !== null && this.limit !== null && this.resetAt !== null && this.resetAt > nowMs && this.remaining < this.limit * 0.5) return false;
    if (this.pagingTimes.length >= Math.floor(this.paging.limit * 0.5)) return false;
    return this.pagingRemaining === null || this.pagingResetAt <= nowMs || this.pagingRemaining > this.paging.limit * 0.5;
  }

  recordPaging(nowMs: number): void {
    this.pagingTimes.push(nowMs);
  }

  /** When paging is possible again, as far as we know. */
  pagingFreeAt(nowMs: number): number {
    this.prunePaging(nowMs);
    const local = this.pagingTimes.length > 0 ? this.pagingTimes[0]! + this.paging.windowMs : nowMs;
    const server = this.pagingRemaining !== null && this.pagingResetAt > nowMs ? this.pagingResetAt : nowMs;
    return Math.max(local, server);
  }
}
