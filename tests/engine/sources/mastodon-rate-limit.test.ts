import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, duplicates, injectMany, TAG, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;
const tagRequests = (hh: Harness) => hh.requests.filter((r) => r.startsWith(TAG_PATH)).length;
const headRequests = (hh: Harness) => hh.requests.filter((r) => r.startsWith(TAG_PATH) && !/[?&](min_id|max_id)=/.test(r)).length;

describe('mastodon connector: pacing and rate limits', () => {
  it('polls on its own timer, no faster than the poll floor', async () => {
    h = await createHarness();
    const id = h.addSource();
    h.clock.advance(0);
    await vi.waitFor(() => expect(h!.source(id).lastPollAt).not.toBeNull());
    expect(tagRequests(h)).toBe(1);
    h.clock.advance(1_999);
    await new Promise((r) => setTimeout(r, 30));
    expect(tagRequests(h)).toBe(1);
    h.clock.advance(1);
    await vi.waitFor(() => expect(tagRequests(h!)).toBe(2));
  });

  it('Remaining low → waits until the (ISO) Reset, then carries on', async () => {
    // The fake clock starts at 12:00:00Z; the sandbox's 60 s window resets at 12:01:00Z.
    // Paging requests (catching up, re-reading for late arrivals) have a budget of their own: not counted here.
    h = await createHarness({ sandbox: { rateLimit: { limit: 4, windowMs: 60_000, pagingLimit: 300, pagingWindowMs: 900_000 } } });
    const id = h.addSource();
    await h.manager.pollNow(id); // the instance's domain, then the tag: remaining 2
    await h.manager.pollNow(id); // remaining 1: only the reserve is left
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: expect.stringMatching(/^rate limited until 12:01:00 UTC/) });
    const made = headRequests(h);
    await h.manager.pollNow(id);
    expect(headRequests(h)).toBe(made);

    injectMany(h.sandbox, 2);
    h.clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(headRequests(h)).toBe(made);
    h.clock.advance(2_000);
    await vi.waitFor(() => expect(h!.source(id)).toMatchObject({ status: 'ok', lastError: null }));
    expect(headRequests(h)).toBe(made + 1);
    expect(h.items()).toHaveLength(2);
  });

  it('429 → waits for Retry-After / Reset (plus jitter), then recovers without losing posts', async () => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    await h.faults([{ path: TAG_PATH, kind: 'status', status: 429, retryAfter: 30, count: 1 }]);
    injectMany(h.sandbox, 41);
    await h.manager.pollNow(id);
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: `rate limited until 12:00:30 UTC (HTTP 429 from ${TAG_PATH})` });
    const made = tagRequests(h);
    await h.manager.pollNow(id);
    h.clock.advance(29_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(tagRequests(h)).toBe(made);
    h.clock.advance(2_000);
    await vi.waitFor(() => expect(h!.source(id).status).toBe('ok'));
    expect(h.items()).toHaveLength(41);
    expect(duplicates(h.items())).toEqual([]);
  });

  it('counts paging requests against their own budget and catches up across windows', async () => {
    const paging = { pagingLimit: 3, pagingWindowMs: 900_000 };
    h = await createHarness({
      sandbox: { rateLimit: { limit: 300, windowMs: 300_000, ...paging } },
      manager: { paging: { limit: paging.pagingLimit, windowMs: paging.pagingWindowMs } },
    });
    const id = h.addSource();
    await h.manager.pollNow(id);
    injectMany(h.sandbox, 170);
    await h.manager.pollNow(id);
    // 90 % of 3 → 2 paging requests per window: 80 of the gap's 130; the newest 40 go out anyway.
    expect(h.items()).toHaveLength(120);
    const texts = new Set(h.items().map((i) => i.text));
    expect(texts.has('post 0 #brewco') && texts.has('post 169 #brewco') && !texts.has('post 80 #brewco')).toBe(true);
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: expect.stringContaining('paging limit reached') });
    expect(h.requests.filter((r) => r.includes('min_id=')).length).toBe(2);
    h.clock.advance(900_001);
    await h.manager.pollNow(id);
    await vi.waitFor(() => expect(h!.items()).toHaveLength(170));
    expect(duplicates(h.items())).toEqual([]);
    expect(h.changes.filter((c) => c.change.kind === 'item.added')).toHaveLength(170);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    // Paced: the server never had to say 429.
    expect(h.statuses).not.toContain(429);
  });
});
