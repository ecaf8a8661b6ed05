import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/create-engine.js';
import type { LanguageDetector } from '../../../electron/engine/enrich/index.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.js';
import { openStore } from '../../../electron/engine/store/store.js';
import type { Item } from '../../../shared/domain.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { memorySecrets, quietLog } from '../publish/harness.js';

describe('migration 6 (understanding) from a v5 data dir', () => {
  it('opens a v5 data dir: items and their stored changes read back with no enrichment and no topics, nothing lost', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nr-v5-')), 'newsroom.db');
    const db = new Database(path);
    for (const m of MIGRATIONS.filter((x) => x.version <= 5)) db.exec(m.sql);
    db.pragma('user_version = 5');
    db.prepare(
      `INSERT INTO items (seq, source_id, platform, native_id, author_handle, author_name, text, html, tags, created_at, ingested_at, visibility)
       VALUES (1, 's', 'mastodon', 'u1', 'ana@social.example', 'Ana', 'old words', '<p>old words</p>', '["coffee"]', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'public')`,
    ).run();
    // A change written by the v5 engine: its item has neither field.
    const v5item = { id: 1, seq: 1, sourceId: 's', platform: 'mastodon', nativeId: 'u1', text: 'old words', tags: ['coffee'] };
    db.prepare('INSERT INTO changes (seq, kind, payload, at, item_id) VALUES (1, ?, ?, ?, 1)').run('item.added', JSON.stringify({ kind: 'item.added', item: v5item }), '2025-01-01T00:00:00Z');
    db.close();

    const store = openStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.items.findByNative('mastodon', 'u1')).toMatchObject({ text: 'old words', tags: ['coffee'], enrichment: null, topics: [] });
    const [env] = store.changes.changesSince(0, 10);
    expect((env!.change as { item: Item }).item).toMatchObject({ text: 'old words', enrichment: null, topics: [] });
    expect(store.topics.list()).toEqual([]);
    expect(store.topics.hours(['x'], '2025', '2027')).toEqual([]);
    // The new columns take new values.
    const fresh = store.items.insert({ ...store.items.findByNative('mastodon', 'u1')!, nativeId: 'u2', topics: ['kettlebird'] });
    expect(store.items.get(fresh.id)!.topics).toEqual(['kettlebird']);
    store.close();
  });
});

describe('the engine loads the language detector at start, in the background', () => {
  it('enriches at once with the platform language, and uses the detector once it is in', async () => {
    let release!: (d: LanguageDetector) => void;
    let loads = 0;
    const loadDetector = () => {
      loads++;
      return new Promise<LanguageDetector>((resolve) => (release = resolve));
    };
    const store = openStore(':memory:');
    const engine = createEngine({ clock: new FakeClock(), store, http: fetch, secrets: memorySecrets(), log: quietLog, understanding: { loadDetector } });
    await engine.start();
    expect(loads).toBe(1);
    // Mastodon fills `language` from the author's default: "en" on a German post is common.
    const german = '<p>Ich habe gestern bei euch bestellt und der Kaffee ist nicht angekommen, das ist wirklich nicht in Ordnung</p>';
    engine.pipeline.ingest('s', [{ op: 'upsert', post: post({ html: german, lang: 'en' }) }]);
    expect(store.items.list({ limit: 1 })[0]!.enrichment!.lang).toMatchObject({ value: 'en', source: 'platform' });
    release({ detect: () => ({ lang: 'de', reliable: true }) });
    expect(await engine.understanding.detectorReady).toBe(true);
    engine.pipeline.ingest('s', [{ op: 'upsert', post: post({ html: german, lang: 'en' }) }]);
    expect(store.items.list({ limit: 1 })[0]!.enrichment!.lang).toMatchObject({ value: 'de', source: 'detector' });
    // A restart of the engine does not load it again.
    await engine.stop();
    await engine.start();
    expect(loads).toBe(1);
    await engine.stop();
    store.close();
  });

  it('a detector that fails to load is logged and ingest goes on', async () => {
    const warn: unknown[] = [];
    const log = { ...quietLog, warn: (m: string) => void warn.push(m) };
    const store = openStore(':memory:');
    const engine = createEngine({ clock: new FakeClock(), store, http: fetch, secrets: memorySecrets(), log, understanding: { loadDetector: () => Promise.reject(new Error('no data')) } });
    await engine.start();
    expect(await engine.understanding.detectorReady).toBe(false);
    expect(warn).toEqual([expect.stringMatching(/language detector/)]);
    engine.pipeline.ingest('s', [{ op: 'upsert', post: post() }]);
    expect(store.items.list({ limit: 1 })[0]!.enrichment).not.toBeNull();
    await engine.stop();
    store.close();
  });
});
