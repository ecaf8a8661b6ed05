import { afterEach, describe, expect, it, vi } from 'vitest';
import { sourceTokenKey } from '../../../electron/engine/sources/connector-types.js';
import { createHarness, injectMany, TAG, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const TAG_PATH = `/api/v1/timelines/tag/${TAG}`;

describe('source manager', () => {
  it('health() lists every source with its status', async () => {
    h = await createHarness();
    const a = h.addSource();
    const b = h.addSource({ instanceUrl: 'ftp://nope.example' });
    await h.manager.pollNow();
    expect(h.manager.health()).toEqual([
      { id: a, name: `Sandbox ${a}`, platform: 'mastodon', status: 'ok', lastPollAt: '2026-11-22T12:00:00.000Z', lastError: null },
      { id: b, name: `Sandbox ${b}`, platform: 'mastodon', status: 'failing', lastPollAt: '2026-11-22T12:00:00.000Z', lastError: expect.stringContaining('not an http(s) URL') },
    ]);
  });

  it('sync() stops paused and removed sources, restarts resumed and reconfigured ones', async () => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    const count = () => h!.requests.length;

    h.store.sources.setPaused(id, true);
    h.manager.sync();
    const paused = count();
    await h.manager.pollNow(id);
    h.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(count()).toBe(paused);
    expect(h.manager.health()[0]?.status).toBe('paused');

    h.store.sources.setPaused(id, false);
    h.manager.sync();
    injectMany(h.sandbox, 2);
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(2);

    h.store.sources.update(id, { name: 'x', config: { ...h.source(id).config, hashtags: [TAG, 'extra'] }, hasToken: false });
    h.manager.sync();
    await h.manager.pollNow(id);
    expect(h.requests.some((r) => r.startsWith('/api/v1/timelines/tag/extra'))).toBe(true);

    h.store.sources.remove(id, new Date(h.clock.now()).toISOString());
    h.manager.sync();
    const removed = count();
    await h.manager.pollNow(id);
    expect(count()).toBe(removed);
  });

  it("a private message to the brand arrives through its mentions, stored as direct; the hashtag timeline never had it", async () => {
    h = await createHarness();
    const id = h.addSource({ mentions: true }, { token: h.sandbox.brandToken });
    h.sandbox.inject({ author: 'priya', text: `card charged three times, order #K-20931 #${TAG}`, mentionBrand: true, visibility: 'direct' });
    h.sandbox.inject({ author: 'ana', text: `public complaint #${TAG}`, mentionBrand: true });
    await h.manager.pollNow(id);
    const byText = (t: string) => h!.items().find((i) => i.text.includes(t));
    expect(byText('order #K-20931')?.visibility).toBe('direct');
    expect(byText('public complaint')?.visibility).toBe('public');
  });

  it('a connector that throws is contained: logged, shown in health, the others keep going', async () => {
    h = await createHarness();
    const bad = h.addSource();
    const good = h.addSource({ hashtags: ['other'] });
    await h.manager.pollNow();
    const real = h.pipeline.ingest;
    h.pipeline.ingest = (sourceId, ops, cursors) => {
      if (sourceId === bad) throw new Error('disk on fire');
      return real(sourceId, ops, cursors);
    };
    h.sandbox.inject({ author: 'gus', text: 'both #brewco #other', tags: [TAG, 'other'] });
    await h.manager.pollNow();
    expect(h.source(bad)).toMatchObject({ status: 'degraded', lastError: 'internal error: disk on fire' });
    expect(h.source(good)).toMatchObject({ status: 'ok' });
    expect(h.items()).toHaveLength(1);
    expect(h.logs.some((l) => l.level === 'warn' && String(l.data?.error).includes('disk on fire'))).toBe(true);

    h.pipeline.ingest = real;
    h.clock.advance(61_000);
    await h.manager.pollNow(bad);
    expect(h.source(bad).status).toBe('ok');
  });

  it('a secret store that fails is survived (polls without a token)', async () => {
    h = await createHarness();
    h.secrets.get = async () => {
      throw new Error('keychain locked');
    };
    const id = h.addSource();
    injectMany(h.sandbox, 1);
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(1);
    expect(h.logs.some((l) => l.msg.includes('token') && String(l.data?.error).includes('keychain locked'))).toBe(true);
  });

  it('reads a token added later without a restart', async () => {
    h = await createHarness();
    const id = h.addSource({ hashtags: [], mentions: true });
    await h.manager.pollNow(id);
    expect(h.source(id).lastError).toContain('access token');
    await h.secrets.set(sourceTokenKey(id), h.sandbox.brandToken);
    await h.manager.pollNow(id);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
  });

  it('stop() aborts in-flight polls and waits for them; nothing polls afterwards', async () => {
    h = await createHarness();
    const id = h.addSource();
    await h.manager.pollNow(id);
    await h.faults([{ path: TAG_PATH, kind: 'accept-then-timeout', count: 1 }]);
    const poll = h.manager.pollNow(id);
    await vi.waitFor(() => expect(h!.inFlight()).toBe(1));
    const t0 = Date.now();
    await h.manager.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
    await poll;
    // An aborted poll is not a failure of the source.
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    const made = h.requests.length;
    h.clock.advance(60_000);
    await h.manager.pollNow(id);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.requests.length).toBe(made);
  });
});
