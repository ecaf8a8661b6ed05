import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, duplicates, injectMany, TAG, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('mastodon connector: paging', () => {
  it('first poll takes the newest page only; later polls take exactly what is new', async () => {
    h = await createHarness();
    injectMany(h.sandbox, 60, 'old');
    const id = h.addSource();
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(40);
    // The newest 40, not the oldest.
    expect(h.items().map((i) => i.text)).toContain('old 59 #brewco');
    expect(h.items().map((i) => i.text)).not.toContain('old 19 #brewco');
    expect(h.store.sources.getCursor(id, `tag:${TAG}`)).toMatch(/^\d+$/);

    injectMany(h.sandbox, 5, 'new');
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(45);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    // The head request carries no paging parameter (Mastodon throttles those separately).
    expect(h.requests.every((r) => !/[?&](min_id|max_id|since_id)=/.test(r))).toBe(true);
  });

  it('a burst bigger than a page arrives whole: no gaps, no duplicates, and a restart re-ingests nothing', async () => {
    h = await createHarness();
    injectMany(h.sandbox, 3, 'before');
    const id = h.addSource();
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(3);

    const burst = injectMany(h.sandbox, 150, 'burst');
    await h.manager.pollNow(id);
    const items = h.items();
    expect(items).toHaveLength(153);
    expect(duplicates(items)).toEqual([]);
    const texts = new Set(items.map((i) => i.text));
    for (let i = 0; i < burst.length; i++) expect(texts.has(`burst ${i} #brewco`)).toBe(true);
    // Stored in the platform's order: item ids ascend with the status ids.
    const byId = [...items].sort((a, b) => a.id - b.id).map((i) => i.text);
    expect(byId.slice(3, 6)).toEqual(['burst 0 #brewco', 'burst 1 #brewco', 'burst 2 #brewco']);
    // The gap was walked up with min_id.
    expect(h.requests.some((r) => r.includes('min_id='))).toBe(true);

    const added = h.changes.filter((c) => c.change.kind === 'item.added').length;
    expect(added).toBe(153);
    await h.restart();
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(153);
    expect(h.changes.filter((c) => c.change.kind === 'item.added').length).toBe(added);
    injectMany(h.sandbox, 2, 'after');
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(155);
  });

  it('a stream empty at its first poll takes everything that comes later', async () => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(0);
    injectMany(h.sandbox, 85);
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(85);
    expect(duplicates(h.items())).toEqual([]);
  });

  it('listens to search terms too, and one post seen by two streams is stored once', async () => {
    h = await createHarness();
    // Mastodon searches post text for signed-in clients only: a search term needs the token.
    const id = h.addSource({ terms: ['espresso'] }, { token: h.sandbox.brandToken });
    await h.manager.pollNow(id);
    h.sandbox.inject({ author: 'ann', text: 'the espresso machine is broken' });
    h.sandbox.inject({ author: 'ben', text: `espresso again #${TAG}`, tags: [TAG] });
    h.sandbox.inject({ author: 'cat', text: 'nothing to see' });
    await h.manager.pollNow(id);
    const texts = h.items().map((i) => i.text).sort();
    expect(texts).toEqual(['espresso again #brewco', 'the espresso machine is broken']);
    expect(h.store.sources.getCursor(id, 'search:espresso')).not.toBeNull();
  });

  it('mentions need the token: without it the stream reports why; with it mentions arrive', async () => {
    h = await createHarness();
    const id = h.addSource({ hashtags: [], mentions: true });
    await h.manager.pollNow(id);
    h.sandbox.inject({ author: 'dan', text: 'where is my order?', mentionBrand: true });
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(0);
    expect(h.source(id)).toMatchObject({ status: 'degraded', lastError: expect.stringContaining('access token') });
    expect(h.requests.some((r) => r.startsWith('/api/v1/notifications'))).toBe(false);

    const id2 = h.addSource({ hashtags: [], mentions: true }, { token: h.sandbox.brandToken });
    await h.manager.pollNow(id2);
    h.sandbox.inject({ author: 'eve', text: 'hello?', mentionBrand: true });
    await h.manager.pollNow(id2);
    const texts = h.items().map((i) => i.text);
    expect(texts.some((t) => t.includes('hello?'))).toBe(true);
    expect(h.source(id2)).toMatchObject({ status: 'ok', lastError: null });
    expect(h.requests.some((r) => r.includes('types%5B%5D=mention'))).toBe(true);
  });
});
