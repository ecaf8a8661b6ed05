import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.js';
import { openStore } from '../../../electron/engine/store/store.js';
import type { Item } from '../../../shared/domain.js';

const row = (over: Partial<Omit<Item, 'id'>> = {}): Omit<Item, 'id'> => ({
  seq: 1,
  sourceId: 's',
  platform: 'mastodon',
  nativeId: 'https://social.example/users/ana/statuses/1',
  url: null,
  author: { handle: 'ana@social.example', name: 'Ana', url: null, avatarUrl: null, emojis: [{ shortcode: 'wave', url: 'https://social.example/w.png', staticUrl: 'https://social.example/w.png' }], followers: 250_000 },
  text: 'hi',
  html: '<p>hi</p>',
  lang: 'en',
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  ingestedAt: '2026-01-01T00:00:00.000Z',
  replyTo: null,
  editedAt: null,
  deletedAt: null,
  visibility: 'public',
  contentWarning: 'cw',
  sensitive: true,
  media: [{ type: 'image', url: 'https://social.example/m.png', previewUrl: null, description: 'alt' }],
  poll: { options: [{ title: 'a', votes: 1 }], votes: 1, voters: null, multiple: false, expiresAt: null, expired: false },
  emojis: [],
  boostedBy: [{ handle: 'bo@social.example', name: 'Bo', url: null, avatarUrl: null, emojis: [] }],
  enrichment: null,
  topics: [],
  ...over,
});

describe('items: the new fields', () => {
  it('round-trip through SQLite', () => {
    const store = openStore(':memory:');
    const item = store.items.insert(row());
    expect(store.items.get(item.id)).toEqual(item);
    expect(store.items.get(item.id)!.author.followers).toBe(250_000);
    store.items.update({ ...item, author: { ...item.author, followers: null } });
    expect(store.items.get(item.id)!.author.followers).toBeNull();
    store.close();
  });

  it('a data dir from before them (schema 3) opens with empty defaults, nothing lost', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nr-items-')), 'newsroom.db');
    const db = new Database(path);
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) db.exec(m.sql);
    db.pragma('user_version = 3');
    db.prepare(
      `INSERT INTO items (seq, source_id, platform, native_id, author_handle, author_name, text, html, tags, created_at, ingested_at, visibility)
       VALUES (1, 's', 'mastodon', 'u1', 'ana@social.example', 'Ana', 'old', '<p>old</p>', '[]', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'public')`,
    ).run();
    db.close();
    const store = openStore(path);
    expect(store.items.findByNative('mastodon', 'u1')).toMatchObject({
      text: 'old',
      contentWarning: null,
      sensitive: false,
      media: [],
      poll: null,
      emojis: [],
      boostedBy: [],
      // Reach unknown, never zero: a reach rule must not fire (nor match "under N") on old rows.
      author: { handle: 'ana@social.example', emojis: [], followers: null },
    });
    store.close();
  });
});

describe('mastodon re-check list', () => {
  it('tracks, looks up, takes turns through its window and prunes', () => {
    const store = openStore(':memory:');
    const repo = store.mastodonRecent;
    repo.track('s', [{ localId: 'old', uri: 'u:old', editedAt: null, recheck: true }], 0);
    repo.track('s', Array.from({ length: 10 }, (_, i) => ({ localId: `n${i}`, uri: `u:${i}`, editedAt: null, recheck: true })), 10 * 60_000);
    repo.track('s', [{ localId: 'boost', uri: 'u:3', editedAt: null, recheck: false }], 10 * 60_000);
    repo.track('other', [{ localId: 'n1', uri: 'elsewhere', editedAt: null, recheck: true }], 10 * 60_000);
    expect(repo.lookup('s', ['n1', 'boost', 'nope'])).toEqual(new Map([['n1', { uri: 'u:1', editedAt: null }], ['boost', { uri: 'u:3', editedAt: null }]]));
    // The window holds what this source saw since then, to re-check (not a boost's own id).
    expect(repo.windowSize('s', 5 * 60_000)).toBe(10);
    expect(repo.window('s', 5 * 60_000, 4, 8).map((r) => r.localId)).toEqual(['n8', 'n9']);
    // A malformed row (no URI) never overwrites a known URI.
    repo.track('s', [{ localId: 'n2', uri: '', editedAt: null, recheck: false }], 11 * 60_000);
    expect(repo.lookup('s', ['n2']).get('n2')?.uri).toBe('u:2');
    repo.prune('s', 5 * 60_000, 5);
    expect(repo.lookup('s', ['old']).size).toBe(0);
    expect(repo.windowSize('s', 0)).toBeLessThanOrEqual(5);
    expect(repo.lookup('other', ['n1']).get('n1')?.uri).toBe('elsewhere');
    store.close();
  });
});
