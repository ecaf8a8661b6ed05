import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.js';
import { openStore } from '../../../electron/engine/store/store.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'nr-store-')), 'newsroom.db');
const source = (id: string) => ({
  id,
  platform: 'mastodon' as const,
  name: id,
  config: { instanceUrl: 'https://x.example', hashtags: ['a'], terms: [], mentions: false },
  hasToken: false,
  createdAt: '2026-11-22T12:00:00.000Z',
});

describe('store', () => {
  it('migrates an empty file to the latest schema in WAL mode', () => {
    const path = tmp();
    const store = openStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    store.close();
    // Reopening is a no-op migration and keeps the data.
    const again = openStore(path);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    again.close();
  });

  it('refuses a data dir from a newer schema with advice', () => {
    const path = tmp();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openStore(path)).toThrow(/newer Newsroom/);
  });

  it('gives each committed change the next seq, and tells listeners only after commit', () => {
    const store = openStore(tmp());
    const seen: ChangeEnvelope[] = [];
    store.changes.subscribe((envs) => seen.push(...envs));
    store.write(() => {
      store.sources.add(source('s1'));
      store.changes.append({ kind: 'source.removed', id: 's1' }, 'now');
      expect(seen).toHaveLength(0);
      store.changes.append({ kind: 'source.removed', id: 's2' }, 'now');
    });
    expect(seen.map((e) => e.seq)).toEqual([1, 2]);
    expect(store.changes.currentSeq()).toBe(2);
    store.close();
  });

  it('rolls back rows and seq together when a write throws', () => {
    const store = openStore(tmp());
    const seen: ChangeEnvelope[] = [];
    store.changes.subscribe((envs) => seen.push(...envs));
    expect(() =>
      store.write(() => {
        store.sources.add(source('s1'));
        store.changes.append({ kind: 'source.removed', id: 's1' }, 'now');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.sources.list()).toHaveLength(0);
    expect(store.changes.currentSeq()).toBe(0);
    expect(seen).toHaveLength(0);
    store.write(() => store.changes.append({ kind: 'source.removed', id: 'x' }, 'now'));
    expect(store.changes.changesSince(0, 10).map((e) => e.seq)).toEqual([1]);
    store.close();
  });

  it('resumes the change feed exactly after a given seq, across a reopen', () => {
    const path = tmp();
    const store = openStore(path);
    for (let i = 0; i < 25; i++) store.write(() => store.changes.append({ kind: 'source.removed', id: `s${i}` }, 'now'));
    store.close();
    const reopened = openStore(path);
    expect(reopened.changes.currentSeq()).toBe(25);
    const after10 = reopened.changes.changesSince(10, 100);
    expect(after10.map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
    expect(after10[0]!.change).toEqual({ kind: 'source.removed', id: 's10' });
    reopened.write(() => reopened.changes.append({ kind: 'source.removed', id: 'next' }, 'now'));
    expect(reopened.changes.changesSince(25, 10).map((e) => e.seq)).toEqual([26]);
    reopened.close();
  });

  it('keeps cursors per source and key', () => {
    const store = openStore(tmp());
    store.sources.setCursor('s1', 'tag:a', '100');
    store.sources.setCursor('s1', 'tag:a', '200');
    store.sources.setCursor('s2', 'tag:a', '5');
    expect(store.sources.getCursor('s1', 'tag:a')).toBe('200');
    expect(store.sources.getCursor('s2', 'tag:a')).toBe('5');
    expect(store.sources.getCursor('s1', 'missing')).toBeNull();
    store.close();
  });

  it('shows a paused source as paused whatever its last health', () => {
    const store = openStore(tmp());
    store.sources.add(source('s1'));
    store.sources.setHealth('s1', { status: 'degraded', lastPollAt: null, lastError: 'HTTP 500' });
    store.sources.setPaused('s1', true);
    expect(store.sources.get('s1')!.status).toBe('paused');
    store.sources.setPaused('s1', false);
    expect(store.sources.get('s1')).toMatchObject({ status: 'degraded', lastError: 'HTTP 500' });
    store.close();
  });
});
