import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, injectMany, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const stored = (hh: Harness, uri: string) => hh.store.items.findByNative('mastodon', uri);

describe('mastodon connector: edits and deletes', () => {
  it('re-checks recent statuses: an edit updates the item, a delete tombstones it', async () => {
    h = await createHarness({ manager: { recheckEvery: 2 } });
    const id = h.addSource();
    await h.manager.pollNow(id);
    const [a, b, c] = [0, 1, 2].map((i) => h!.sandbox.inject({ author: 'fay', text: `original ${i} #brewco`, tags: ['brewco'] }));
    await h.manager.pollNow(id);
    expect(h.items()).toHaveLength(3);

    h.sandbox.edit(a!.id, 'edited text #brewco');
    h.sandbox.remove(b!.id);
    await h.manager.pollNow(id); // cycle 3: no re-check yet
    expect(stored(h, a!.uri)?.text).toBe('original 0 #brewco');
    await h.manager.pollNow(id); // cycle 4: re-check
    expect(h.requests.filter((r) => r.startsWith('/api/v1/statuses?'))).toHaveLength(2);

    const edited = stored(h, a!.uri)!;
    expect(edited.text).toContain('edited text');
    expect(edited.editedAt).not.toBeNull();
    expect(stored(h, b!.uri)?.deletedAt).not.toBeNull();
    expect(stored(h, b!.uri)?.html).toBe('');
    expect(stored(h, c!.uri)).toMatchObject({ text: 'original 2 #brewco', deletedAt: null });
    const kinds = h.changes.map((e) => e.change.kind);
    expect(kinds.filter((k) => k === 'item.updated')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'item.deleted')).toHaveLength(1);

    // Nothing changed since: another re-check emits nothing.
    const before = h.changes.length;
    await h.manager.pollNow(id);
    await h.manager.pollNow(id);
    expect(h.changes.length).toBe(before);
    expect(h.source(id).status).toBe('ok');
  });

  it('asks in batches of at most 20 ids (Mastodon refuses more)', async () => {
    h = await createHarness({ manager: { recheckEvery: 1 } });
    const id = h.addSource();
    await h.manager.pollNow(id);
    const ids = injectMany(h.sandbox, 45);
    await h.manager.pollNow(id);
    h.sandbox.remove(ids[0]!);
    h.sandbox.remove(ids[44]!);
    const before = h.requests.length;
    await h.manager.pollNow(id);
    const lookups = h.requests.slice(before).filter((r) => r.startsWith('/api/v1/statuses?'));
    expect(lookups).toHaveLength(3);
    for (const r of lookups) expect(new URLSearchParams(r.split('?')[1]).getAll('id[]').length).toBeLessThanOrEqual(20);
    expect(h.statuses).not.toContain(422);
    expect(h.changes.filter((e) => e.change.kind === 'item.deleted')).toHaveLength(2);
    expect(h.items()).toHaveLength(43);
  });

  it('only looks back ~15 minutes', async () => {
    h = await createHarness({ manager: { recheckEvery: 1 } });
    const id = h.addSource();
    await h.manager.pollNow(id);
    const [old] = injectMany(h.sandbox, 1, 'old');
    await h.manager.pollNow(id);
    h.clock.advance(16 * 60_000);
    h.sandbox.remove(old!);
    const before = h.requests.length;
    await h.manager.pollNow(id);
    expect(h.requests.slice(before).some((r) => r.startsWith('/api/v1/statuses'))).toBe(false);
    expect(h.items()).toHaveLength(1);
  });

  it('a server without the multi-get (404 again and again) is not asked again, and nothing breaks', async () => {
    h = await createHarness({ manager: { recheckEvery: 1 } });
    await h.faults([{ path: '/api/v1/statuses?', kind: 'status', status: 404, count: 0 }]);
    const id = h.addSource();
    injectMany(h.sandbox, 2);
    for (let i = 0; i < 5; i++) await h.manager.pollNow(id);
    // Three refusals in a row, then single-status lookups instead.
    expect(h.requests.filter((r) => r.startsWith('/api/v1/statuses?'))).toHaveLength(3);
    expect(h.requests.some((r) => /^\/api\/v1\/statuses\/\d+$/.test(r))).toBe(true);
    expect(h.source(id)).toMatchObject({ status: 'ok', lastError: null });
    expect(h.logs.some((l) => l.level === 'warn' && l.msg.includes('no multi-status lookup'))).toBe(true);
  });

  it('a multi-get answering a whole batch with nothing does not wipe the window', async () => {
    h = await createHarness({ manager: { recheckEvery: 1 } });
    const id = h.addSource();
    await h.manager.pollNow(id);
    injectMany(h.sandbox, 3);
    await h.manager.pollNow(id);
    // A broken server: every lookup returns an empty list; single-status GETs still work.
    const realHttp = globalThis.fetch;
    const spy = async (input: string | URL | Request, init?: RequestInit) => {
      const u = new URL(input instanceof Request ? input.url : String(input));
      if (u.pathname === '/api/v1/statuses') return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
      return realHttp(input, init);
    };
    globalThis.fetch = spy as typeof fetch;
    try {
      await h.manager.pollNow(id);
    } finally {
      globalThis.fetch = realHttp;
    }
    expect(h.items()).toHaveLength(3);
    expect(h.changes.some((e) => e.change.kind === 'item.deleted')).toBe(false);
    // It asked about one status on its own before believing the empty answer.
    expect(h.requests.some((r) => /^\/api\/v1\/statuses\/\d+$/.test(r))).toBe(true);
  });
});
