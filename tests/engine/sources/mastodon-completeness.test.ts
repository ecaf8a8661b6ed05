import { afterEach, describe, expect, it } from 'vitest';
import { duplicates } from './harness.js';
import { createFakeHarness, type FakeHarness } from './fake-mastodon/harness.js';

/**
 * Issue 9, points 2 and 3: none missed. Pages of any size, posts that arrive with ids below the
 * cursor, ids past 2^53, and faults in the middle of filling a gap, against a fake Mastodon
 * written from the API documentation, through the real pipeline and store.
 */
let h: FakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const burst = (hh: FakeHarness, n: number, prefix: string) => Array.from({ length: n }, (_, i) => hh.server.post({ author: `u${i % 5}`, text: `${prefix} ${i} #brew` }));

describe('mastodon completeness: none missed', () => {
  for (const cap of [1, 20, 40]) {
    it(`2. a server capping pages at ${cap} loses nothing, health stays honest`, async () => {
      h = createFakeHarness({ pageCap: cap });
      const id = h.addSource();
      burst(h, 3, 'before');
      await h.poll(id);
      const firstPoll = h.items().length;
      expect(firstPoll).toBe(Math.min(3, cap));
      // More than a page arrives between two polls (cap 1 → 12 pages; the per-cycle page budget allows that).
      const n = cap === 1 ? 12 : cap * 2 + 5;
      const posts = burst(h, n, 'burst');
      await h.poll(id);
      await h.poll(id);
      const uris = new Set(h.items().map((i) => i.nativeId));
      expect(posts.filter((p) => !uris.has(p.uri)).map((p) => p.content)).toEqual([]);
      expect(duplicates(h.items())).toEqual([]);
      expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
      // It paged by the server's Link header (rel="prev": min_id = the newest of the page).
      expect(h.server.requests.some((r) => r.includes('min_id='))).toBe(true);
    });
  }

  it('2. pages shortened after the query (filtered posts) still lead on to the rest', async () => {
    h = createFakeHarness();
    const id = h.addSource();
    burst(h, 3, 'before');
    await h.poll(id);
    const posts = burst(h, 100, 'burst');
    // Every fifth post is filtered out of whatever page it falls on: pages of 40 come back with 32.
    const filtered = new Set(posts.filter((_, i) => i % 5 === 0).map((p) => p.id));
    h.server.filteredAfterPaging = (s) => filtered.has(s.id);
    await h.poll(id);
    const uris = new Set(h.items().map((i) => i.nativeId));
    expect(posts.filter((p) => !filtered.has(p.id) && !uris.has(p.uri))).toHaveLength(0);
  });

  it('2. a search stream (no Link header on search answers) with a 20 cap loses nothing', async () => {
    h = createFakeHarness({ pageCap: 20 });
    const id = h.addSource({ hashtags: [], terms: ['espresso'] });
    await h.poll(id);
    const posts = Array.from({ length: 45 }, (_, i) => h!.server.post({ author: 'ana', text: `espresso ${i}` }));
    await h.poll(id);
    const uris = new Set(h.items().map((i) => i.nativeId));
    expect(posts.filter((p) => !uris.has(p.uri))).toHaveLength(0);
  });

  it('3. a backdated post (id from its created_at, below the cursor) is picked up by the trailing re-read, once', async () => {
    h = createFakeHarness({}, { trailingWindowMs: 10 * 60_000, trailingEveryMs: 30_000 });
    const id = h.addSource();
    burst(h, 5, 'now');
    await h.poll(id);
    expect(h.items()).toHaveLength(5);
    h.clock.advance(60_000);
    // Fetched late by the server: created four minutes ago, so its id sorts below the cursor...
    const late = h.server.post({ author: 'far@slow.example', text: 'late arrival #brew', createdAt: h.clock.now() - 4 * 60_000 });
    // ...and more than a page of newer posts pushes it off the head page.
    const fresh = burst(h, 45, 'fresh');
    // Later than the window (10 minutes): the limit of what is looked for.
    const tooLate = h.server.post({ author: 'old@slow.example', text: 'eleven minutes late #brew', createdAt: h.clock.now() - 11 * 60_000 });
    await h.poll(id);
    expect(h.item(late.uri)).not.toBeNull();
    expect(fresh.every((p) => h!.item(p.uri) !== null)).toBe(true);
    expect(h.item(tooLate.uri)).toBeNull();
    const added = h.changes.filter((c) => c.change.kind === 'item.added').length;
    expect(added).toBe(51);
    // A late arrival right below the cursor, still on the head page, needs no extra request at all.
    h.clock.advance(1_000);
    burst(h, 3, 'newer');
    await h.poll(id);
    const paging = h.server.requests.filter((r) => /[?&](max_id|min_id)=/.test(r)).length;
    const late2 = h.server.post({ author: 'far@slow.example', text: 'late again #brew', createdAt: h.clock.now() - 500 });
    await h.poll(id);
    expect(h.item(late2.uri)).not.toBeNull();
    expect(h.server.requests.filter((r) => /[?&](max_id|min_id)=/.test(r)).length).toBe(paging);
    // Re-reading the window again stores nothing twice and emits nothing.
    for (let i = 0; i < 2; i++) {
      h.clock.advance(31_000);
      await h.poll(id);
    }
    expect(h.changes.filter((c) => c.change.kind === 'item.added').length).toBe(55);
    expect(h.changes.filter((c) => c.change.kind === 'item.updated')).toHaveLength(0);
    expect(duplicates(h.items())).toEqual([]);
    // After a restart too (the seen-set is in SQLite, and the pipeline dedupes by URI anyway).
    await h.restart();
    h.clock.advance(31_000);
    await h.poll(id);
    expect(h.changes.filter((c) => c.change.kind === 'item.added').length).toBe(55);
  });

  it('ids past 2^53 and of different lengths are ordered as numbers, never as floats', async () => {
    h = createFakeHarness({ pageCap: 20 });
    const id = h.addSource();
    // 16 digits (already past 2^53 ≈ 9.007e15), then crossing into 17 and 19 digits.
    const start = 9_999_999_999_999_990n;
    h.server.post({ author: 'ana', text: 'first #brew', id: start.toString() });
    await h.poll(id);
    const posts = Array.from({ length: 30 }, (_, i) => h!.server.post({ author: 'ana', text: `n ${i} #brew`, id: (start + 1n + BigInt(i)).toString() }));
    posts.push(h.server.post({ author: 'ana', text: 'long #brew', id: '1000000000000000000' }));
    await h.poll(id);
    await h.poll(id);
    const uris = new Set(h.items().map((i) => i.nativeId));
    expect(posts.filter((p) => !uris.has(p.uri)).map((p) => p.id)).toEqual([]);
    expect(h.store.sources.getCursor(id, 'tag:brew')).toBe('1000000000000000000');
    // Precision: 10000000000000001 must not have become 10000000000000000.
    expect(h.items()).toHaveLength(32);
  });

  it('faults while filling a gap: a 500, a timeout and a malformed page lose nothing and duplicate nothing', async () => {
    h = createFakeHarness({ pageCap: 20 });
    const id = h.addSource();
    await h.poll(id);
    const posts = burst(h, 95, 'gap');
    let gapPages = 0;
    const faults = [{ status: 500 }, 'hang', { status: 200, body: '[{"id":"1","content":"<p>cut' }] as const;
    h.server.fault = ({ query }) => {
      if (!query.has('min_id')) return undefined;
      gapPages++;
      // Every second gap page fails, in turn: 500, a request that never answers, a malformed body.
      return gapPages % 2 === 0 ? (faults[(gapPages / 2 - 1) % faults.length] as never) : undefined;
    };
    for (let i = 0; i < 8; i++) await h.pollThroughTimeout(id, 1_500);
    h.server.fault = null;
    await h.poll(id);
    const uris = new Set(h.items().map((i) => i.nativeId));
    expect(posts.filter((p) => !uris.has(p.uri)).map((p) => p.content)).toEqual([]);
    expect(duplicates(h.items())).toEqual([]);
    expect(h.changes.filter((c) => c.change.kind === 'item.added')).toHaveLength(95);
    expect(h.source(id).status).toBe('ok');
  });

  it('a fault while filling a gap shows in health while it lasts', async () => {
    h = createFakeHarness({ pageCap: 20 });
    const id = h.addSource();
    await h.poll(id);
    burst(h, 50, 'gap');
    h.server.fault = ({ query }) => (query.has('min_id') ? { status: 503 } : undefined);
    await h.poll(id);
    expect(h.source(id).status).toBe('degraded');
    expect(h.source(id).lastError).toContain('503');
  });
});
