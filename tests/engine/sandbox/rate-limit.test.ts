import { MastoHttpError } from 'masto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { auth, client, closeAll, getJson, open } from './helpers.js';

afterEach(closeAll);

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('rate limits', () => {
  it('reports X-RateLimit-* on every API response, counting down, then 429 with a JSON body', async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 10));
    const sb = await open({ clock, rateLimit: { limit: 4, windowMs: 60_000, pagingLimit: 100, pagingWindowMs: 60_000 } });
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await getJson(sb, '/api/v1/timelines/tag/x');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('4');
      expect(r.headers.get('x-ratelimit-reset')).toMatch(ISO_MICROS);
      remaining.push(r.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    const over = await getJson(sb, '/api/v1/timelines/tag/x');
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(over.body).toEqual({ error: 'Too many requests' });
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Date.parse(over.headers.get('x-ratelimit-reset')!);
    // Windows are epoch-aligned like rack-attack: this one ends at 09:01:00.
    expect(reset).toBe(Date.UTC(2026, 2, 2, 9, 1, 0));
    expect(reset).toBeGreaterThan(clock.now());
    // The control API is never throttled.
    expect((await getJson(sb, '/_sandbox/state')).status).toBe(200);
    // Anyone else (the brand token) has its own budget.
    expect((await getJson(sb, '/api/v1/timelines/tag/x', { headers: auth(sb) })).status).toBe(200);
    clock.advance(50_000);
    const fresh = await getJson(sb, '/api/v1/timelines/tag/x');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('3');
  });

  it('counts paging requests against the tighter paging throttle as well', async () => {
    const clock = new FakeClock();
    const sb = await open({ clock, rateLimit: { limit: 100, windowMs: 300_000, pagingLimit: 2, pagingWindowMs: 900_000 } });
    const plain = await getJson(sb, '/api/v1/timelines/tag/x');
    expect(plain.headers.get('x-ratelimit-limit')).toBe('100');
    const p1 = await getJson(sb, '/api/v1/timelines/tag/x?max_id=5');
    expect(p1.headers.get('x-ratelimit-limit')).toBe('2');
    expect(p1.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await getJson(sb, '/api/v1/timelines/tag/x?min_id=5')).status).toBe(200);
    const blocked = await getJson(sb, '/api/v1/timelines/tag/x?since_id=5');
    expect(blocked.status).toBe(429);
    expect(Date.parse(blocked.headers.get('x-ratelimit-reset')!) % 900_000).toBe(0);
    // Non-paging requests still pass: only the paging budget is spent.
    const ok = await getJson(sb, '/api/v1/timelines/tag/x');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('95');
  });

  it('masto sees a 429 as MastoHttpError', async () => {
    const sb = await open({ rateLimit: { limit: 1, windowMs: 60_000, pagingLimit: 1, pagingWindowMs: 60_000 } });
    const c = client(sb);
    await c.v1.timelines.tag.$select('x').list();
    const err = await c.v1.timelines.tag.$select('x').list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MastoHttpError);
    expect((err as MastoHttpError).statusCode).toBe(429);
    expect((err as MastoHttpError).message).toBe('Too many requests');
  });
});
