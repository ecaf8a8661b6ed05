import { describe, expect, it } from 'vitest';
import { createMastodonPublisher } from '../../../electron/engine/publish/mastodon/mastodon-publisher.js';
import { PublishError, sameText } from '../../../electron/engine/publish/publisher.js';
import { FakeClock } from '../helpers/fake-clock.js';

const target = { instanceUrl: 'https://social.example', token: 't', remoteAccountId: '1' };
const netError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

async function outcome(http: typeof fetch): Promise<PublishError | { ok: string }> {
  const pub = createMastodonPublisher({ http, clock: new FakeClock(), timeoutMs: 1_000 });
  try {
    const r = await pub.publish({ target, text: 'hi', inReplyTo: null, visibility: 'public' }, 'newsroom-p-r1', new AbortController().signal);
    return { ok: r.remoteId };
  } catch (err) {
    return err as PublishError;
  }
}
const respond = (status: number, body: string, headers: Record<string, string> = {}) => (async () => new Response(body, { status, headers })) as unknown as typeof fetch;

describe('Mastodon publisher: what may have published and what certainly did not', () => {
  it('sends the idempotency key and the token, and returns the status id and url', async () => {
    let seen: RequestInit | undefined;
    const http = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response(JSON.stringify({ id: '42', url: 'https://social.example/@b/42' }), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await outcome(http)).toEqual({ ok: '42' });
    expect(seen!.headers).toMatchObject({ 'Idempotency-Key': 'newsroom-p-r1', Authorization: 'Bearer t' });
    expect(JSON.parse(String(seen!.body))).toMatchObject({ status: 'hi', visibility: 'public' });
  });

  it.each([
    ['connection refused', (async () => Promise.reject(netError('ECONNREFUSED'))) as unknown as typeof fetch, 'transient'],
    ['DNS failure', (async () => Promise.reject(netError('ENOTFOUND'))) as unknown as typeof fetch, 'transient'],
    ['connection reset', (async () => Promise.reject(netError('ECONNRESET'))) as unknown as typeof fetch, 'unknown'],
    ['HTTP 503', respond(503, 'busy'), 'transient'],
    ['HTTP 504 from a proxy', respond(504, '<html>gateway timeout</html>'), 'unknown'],
    ['HTTP 429', respond(429, '{"error":"Too many requests"}', { 'Retry-After': '30' }), 'rate-limited'],
    ['HTTP 422', respond(422, '{"error":"Validation failed: Text can\'t be blank"}'), 'rejected'],
    ['HTTP 401', respond(401, '{"error":"The access token is invalid"}'), 'rejected'],
    ['2xx with garbage', respond(200, '{"id":"4'), 'unknown'],
    ['2xx without an id', respond(200, '{}'), 'unknown'],
  ])('%s → %s', async (_name, http, kind) => {
    const r = await outcome(http);
    expect(r).toBeInstanceOf(PublishError);
    expect((r as PublishError).kind).toBe(kind);
  });

  it("keeps the platform's words for a refusal", async () => {
    const r = (await outcome(respond(422, '{"error":"Validation failed: Text character limit of 500 exceeded"}'))) as PublishError;
    expect(r.message).toContain('Validation failed: Text character limit of 500 exceeded');
  });

  it('a send with no answer times out as unknown (on the injected clock)', async () => {
    const clock = new FakeClock();
    const pub = createMastodonPublisher({ http: (() => new Promise(() => undefined)) as unknown as typeof fetch, clock, timeoutMs: 1_000 });
    const p = pub.publish({ target, text: 'hi', inReplyTo: null, visibility: 'public' }, 'k', new AbortController().signal).catch((e: unknown) => e);
    clock.advance(1_000);
    const r = (await p) as PublishError;
    expect(r.kind).toBe('unknown');
    expect(r.message).toMatch(/no answer/);
  });

  it('reads the account back: reblogs skipped, text from content, stops at the since time', async () => {
    const statuses = [
      { id: '3', created_at: '2026-11-22T12:00:05.000Z', content: '<p>Hello<br>world &amp; more</p>', url: 'u3', reblog: null },
      { id: '2', created_at: '2026-11-22T12:00:04.000Z', content: '<p>boost</p>', url: 'u2', reblog: { id: '9' } },
      { id: '1', created_at: '2026-11-22T11:00:00.000Z', content: '<p>old</p>', url: 'u1', reblog: null },
    ];
    const pub = createMastodonPublisher({ http: respond(200, JSON.stringify(statuses)), clock: new FakeClock() });
    const recent = await pub.findRecent(target, '2026-11-22T12:00:00.000Z', new AbortController().signal);
    expect(recent).toEqual([{ remoteId: '3', url: 'u3', text: 'Hello\nworld & more', createdAt: '2026-11-22T12:00:05.000Z' }]);
    expect(sameText(recent[0]!.text, 'Hello world & more')).toBe(true);
    expect(sameText('@ana@social.example thanks!', '@ana thanks!')).toBe(true);
    expect(sameText('Hello world', 'Hello world!')).toBe(false);
  });

  it("finds a post from another server under the brand server's own id (search with resolve), or says it can't", async () => {
    const uri = 'https://far.example/users/carla/statuses/999';
    let asked: URL | null = null;
    const answer = { accounts: [], hashtags: [], statuses: [{ id: '5', uri: 'https://x.example/s/1', url: 'https://x.example/@x/1', content: uri }, { id: '110042', uri, url: 'https://far.example/@carla/999' }] };
    const http = (async (url: string) => {
      asked = new URL(url);
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const pub = createMastodonPublisher({ http, clock: new FakeClock() });
    expect(await pub.resolveStatus!(target, uri, new AbortController().signal)).toBe('110042');
    expect(asked!.pathname).toBe('/api/v2/search');
    expect(Object.fromEntries(asked!.searchParams)).toMatchObject({ q: uri, type: 'statuses', resolve: 'true' });
    // Only a post that merely mentions the address: not found.
    answer.statuses = answer.statuses.slice(0, 1);
    expect(await pub.resolveStatus!(target, uri, new AbortController().signal)).toBeNull();
    const down = createMastodonPublisher({ http: respond(503, 'busy'), clock: new FakeClock() });
    await expect(down.resolveStatus!(target, uri, new AbortController().signal)).rejects.toMatchObject({ kind: 'transient' });
  });
});
