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
    const r = parseStatus(status(), 'social.example');
    expect(r).toMatchObject({ ok: true, localId: '110000000000000001', inReplyToId: null, boostId: null });
    if (!r.ok) throw new Error('rejected');
    expect(r.post).toEqual({
      platform: 'mastodon',
      nativeId: 'https://remote.example/users/bob/statuses/1',
      url: 'https://remote.example/@bob/1',
      author: { handle: 'bob@remote.example', name: 'Bob B.', url: 'https://remote.example/@bob', avatarUrl: 'https://remote.example/avatars/bob.png', emojis: [] },
      html: '<p>Hello <a href="https://remote.example/tags/coffee">#coffee</a></p>',
      lang: 'en',
      tags: ['coffee'],
      createdAt: '2026-11-22T11:59:00.000Z',
      replyTo: null,
      editedAt: null,
      visibility: 'public',
      contentWarning: null,
      sensitive: false,
      media: [],
      poll: null,
      emojis: [],
      boostedBy: [],
      authorSignals: { followers: null, bio: null },
    });
  });

  it('passes on the author\'s reach and profile words (urgency cues), ignoring odd values', () => {
    const r = parseStatus(status({ account: { acct: 'kim', username: 'kim', followers_count: 52_000, note: '<p>Reporter at <b>Daily Bean</b></p>' } }), 'x.example');
    if (!r.ok) throw new Error(r.reason);
    expect(r.post.authorSignals).toEqual({ followers: 52_000, bio: 'Reporter at Daily Bean' });
    const odd = parseStatus(status({ account: { acct: 'kim', username: 'kim', followers_count: 'lots', note: 7 } }), 'x.example');
    if (!odd.ok) throw new Error(odd.reason);
    expect(odd.post.authorSignals).toEqual({ followers: null, bio: null });
  });

  it('qualifies local accounts with the instance domain, falls back to username and uri; the parent is left to resolve', () => {
    const r = parseStatus(
      status({ url: null, language: undefined, edited_at: '2026-11-22T12:01:00Z', in_reply_to_id: '42', account: { acct: 'alice', username: 'alice', display_name: '' } }),
      'kettle.social',
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.inReplyToId).toBe('42');
    expect(r.post).toMatchObject({
      url: 'https://remote.example/users/bob/statuses/1',
      author: { handle: 'alice@kettle.social', name: 'alice', url: null, avatarUrl: null },
      lang: null,
      // A server-local id is never a replyTo: the connector looks the parent's URI up.
      replyTo: null,
      editedAt: '2026-11-22T12:01:00Z',
    });
    // Given a URL (older callers), its host stands in for the domain.
    expect(normalizeStatus(status({ account: { acct: 'alice', username: 'alice' } }), 'http://127.0.0.1:4781')?.author.handle).toBe('alice@127.0.0.1:4781');
  });

  it('a boost is the boosted post by its author, with the booster noted', () => {
    const original = status({ account: { acct: 'ana', username: 'ana', display_name: 'Ana :wave:', emojis: [{ shortcode: 'wave', url: 'https://social.example/e/wave.png', static_url: 'https://social.example/e/wave_s.png' }] } });
    const r = parseStatus(
      status({ id: '120000000000000009', uri: 'https://social.example/users/bo/statuses/120000000000000009/activity', content: '', tags: [], account: { acct: 'bo', username: 'bo' }, reblog: original }),
      'social.example',
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ localId: '110000000000000001', boostId: '120000000000000009' });
    expect(r.post).toMatchObject({
      nativeId: 'https://remote.example/users/bob/statuses/1',
      author: { handle: 'ana@social.example', name: 'Ana :wave:', emojis: [{ shortcode: 'wave', url: 'https://social.example/e/wave.png', staticUrl: 'https://social.example/e/wave_s.png' }] },
      tags: ['coffee'],
      boostedBy: [{ handle: 'bo@social.example', name: 'bo' }],
    });
    // A boost of something unusable is rejected as a whole, saying where.
    expect(parseStatus(status({ reblog: { id: '1' } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^reblog\./) });
  });

  it('reads content warnings, media, polls and custom emoji leniently', () => {
    const r = parseStatus(
      status({
        spoiler_text: 'food',
        sensitive: true,
        media_attachments: [{ type: 'image', url: null, remote_url: 'https://far.example/a.png', preview_url: 'https://social.example/a_small.png', description: 'alt' }, { type: 'hologram' }, 'junk'],
        poll: { options: [{ title: 'A', votes_count: 3 }, { title: 'B', votes_count: null }], votes_count: 3, voters_count: null, multiple: false, expires_at: null, expired: true },
        emojis: [{ shortcode: 'ok', url: 'https://social.example/ok.png' }, { shortcode: 5 }],
      }),
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.post).toMatchObject({
      contentWarning: 'food',
      sensitive: true,
      media: [
        { type: 'image', url: 'https://far.example/a.png', previewUrl: 'https://social.example/a_small.png', description: 'alt' },
        { type: 'unknown', url: null, previewUrl: null, description: null },
        { type: 'unknown', url: null, previewUrl: null, description: null },
      ],
      poll: { options: [{ title: 'A', votes: 3 }, { title: 'B', votes: null }], votes: 3, voters: null, multiple: false, expiresAt: null, expired: true },
      emojis: [{ shortcode: 'ok', url: 'https://social.example/ok.png', staticUrl: 'https://social.example/ok.png' }],
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
    const r = parseStatus(status({ id: 12, tags: [{ name: 'ok' }, { nope: 1 }, 'x'], in_reply_to_id: 9 }));
    expect(r).toMatchObject({ ok: true, localId: '12', inReplyToId: '9', post: { tags: ['ok'] } });
    // A numeric id past 2^53 already lost digits in JSON.parse: refused rather than guessed at.
    expect(parseStatus(status({ id: 2 ** 60 }))).toMatchObject({ ok: false, localId: null });
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
