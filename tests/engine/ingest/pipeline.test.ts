import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../../electron/engine/ingest/pipeline.js';
import { openStore } from '../../../electron/engine/store/store.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';

function setup() {
  const store = openStore(':memory:');
  const clock = new FakeClock();
  const pipeline = createPipeline({ store, clock });
  const changes: ChangeEnvelope[] = [];
  store.changes.subscribe((envs) => changes.push(...envs));
  return { store, clock, pipeline, changes };
}

describe('ingest pipeline', () => {
  it('stores new posts with one item.added change each, in order', () => {
    const { store, pipeline, changes } = setup();
    const batch = [post(), post(), post()];
    const r = pipeline.ingest('s1', batch.map((p) => ({ op: 'upsert' as const, post: p })));
    expect(r).toMatchObject({ added: 3, updated: 0, deleted: 0, unchanged: 0 });
    expect(changes.map((c) => [c.seq, c.change.kind])).toEqual([
      [1, 'item.added'],
      [2, 'item.added'],
      [3, 'item.added'],
    ]);
    const items = store.items.list({ limit: 10 });
    expect(items.map((i) => i.nativeId)).toEqual(batch.map((p) => p.nativeId).reverse());
    // The stored item carries the seq of its own change.
    expect(items[0]!.seq).toBe(3);
    expect(items[0]!.tags).toEqual(['coffee']);
  });

  it('dedupes by platform and native id: the same post twice is stored once', () => {
    const { store, pipeline, changes } = setup();
    const p = post();
    pipeline.ingest('s1', [{ op: 'upsert', post: p }]);
    const r = pipeline.ingest('s2', [{ op: 'upsert', post: { ...p } }, { op: 'upsert', post: { ...p } }]);
    expect(r).toMatchObject({ added: 0, unchanged: 2 });
    expect(store.items.count()).toBe(1);
    expect(changes).toHaveLength(1);
  });

  it('an edit updates the item in place with a new seq', () => {
    const { store, pipeline, changes } = setup();
    const p = post();
    pipeline.ingest('s1', [{ op: 'upsert', post: p }]);
    const id = store.items.list({ limit: 1 })[0]!.id;
    pipeline.ingest('s1', [{ op: 'upsert', post: { ...p, html: '<p>fixed typo</p>', editedAt: '2026-11-22T11:30:00Z' } }]);
    const item = store.items.get(id)!;
    expect(item.text).toBe('fixed typo');
    expect(item.editedAt).toBe('2026-11-22T11:30:00.000Z');
    expect(item.seq).toBe(2);
    expect(changes.at(-1)!.change).toMatchObject({ kind: 'item.updated', item: { id, text: 'fixed typo' } });
    expect(store.items.count()).toBe(1);
  });

  it('a delete tombstones the item, drops its words, and hides it from lists', () => {
    const { store, clock, pipeline, changes } = setup();
    const p = post();
    pipeline.ingest('s1', [{ op: 'upsert', post: p }]);
    clock.advance(5000);
    const r = pipeline.ingest('s1', [{ op: 'delete', platform: 'mastodon', nativeId: p.nativeId }]);
    expect(r.deleted).toBe(1);
    const stored = store.items.findByNative('mastodon', p.nativeId)!;
    expect(stored.deletedAt).toBe(new Date(clock.now()).toISOString());
    expect(stored.text).toBe('');
    expect(stored.html).toBe('');
    expect(store.items.list({ limit: 10 })).toHaveLength(0);
    expect(changes.at(-1)!.change.kind).toBe('item.deleted');
    // A re-served copy of a deleted post does not bring it back; a second delete changes nothing.
    expect(pipeline.ingest('s1', [{ op: 'upsert', post: p }]).unchanged).toBe(1);
    expect(pipeline.ingest('s1', [{ op: 'delete', platform: 'mastodon', nativeId: p.nativeId }]).unchanged).toBe(1);
    expect(changes).toHaveLength(2);
  });

  it('sanitizes hostile platform HTML at ingest', () => {
    const { store, pipeline } = setup();
    const hostile =
      '<script>alert(1)</script><img src=x onerror=alert(2)><p onclick="x()">hi <a href="javascript:alert(3)">bad</a> <a href="https://ok.example/" target="_top" style="color:red">ok</a></p><iframe src="https://evil.example"></iframe>';
    pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: hostile }) }]);
    const item = store.items.list({ limit: 1 })[0]!;
    expect(item.html).not.toMatch(/script|onerror|onclick|javascript:|<img|<iframe|style=|target=/i);
    expect(item.html).toContain('href="https://ok.example/"');
    expect(item.html).toContain('rel="nofollow noopener noreferrer"');
    expect(item.text).toContain('hi');
    expect(item.text).not.toContain('alert(1)');
  });

  it('keeps Mastodon mention and hashtag classes but drops unknown ones', () => {
    const { store, pipeline } = setup();
    pipeline.ingest('s1', [
      { op: 'upsert', post: post({ html: '<p><a href="https://x.example/tags/a" class="mention hashtag evil" rel="tag">#<span class="big">a</span></a></p>' }) },
    ]);
    const html = store.items.list({ limit: 1 })[0]!.html;
    expect(html).toContain('class="mention hashtag"');
    expect(html).not.toContain('evil');
    expect(html).not.toContain('big');
  });

  it('rejects a malformed post alone and keeps the rest of the batch', () => {
    const { store, pipeline } = setup();
    const r = pipeline.ingest('s1', [
      { op: 'upsert', post: post() },
      { op: 'upsert', post: post({ createdAt: 'yesterday-ish' }) },
      { op: 'upsert', post: post({ nativeId: '' }) },
      { op: 'upsert', post: post() },
    ]);
    expect(r.added).toBe(2);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/not a date/), 'no native id']);
    expect(store.items.count()).toBe(2);
  });

  it('saves cursors in the same transaction as the posts', () => {
    const { store, pipeline } = setup();
    pipeline.ingest('s1', [{ op: 'upsert', post: post() }], { 'tag:coffee': '42' });
    expect(store.sources.getCursor('s1', 'tag:coffee')).toBe('42');
    // A failure inside the write leaves neither the posts nor the cursor behind.
    const insert = store.items.insert.bind(store.items);
    store.items.insert = () => {
      throw new Error('disk full');
    };
    expect(() => pipeline.ingest('s1', [{ op: 'upsert', post: post() }], { 'tag:coffee': '99' })).toThrow('disk full');
    store.items.insert = insert;
    expect(store.sources.getCursor('s1', 'tag:coffee')).toBe('42');
    expect(store.items.count()).toBe(1);
    expect(store.changes.currentSeq()).toBe(1);
  });

  it('drops non-http urls and lists by text, hashtag and paging cursor', () => {
    const { store, pipeline } = setup();
    pipeline.ingest('s1', [
      { op: 'upsert', post: post({ url: 'javascript:alert(1)', html: '<p>Recall of the BEAN grinder, 50% off</p>', tags: ['recall'] }) },
      { op: 'upsert', post: post({ html: '<p>lovely morning</p>', tags: [] }) },
    ]);
    const [newest, oldest] = store.items.list({ limit: 10 });
    expect(oldest!.url).toBeNull();
    expect(store.items.list({ limit: 10, q: 'bean' }).map((i) => i.id)).toEqual([oldest!.id]);
    expect(store.items.list({ limit: 10, q: '50%' })).toHaveLength(1);
    expect(store.items.list({ limit: 10, q: '5_%' })).toHaveLength(0);
    expect(store.items.list({ limit: 10, q: '#RECALL' }).map((i) => i.id)).toEqual([oldest!.id]);
    expect(store.items.list({ limit: 10, before: newest!.id }).map((i) => i.id)).toEqual([oldest!.id]);
  });
  it('finding 7: caps text and HTML at ingest (README: 20,000 and 100,000 characters), keeping the edges of characters whole', () => {
    const { store, pipeline } = setup();
    const word = 'a'.repeat(200_000);
    const emoji = '\u{1F600}'.repeat(1_100_000);
    const r = pipeline.ingest('s1', [
      { op: 'upsert', post: post({ html: `<p>${word}</p>` }) },
      { op: 'upsert', post: post({ html: `<p>${emoji}</p>` }) },
      { op: 'upsert', post: post({ html: null, text: `${'b'.repeat(2_000_000)} end` }) },
    ]);
    expect(r.added).toBe(3);
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const item of store.items.list({ limit: 10 })) {
      expect(item.text.length).toBeLessThanOrEqual(20_000);
      expect(item.html.length).toBeLessThanOrEqual(100_000);
      expect(item.text).toMatch(/…$/);
      expect(lone.test(item.text) || lone.test(item.html)).toBe(false);
    }
    const change = store.changes.changesSince(0, 10).map((e) => JSON.stringify(e).length);
    expect(Math.max(...change)).toBeLessThan(150_000);
  });
});
