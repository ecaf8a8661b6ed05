import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../electron/engine/sources/backoff.js';
import { parseRateLimitReset, parseRetryAfter, RateLimiter } from '../../../electron/engine/platforms/mastodon/rate-limit.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

function headers(h: Record<string, string>): Headers {
  return new Headers(h);
}

describe('rate-limit headers', () => {
  it('reads X-RateLimit-Reset as Mastodon sends it (ISO 8601) and as epoch seconds', () => {
    expect(parseRateLimitReset('2026-11-22T12:03:05.123456Z', NOW)).toBe(Date.parse('2026-11-22T12:03:05.123Z'));
    expect(parseRateLimitReset(String(NOW / 1000 + 90), NOW)).toBe(NOW + 90_000);
    expect(parseRateLimitReset(String(NOW + 5_000), NOW)).toBe(NOW + 5_000);
    expect(parseRateLimitReset('30', NOW)).toBe(NOW + 30_000);
    expect(parseRateLimitReset('soon', NOW)).toBeNull();
    expect(parseRateLimitReset(null, NOW)).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:01:00 GMT', NOW)).toBe(NOW + 60_000);
  });

  it('spreads the remaining budget until the reset, and waits for the reset when it is spent', () => {
    const rl = new RateLimiter();
    rl.observe(headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '294', 'x-ratelimit-reset': new Date(NOW + 300_000).toISOString() }), NOW);
    // 294 - reserve 6 = 288 usable for 300 s, 3 requests per cycle → one cycle every 3.125 s.
    expect(rl.pace(NOW, 3, 2_000)).toEqual({ delayMs: 3_125, exhaustedUntil: null });
    expect(rl.pace(NOW, 1, 2_000).delayMs).toBe(2_000);
    rl.observe(headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': new Date(NOW + 40_000).toISOString() }), NOW);
    expect(rl.pace(NOW, 3, 2_000)).toEqual({ delayMs: 40_000, exhaustedUntil: NOW + 40_000 });
    // A reset in the past means the window rolled over: back to the floor.
    expect(rl.pace(NOW + 41_000, 3, 2_000).delayMs).toBe(2_000);
  });

  it('counts paging requests against their own, smaller budget', () => {
    const rl = new RateLimiter({ limit: 10, windowMs: 60_000 });
    for (let i = 0; i < 9; i++) {
      expect(rl.canPage(NOW + i)).toBe(true);
      rl.recordPaging(NOW + i);
    }
    expect(rl.canPage(NOW + 10)).toBe(false);
    expect(rl.pagingFreeAt(NOW + 10)).toBe(NOW + 60_000);
    expect(rl.canPage(NOW + 60_001)).toBe(true);
  });
});

describe('backoff', () => {
  it('is full-jitter exponential, capped', () => {
    expect(fullJitterDelay(1, { baseMs: 1_000, capMs: 60_000 }, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, { baseMs: 1_000, capMs: 60_000 }, () => 0.5)).toBe(2_000);
    expect(fullJitterDelay(20, { baseMs: 1_000, capMs: 60_000 }, () => 0.999)).toBe(59_940);
    expect(fullJitterDelay(4, { baseMs: 1_000, capMs: 60_000 }, () => 0)).toBe(0);
  });

  it('has room for re-reads only while both budgets are at least half free', () => {
    const rl = new RateLimiter({ limit: 10, windowMs: 900_000 });
    expect(rl.hasSparePaging(NOW)).toBe(true);
    for (let i = 0; i < 5; i++) rl.recordPaging(NOW);
    expect(rl.hasSparePaging(NOW)).toBe(false);
    expect(rl.canPage(NOW)).toBe(true);
    const general = new RateLimiter();
    general.observe(headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '140', 'x-ratelimit-reset': new Date(NOW + 60_000).toISOString() }), NOW);
    expect(general.hasSparePaging(NOW)).toBe(false);
    expect(general.hasSparePaging(NOW + 61_000)).toBe(true);
  });
});
