import { MastoDeserializeError } from 'masto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../electron/sandbox/faults.js';
import type { Sandbox } from '../../../electron/sandbox/create-sandbox.js';
import { auth, client, closeAll, getJson, open } from './helpers.js';

afterEach(closeAll);

async function fault(sb: Sandbox, ...faults: FaultSpec[]) {
  const r = await getJson(sb, '/_sandbox/faults', { method: 'POST', body: JSON.stringify({ faults }) });
  expect(r.status).toBe(200);
  return r.body;
}

describe('fault injection', () => {
  it('status: the given HTTP status with a JSON error, for `count` requests only', async () => {
    const sb = await open();
    const r = await fault(sb, { path: '/api/v1/timelines', kind: 'status', status: 503, count: 2 });
    expect(r).toMatchObject({ ok: true, active: [{ kind: 'status', status: 503, remaining: 2 }] });
    for (let i = 0; i < 2; i++) {
      const res = await getJson(sb, '/api/v1/timelines/tag/x');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(typeof res.body.error).toBe('string');
    }
    expect((await getJson(sb, '/api/v1/timelines/tag/x')).status).toBe(200);
    expect((await getJson(sb, '/_sandbox/faults')).body.active).toEqual([]);
  });

  it('status 429 carries rate-limit headers with Reset in the future, and Retry-After', async () => {
    const sb = await open();
    await fault(sb, { kind: 'status', status: 429, retryAfter: 30 });
    const res = await getJson(sb, '/api/v2/search?q=x');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error: 'Too many requests' });
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Date.parse(res.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now() + 25_000);
  });

  it('matches by method and /regex/, lasts until cleared with count 0, and never touches /_sandbox', async () => {
    const sb = await open();
    const s = sb.inject({ author: 'ada', text: 'hi' });
    await fault(sb, { path: '/^\\/api\\/v1\\/statuses\\/\\d+$/', method: 'GET', kind: 'status', status: 500, count: 0 });
    for (let i = 0; i < 3; i++) expect((await getJson(sb, `/api/v1/statuses/${s.id}`)).status).toBe(500);
    expect((await getJson(sb, `/api/v1/statuses/${s.id}/context`)).status).toBe(200);
    expect((await getJson(sb, '/_sandbox/state')).status).toBe(200);
    const listed = (await getJson(sb, '/_sandbox/faults')).body.active;
    expect(listed).toMatchObject([{ remaining: null, hits: 3 }]);
    expect((await getJson(sb, '/_sandbox/faults', { method: 'DELETE' })).body).toEqual({ ok: true, active: [] });
    expect((await getJson(sb, `/api/v1/statuses/${s.id}`)).status).toBe(200);
    expect((await getJson(sb, '/_sandbox/faults', { method: 'POST', body: JSON.stringify({ faults: [{ kind: 'bogus' }] }) })).status).toBe(422);
  });

  it('delay: answers normally, late', async () => {
    const sb = await open();
    sb.inject({ author: 'ada', text: '#slow' });
    await fault(sb, { kind: 'delay', delayMs: 300 });
    const t0 = Date.now();
    const res = await getJson(sb, '/api/v1/timelines/tag/slow');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
  });

  it('malformed: 200 with a JSON content type and a body that does not parse', async () => {
    const sb = await open();
    await fault(sb, { kind: 'malformed' });
    const res = await fetch(`${sb.url}/api/v1/timelines/tag/x`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    await fault(sb, { kind: 'malformed' });
    await expect(client(sb).v1.timelines.tag.$select('x').list()).rejects.toBeInstanceOf(MastoDeserializeError);
  });

  it('truncated: full Content-Length promised, half delivered, connection cut', async () => {
    const sb = await open();
    for (let i = 0; i < 5; i++) sb.inject({ author: 'ada', text: `long post number ${i} #cut` });
    await fault(sb, { kind: 'truncated' });
    const res = await fetch(`${sb.url}/api/v1/timelines/tag/cut`);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    await expect(res.text()).rejects.toThrow();
  });

  it('html: a proxy error page with text/html', async () => {
    const sb = await open();
    await fault(sb, { kind: 'html', status: 503 });
    const res = await fetch(`${sb.url}/api/v1/timelines/tag/x`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<center><h1>503 Service Unavailable</h1></center>');
    await fault(sb, { kind: 'html' });
    expect((await fetch(`${sb.url}/api/v1/timelines/tag/x`)).status).toBe(502);
  });

  it('reset: the socket dies without a response and nothing happens', async () => {
    const sb = await open();
    await fault(sb, { kind: 'reset', method: 'POST' });
    await expect(fetch(`${sb.url}/api/v1/statuses`, { method: 'POST', headers: { ...auth(sb), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'x' }) })).rejects.toThrow();
    expect(sb.published()).toEqual([]);
  });

  it('accept-then-timeout: the status IS published, but the client never hears back', async () => {
    const sb = await open();
    await fault(sb, { kind: 'accept-then-timeout', path: '/api/v1/statuses', method: 'POST' });
    const attempt = fetch(`${sb.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { ...auth(sb), 'Content-Type': 'application/json', 'Idempotency-Key': 'k' },
      body: JSON.stringify({ status: 'Our app is back, thanks for your patience' }),
      signal: AbortSignal.timeout(400),
    });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    const pub = (await getJson(sb, '/_sandbox/published')).body;
    expect(pub).toHaveLength(1);
    expect(pub[0].content).toContain('Our app is back');
    // Retrying with the same key returns the very same status: no duplicate.
    const retry = await getJson(sb, '/api/v1/statuses', { method: 'POST', headers: { ...auth(sb), 'Content-Type': 'application/json', 'Idempotency-Key': 'k' }, body: JSON.stringify({ status: 'Our app is back, thanks for your patience' }) });
    expect(retry.body.id).toBe(pub[0].id);
    expect(sb.published()).toHaveLength(1);
  });

  it('close() does not hang on a held accept-then-timeout request', async () => {
    const sb = await open();
    await fault(sb, { kind: 'accept-then-timeout' });
    const pending = fetch(`${sb.url}/api/v1/instance`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await sb.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
