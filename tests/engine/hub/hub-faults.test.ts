import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { hubOn, tmpDataDir } from './hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

interface Health {
  sources: Array<{ status: string; lastError: string | null }>;
}

async function health(h: Hub): Promise<Health['sources'][number]> {
  return ((await (await fetch(`${h.url}/api/health`)).json()) as Health).sources[0]!;
}

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 25_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function fault(h: Hub, faults: unknown[]): Promise<void> {
  const res = await fetch(`${h.sandbox!.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) });
  expect(res.status).toBe(200);
}

/** Every post the sandbox holds for the source's hashtag is stored exactly once. */
function expectEveryPostOnce(h: Hub, uris: string[]): void {
  const rows = h.store.db.prepare('SELECT native_id, COUNT(*) AS n FROM items GROUP BY native_id HAVING n > 1').all();
  expect(rows).toEqual([]);
  for (const uri of uris) expect(h.store.items.findByNative('mastodon', uri), uri).not.toBeNull();
  const added = h.store.changes.changesSince(0, 100_000).filter((e) => e.change.kind === 'item.added').length;
  expect(added).toBe(h.store.items.count());
}

describe('hub + sandbox under injected faults (real timers)', () => {
  it('500s turn the source degraded with the reason; it recovers with every post stored once', async () => {
    hub = await hubOn(tmpDataDir(), { demo: 'quiet', pollIntervalMs: 200 });
    const tag = hub.sandbox!.hashtags[0]!;
    await until('ok', () => health(hub!), (s) => s.status === 'ok');
    await fault(hub, [{ kind: 'status', status: 500, count: 0, path: '/api/' }]);
    const uris = [hub.sandbox!.inject({ author: 'ana', text: `during the outage #${tag}`, tags: [tag] }).uri];
    const bad = await until('degraded', () => health(hub!), (s) => s.status !== 'ok');
    expect(bad.status).toBe('degraded');
    expect(bad.lastError).toMatch(/500/);
    uris.push(hub.sandbox!.inject({ author: 'ben', text: `still down #${tag}`, tags: [tag] }).uri);
    await fetch(`${hub.sandbox!.url}/_sandbox/faults`, { method: 'DELETE' });
    await until('recovered', () => health(hub!), (s) => s.status === 'ok');
    await until('posts stored', async () => uris.every((u) => hub!.store.items.findByNative('mastodon', u)), Boolean);
    expectEveryPostOnce(hub, uris);
  });

  it('429s turn the source degraded ("rate limited"), then it waits for the reset and recovers', async () => {
    hub = await hubOn(tmpDataDir(), { demo: 'quiet', pollIntervalMs: 200 });
    const tag = hub.sandbox!.hashtags[0]!;
    await until('ok', () => health(hub!), (s) => s.status === 'ok');
    await fault(hub, [{ kind: 'status', status: 429, count: 3, retryAfter: 1 }]);
    const uris = [hub.sandbox!.inject({ author: 'cy', text: `throttled #${tag}`, tags: [tag] }).uri];
    const bad = await until('degraded', () => health(hub!), (s) => s.status !== 'ok');
    expect(bad.status).toBe('degraded');
    expect(bad.lastError).toMatch(/rate limited|429/i);
    await until('recovered', () => health(hub!), (s) => s.status === 'ok');
    await until('posts stored', async () => uris.every((u) => hub!.store.items.findByNative('mastodon', u)), Boolean);
    expectEveryPostOnce(hub, uris);
  });
});
