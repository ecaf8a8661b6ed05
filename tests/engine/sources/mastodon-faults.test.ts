import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, duplicates, injectMany, TAG, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;

/** Moves past any backoff (cap 60 s) and polls again. */
async function laterPoll(hh: Harness, id: string): Promise<void> {
  hh.clock.advance(61_000);
  await hh.manager.pollNow(id);
}

describe('mastodon connector: faults', () => {
  it('HTTP 500s → degraded with the reason; recovers to ok with every post stored exactly once', async () => {
    h = await createHarness();
    const id = h.addSource();
    injectMany(h.sandbox, 10, 'a');
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(10);

    await h.faults([{ path: TAG_PATH, kind: 'status', status: 500, count: 0 }]);
    injectMany(h.sandbox, 70, 'b');
    await laterPoll(h, id);
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: `HTTP 500 from ${TAG_PATH}` });
    expect(h.changes.at(-1)?.change).toMatchObject({ kind: 'source.updated', source: { id, status: 'degraded' } });
    await laterPoll(h, id);
    expect(h.items()).toHaveLength(10);

    await h.clearFaults();
    injectMany(h.sandbox, 5, 'c');
    await laterPoll(h, id);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    expect(h.items()).toHaveLength(85);
    expect(duplicates(h.items())).toEqual([]);
    expect(h.logs.some((l) => l.level === 'warn' && String(l.data?.error).includes('HTTP 500'))).toBe(true);
  });

  it.each([
    ['malformed JSON', { kind: 'malformed' }, /malformed JSON from \/api\/v1\/timelines\/tag\/brewco/],
    ['truncated body', { kind: 'truncated' }, /truncated response from \/api\/v1\/timelines\/tag\/brewco/],
    ['HTML error page', { kind: 'html', status: 502 }, /HTTP 502 from \/api\/v1\/timelines\/tag\/brewco \(HTML error page\)/],
    ['HTML page with 200', { kind: 'html', status: 200 }, /HTML page instead of JSON/],
    ['connection reset', { kind: 'reset' }, /network error on \/api\/v1\/timelines\/tag\/brewco/],
  ])('%s → degraded, no crash, nothing lost', async (_name, fault, message) => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    injectMany(h.sandbox, 45);
    await h.faults([{ path: TAG_PATH, ...fault, count: 1 }]);
    await h.manager.pollNow(id);
    expect(h.source(id).status).toBe('degraded');
    expect(h.source(id).lastError).toMatch(message);
    expect(h.items()).toHaveLength(0);
    await laterPoll(h, id);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    expect(h.items()).toHaveLength(45);
    expect(duplicates(h.items())).toEqual([]);
  });

  it.each([
    ['a response slower than the timeout', { kind: 'delay', delayMs: 3_000 }],
    ['a request accepted but never answered', { kind: 'accept-then-timeout' }],
  ])('%s → timeout, degraded, then recovers', async (_name, fault) => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    injectMany(h.sandbox, 3);
    await h.faults([{ path: TAG_PATH, ...fault, count: 1 }]);
    const poll = h.manager.pollNow(id);
    await vi.waitFor(() => expect(h!.inFlight()).toBe(1));
    // The harness's request timeout is 1 s of the injected clock.
    h.clock.advance(999);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.inFlight()).toBe(1);
    h.clock.advance(2);
    await poll;
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: `timed out after 1 s on ${TAG_PATH}` });
    await laterPoll(h, id);
    expect(h.source(id).status).toBe('ok');
    expect(h.items()).toHaveLength(3);
  });

  it('401 → failing: the access token was rejected', async () => {
    h = await createHarness();
    const id = h.addSource({}, { token: 'not-the-brand-token' });
    await h.manager.pollNow(id);
    expect(h.source(id)).toMatchObject({ status: 'failing', lastError: expect.stringContaining('the access token was rejected') });
    expect(h.source(id).lastError).toContain('HTTP 401');
  });

  it('five failed polls in a row → failing; one good poll → ok', async () => {
    h = await createHarness();
    const id = h.addSource();
    await h.faults([{ path: '/api/', kind: 'status', status: 503, count: 0 }]);
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) {
      await laterPoll(h, id);
      statuses.push(h.source(id).status);
    }
    expect(statuses).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'failing', 'failing']);
    expect(h.source(id).lastError).toBe(`HTTP 503 from ${TAG_PATH}`);
    await h.clearFaults();
    await laterPoll(h, id);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
  });

  it('one failing stream degrades the source while the others keep delivering', async () => {
    h = await createHarness();
    const id = h.addSource({ hashtags: [TAG, 'other'] });
    await h.manager.pollNow(id);
    await h.faults([{ path: '/api/v1/timelines/tag/other', kind: 'status', status: 500, count: 0 }]);
    injectMany(h.sandbox, 4);
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(4);
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: 'HTTP 500 from /api/v1/timelines/tag/other' });
    // The failing stream backs off; the healthy one is polled on every cycle meanwhile.
    const before = h.requests.length;
    await h.manager.pollNow(id);
    const made = h.requests.slice(before);
    expect(made.some((r) => r.startsWith(TAG_PATH))).toBe(true);
    expect(made.some((r) => r.startsWith('/api/v1/timelines/tag/other'))).toBe(false);
  });

  it('appends source.updated only when status or lastError changes, not on every poll', async () => {
    h = await createHarness();
    const id = h.addSource();
    const updates = () => h!.changes.filter((c) => c.change.kind === 'source.updated').length;
    await h.manager.pollNow(id);
    await h.manager.pollNow(id);
    await h.manager.pollNow(id);
    expect(updates()).toBe(0);
    const firstPoll = h.source(id).lastPollAt;
    h.clock.advance(5_000);
    await h.manager.pollNow(id);
    expect(h.source(id).lastPollAt).not.toBe(firstPoll);
    expect(updates()).toBe(0);
    await h.faults([{ path: TAG_PATH, kind: 'status', status: 500, count: 1 }]);
    await h.manager.pollNow(id);
    expect(updates()).toBe(1);
    await laterPoll(h, id);
    expect(updates()).toBe(2);
  });
});
