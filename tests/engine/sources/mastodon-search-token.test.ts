import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/create-engine.js';
import { openStore } from '../../../electron/engine/store/store.js';
import type { SourceView } from '../../../shared/domain.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { memorySecrets, quietLog, users } from '../publish/harness.js';
import { FakeMastodon } from './fake-mastodon/fake-mastodon.js';
import { createFakeHarness, TOKEN, type FakeHarness } from './fake-mastodon/harness.js';

/** Issue 9, point 6: a search term on a source without an access token is a blind spot, said plainly. */
let h: FakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('mastodon search without a token', () => {
  it('6. health says plainly that search terms are not heard without an access token', async () => {
    h = createFakeHarness();
    const id = h.addSource({ hashtags: ['brew'], terms: ['Kettlebird', 'Dawn Roast'] }, null);
    h.server.post({ author: 'ana', text: 'Kettlebird is great' });
    h.server.post({ author: 'ben', text: 'tagged #brew' });
    await h.poll(id);
    const s = h.source(id);
    expect(s.status).toBe('degraded');
    expect(s.lastError).toContain('access token');
    expect(s.lastError).toContain('"Kettlebird"');
    expect(s.lastError).toContain('"Dawn Roast"');
    // The hashtag is still heard; the anonymous search is not asked for in vain.
    expect(h.items().map((i) => i.text)).toEqual(['tagged #brew']);
    expect(h.server.requests.some((r) => r.startsWith('/api/v2/search'))).toBe(false);
  });

  it('6. with a token the same terms are heard and health is ok', async () => {
    h = createFakeHarness();
    const id = h.addSource({ hashtags: [], terms: ['Kettlebird'] }, TOKEN);
    await h.poll(id);
    h.server.post({ author: 'ana', text: 'Kettlebird is great' });
    await h.poll(id);
    expect(h.items().map((i) => i.text)).toEqual(['Kettlebird is great']);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
  });

  it('6. sources.add says so in its answer, and health from the start, before any poll', async () => {
    const clock = new FakeClock();
    const fake = new FakeMastodon({ token: TOKEN, now: () => clock.now() });
    const store = openStore(':memory:');
    const engine = createEngine({ clock, store, http: fake.fetch, secrets: memorySecrets(), log: quietLog });
    await engine.start();
    try {
      const add = (params: Record<string, unknown>) => engine.call(users.admin, 'sources.add', { platform: 'mastodon', name: 'x', instanceUrl: fake.apiOrigin, ...params }) as Promise<{ source: SourceView }>;
      const blind = (await add({ terms: ['Kettlebird'], hashtags: ['brew'] })).source;
      expect(blind).toMatchObject({ status: 'degraded', lastError: expect.stringContaining('"Kettlebird"') });
      expect(blind.lastError).toContain('access token');
      expect(engine.health().sources.find((s) => s.id === blind.id)).toMatchObject({ status: 'degraded', lastError: blind.lastError });
      const heard = (await add({ terms: ['Kettlebird'], accessToken: TOKEN })).source;
      expect(heard).toMatchObject({ status: 'ok', lastError: null });
      const tagsOnly = (await add({ hashtags: ['brew'] })).source;
      expect(tagsOnly).toMatchObject({ status: 'ok', lastError: null });
    } finally {
      await engine.stop();
      store.close();
    }
  });
});
