import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../../electron/engine/ingest/pipeline.js';
import { compareIds, maxId, normalizeStatus, parseStatus } from '../../../electron/engine/sources/mastodon/normalize-status.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { FakeClock } from '../helpers/fake-clock.js';

function status(over: Record<string, unknown> = {}) {
  return {
    id: '110000000000000001',
    uri: 'https://remote.example/users/bob/statuses/1',
    url: 'https://remote.example/@bob/1',
    created_at: '2026-11-22T11:59:00.000Z',
    content: '<p>Hello <a href="https://remote.example/tags/coffee">#coffee</a></p>',
    language: 'en',
    tags: [{ name: 'coffee', url: 'https://remote.example/tags/coffee' }],
    in_reply_to_id: null,
    edited_at: null,
    visibility: 'public',
    some_future_field: { nested: true },
    account: {
      id: '7',
      acct: 'bob@remote.example',
      username: 'bob',
      display_name: 'Bob B.',
      url: 'https://remote.example/@bob',
      avatar: 'https://remote.example/avatars/bob.png',
    },
    ...over,
  };
}

describe('normalizeStatus', () => {
  it('maps a Mastodon status to an IncomingPost (uri as native id, unknown fields ignored)', () => {
    const r = parseStatus(status(), 'https://social.example');
    expect(r).toMatchObject({ ok: true, localId: '110000000000000001' });
    if (!r.ok) throw new Error('rejected');
    expect(r.post).toEqual({
      platform: 'mastodon',
      nativeId: 'https://remote.example/users/bob/statuses/1',
      url: 'https://remote.example/@bob/1',
      author: { handle: 'bob@remote.example', name: 'Bob B.', url: 'https://remote.example/@bob', avatarUrl: 'https://remote.example/avatars/bob.png' },
      html: '<p>Hello <a href="https://remote.example/tags/coffee">#coffee</a></p>',
      lang: 'en',
      tags: ['coffee'],
      createdAt: '2026-11-22T11:59:00.000Z',
      replyTo: null,
      editedAt: null,
      visibility: 'public',
    });
  });

  it('qualifies local accounts with the instance host, falls back to username and uri', () => {
    const post = normalizeStatus(
      status({ url: null, language: undefined, edited_at: '2026-11-22T12:01:00Z', in_reply_to_id: '42', account: { acct: 'alice', username: 'alice', display_name: '' } }),
      'http://127.0.0.1:4781',
    );
    expect(post).toMatchObject({
      url: 'https://remote.example/users/bob/statuses/1',
      author: { handle: 'alice@127.0.0.1:4781', name: 'alice', url: null, avatarUrl: null },
      lang: null,
      replyTo: '42',
      editedAt: '2026-11-22T12:01:00Z',
    });
  });

  it('passes hostile html through raw: the pipeline sanitizes it, once', () => {
    const hostile = '<p>hi<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)></p>';
    const post = normalizeStatus(status({ content: hostile }), 'https://social.example');
    expect(post?.html).toBe(hostile);

    const store = openStore(':memory:');
    const pipeline = createPipeline({ store, clock: new FakeClock() });
    pipeline.ingest('s1', [{ op: 'upsert', post: post! }]);
    const stored = store.items.list({ limit: 1 })[0]!;
    expect(stored.html).not.toMatch(/script|javascript:|onerror|<img/i);
    expect(stored.text).toContain('hi');
    store.close();
  });

  it('rejects a bad status with a reason, without throwing', () => {
    const bad = [
      status({ uri: undefined }),
      status({ account: null }),
      status({ created_at: 'yesterday' }),
      status({ content: 42 }),
      'not even an object',
      null,
    ];
    for (const b of bad) {
      const r = parseStatus(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      expect(normalizeStatus(b)).toBeNull();
    }
    // The id of an otherwise bad status is still known, so paging can move past it.
    expect(parseStatus(status({ uri: 5 }))).toMatchObject({ ok: false, localId: '110000000000000001', reason: expect.stringContaining('uri') });
  });

  it('tolerates odd optional fields: numeric ids, tags without names', () => {
    const post = normalizeStatus(status({ id: 12, tags: [{ name: 'ok' }, { nope: 1 }, 'x'], in_reply_to_id: 9 }));
    expect(post).toMatchObject({ tags: ['ok'], replyTo: '9' });
  });
});

describe('compareIds', () => {
  it("keeps Mastodon's visibility; a missing one is public, one a fork invented is private", () => {
    const vis = (v: unknown) => {
      const r = parseStatus(status({ visibility: v }));
      if (!r.ok) throw new Error(r.reason);
      return r.post.visibility;
    };
    expect(['public', 'unlisted', 'private', 'direct'].map(vis)).toEqual(['public', 'unlisted', 'private', 'direct']);
    expect(vis(null)).toBe('public');
    expect(vis(undefined)).toBe('public');
    expect(vis('limited')).toBe('private');
    expect(vis('local')).toBe('private');
  });

  it('orders snowflake ids by value, not as text', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('110000000000000002', '110000000000000001')).toBeGreaterThan(0);
    expect(compareIds('0', '5')).toBeLessThan(0);
    expect(compareIds('7', '7')).toBe(0);
    expect(maxId(['9', '10', '2'])).toBe('10');
  });
});
