import { afterEach, describe, expect, it } from 'vitest';
import { createFakeHarness, type FakeHarness } from './fake-mastodon/harness.js';

/**
 * Issue 9, point 4: following edits and deletions survives a failed lookup, an old server and a
 * restart, and health says so when it can't be done.
 */
let h: FakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const multiGets = (hh: FakeHarness) => hh.server.requests.filter((r) => r.startsWith('/api/v1/statuses?'));
const singleGets = (hh: FakeHarness) => hh.server.requests.filter((r) => /^\/api\/v1\/statuses\/\d+$/.test(r));

describe('mastodon re-check: edits and deletions keep being followed', () => {
  it('4. one 4xx on the multi-status lookup does not end edit and delete tracking', async () => {
    h = createFakeHarness({}, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    const a = h.server.post({ author: 'ana', text: 'first #brew' });
    const b = h.server.post({ author: 'ben', text: 'second #brew' });
    let failOnce = true;
    h.server.fault = ({ path }) => {
      if (path !== '/api/v1/statuses' || !failOnce) return undefined;
      failOnce = false;
      return { status: 404 };
    };
    await h.poll(id); // ingests, then the re-check meets the one 404
    h.server.edit(a.id, 'first, edited #brew');
    h.server.remove(b.id);
    await h.poll(id);
    expect(h.item(a.uri)!.text).toBe('first, edited #brew');
    expect(h.item(b.uri)!.deletedAt).not.toBeNull();
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
  });

  it('4. a server without the lookup (before 4.3: 404 every time) falls back to single-status lookups', async () => {
    h = createFakeHarness({ multiGet: 404, version: '4.2.10' }, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    const a = h.server.post({ author: 'ana', text: 'first #brew' });
    const b = h.server.post({ author: 'ben', text: 'second #brew' });
    for (let i = 0; i < 4; i++) await h.poll(id);
    const asked = multiGets(h).length;
    expect(asked).toBeGreaterThanOrEqual(2); // repeated before believing it
    h.server.edit(a.id, 'edited on an old server #brew');
    h.server.remove(b.id);
    for (let i = 0; i < 3; i++) await h.poll(id);
    expect(multiGets(h).length).toBe(asked); // not asked again once known unsupported
    expect(singleGets(h).length).toBeGreaterThan(0);
    expect(h.item(a.uri)!.text).toBe('edited on an old server #brew');
    expect(h.item(b.uri)!.deletedAt).not.toBeNull();
  });

  it('4. a 422 old server (repeated) is the same; a lone 400 or 500 never marks it unsupported', async () => {
    h = createFakeHarness({}, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    h.server.post({ author: 'ana', text: 'x #brew' });
    let n = 0;
    h.server.fault = ({ path }) => (path === '/api/v1/statuses' ? ([{ status: 400 }, { status: 500 }, { status: 422 }][n++ % 3] as { status: number }) : undefined);
    for (let i = 0; i < 3; i++) await h.poll(id);
    h.server.fault = null;
    const before = multiGets(h).length;
    await h.poll(id);
    expect(multiGets(h).length).toBe(before + 1); // still asked: nothing repeated a 404/422
  });

  it('4. when edits and deletions cannot be followed, health says so and why', async () => {
    h = createFakeHarness({}, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    h.server.post({ author: 'ana', text: 'x #brew' });
    h.server.fault = ({ path }) => (path.startsWith('/api/v1/statuses') ? { status: 503 } : undefined);
    for (let i = 0; i < 4; i++) await h.poll(id);
    expect(h.source(id).status).toBe('degraded');
    expect(h.source(id).lastError).toMatch(/^edits and deletions not followed: .*503/);
    h.server.fault = null;
    await h.poll(id);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    // Not at info level: a warning.
    expect(h.logs.some((l) => l.level === 'warn' && l.msg.includes('re-check'))).toBe(true);
  });

  it('4. the re-check list is in SQLite: a restart still follows posts from before it', async () => {
    h = createFakeHarness({}, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    const a = h.server.post({ author: 'ana', text: 'before the restart #brew' });
    const b = h.server.post({ author: 'ben', text: 'deleted after the restart #brew' });
    await h.poll(id);
    await h.restart();
    h.server.edit(a.id, 'edited after the restart #brew');
    h.server.remove(b.id);
    await h.poll(id);
    expect(h.item(a.uri)!.text).toBe('edited after the restart #brew');
    expect(h.item(b.uri)!.deletedAt).not.toBeNull();
  });

  it('4. an edit that adds a content warning reaches the item', async () => {
    h = createFakeHarness({}, { recheckEvery: 1 });
    const id = h.addSource();
    await h.poll(id);
    const a = h.server.post({ author: 'ana', text: 'finale thoughts #brew' });
    await h.poll(id);
    h.server.edit(a.id, 'finale thoughts #brew', { spoiler_text: 'TV spoilers', sensitive: true });
    await h.poll(id);
    expect(h.item(a.uri)).toMatchObject({ contentWarning: 'TV spoilers', sensitive: true });
  });
});
