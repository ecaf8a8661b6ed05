import type Database from 'better-sqlite3';
import { TRENDS_ALERTS_MIGRATION } from '../trends/migration.js';
import { QUEUE_MIGRATION } from '../queue/wiring/queue-migration.js';
import { CHANGE_REFS_MIGRATION } from './change-refs-migration.js';
import { CUSTOMER_TAGS_MIGRATION } from '../queue/wiring/customer-tags-migration.js';

/**
 * Append-only: a shipped migration is never edited, a change is a new entry.
 * `PRAGMA user_version` records how far a data dir has come.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'change feed, sources, items, users',
    sql: `
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        config TEXT NOT NULL,
        has_token INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'ok',
        last_poll_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        removed_at TEXT
      );
      CREATE TABLE source_cursors (
        source_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (source_id, key)
      );
      CREATE TABLE items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        seq INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        native_id TEXT NOT NULL,
        url TEXT,
        author_handle TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_url TEXT,
        author_avatar TEXT,
        text TEXT NOT NULL,
        html TEXT NOT NULL,
        lang TEXT,
        tags TEXT NOT NULL,
        created_at TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        reply_to TEXT,
        edited_at TEXT,
        deleted_at TEXT,
        UNIQUE (platform, native_id)
      );
      CREATE INDEX items_created_at ON items (created_at);
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'publishing: accounts, posts, attempts (outbox), freeze, suggestions, audit',
    sql: `
      CREATE TABLE publish_accounts (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        instance_url TEXT NOT NULL,
        handle TEXT,
        remote_account_id TEXT,
        profile_url TEXT,
        require_approval INTEGER NOT NULL DEFAULT 1,
        has_token INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        removed_at TEXT
      );
      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        text TEXT NOT NULL,
        in_reply_to TEXT,
        scheduled_at TEXT,
        time_zone TEXT NOT NULL,
        status TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        author TEXT NOT NULL,
        approved_by TEXT,
        note TEXT,
        remote_id TEXT,
        remote_url TEXT,
        not_before TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX posts_status_due ON posts (status, scheduled_at);
      CREATE INDEX posts_account ON posts (account_id, status);
      CREATE TABLE post_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        post_id TEXT NOT NULL REFERENCES posts (id),
        revision INTEGER NOT NULL,
        freeze_epoch INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT,
        error TEXT,
        remote_id TEXT,
        remote_url TEXT
      );
      CREATE INDEX post_attempts_post ON post_attempts (post_id, id);
      CREATE INDEX post_attempts_open ON post_attempts (outcome) WHERE outcome IS NULL;
      CREATE TABLE freeze_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        frozen INTEGER NOT NULL DEFAULT 0,
        epoch INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        scope TEXT NOT NULL DEFAULT '{"kind":"all"}',
        by_user TEXT,
        since TEXT,
        expires_at TEXT,
        pending_lift_by TEXT,
        pending_lift_at TEXT,
        lift_requires_second_person INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO freeze_state (id) VALUES (1);
      CREATE TABLE freeze_suggestions (
        id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        evidence TEXT NOT NULL,
        by_user TEXT NOT NULL,
        at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolution TEXT
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        details TEXT
      );
      CREATE INDEX audit_entity ON audit (entity, entity_id, id);
    `,
  },
  {
    version: 3,
    name: "items: visibility (followers-only and direct posts stay off the room's wall)",
    sql: `ALTER TABLE items ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public';`,
  },
  {
    version: 4,
    name: 'feed id (a replaced data dir is another feed); change rows know their item, and deleted items are redacted in them',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta (key, value) VALUES ('feed_id', lower(hex(randomblob(16))));
      ALTER TABLE changes ADD COLUMN item_id INTEGER;
      UPDATE changes SET item_id = json_extract(payload, '$.item.id') WHERE kind IN ('item.added', 'item.updated', 'item.deleted');
      CREATE INDEX changes_item ON changes (item_id) WHERE item_id IS NOT NULL;
      UPDATE changes SET payload = json_set(payload, '$.item.text', '', '$.item.html', '')
        WHERE kind IN ('item.added', 'item.updated') AND item_id IN (SELECT id FROM items WHERE deleted_at IS NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'items: content warning, sensitive, media, poll, custom emoji, boosters; Mastodon re-check list',
    sql: `
      ALTER TABLE items ADD COLUMN content_warning TEXT;
      ALTER TABLE items ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN media TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN poll TEXT;
      ALTER TABLE items ADD COLUMN emojis TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN author_emojis TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN boosted_by TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE mastodon_recent (
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        uri TEXT NOT NULL,
        edited_at TEXT,
        seen_at INTEGER NOT NULL,
        recheck INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (source_id, local_id)
      ) WITHOUT ROWID;
      CREATE INDEX mastodon_recent_seen ON mastodon_recent (source_id, seen_at);
    `,
  },
  {
    version: 6,
    name: 'understanding: items carry their enrichment and topics; topics; hourly topic counts (share of voice)',
    sql: `
      ALTER TABLE items ADD COLUMN enrichment TEXT;
      ALTER TABLE items ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        query TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE UNIQUE INDEX topics_name ON topics (name COLLATE NOCASE);
      CREATE TABLE topic_hours (
        topic_id TEXT NOT NULL,
        hour TEXT NOT NULL,
        posts INTEGER NOT NULL DEFAULT 0,
        positive INTEGER NOT NULL DEFAULT 0,
        negative INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (topic_id, hour)
      ) WITHOUT ROWID;
    `,
  },
  // issue 11
  TRENDS_ALERTS_MIGRATION,
  // issue 12
  QUEUE_MIGRATION,
  // issue 11/12: reach (alert author rules, triage reach conditions)
  {
    version: 9,
    name: "items carry their author's follower count (null: unknown, and for rows stored before)",
    sql: `ALTER TABLE items ADD COLUMN author_followers INTEGER;`,
  },
  // session 15: queue
  CUSTOMER_TAGS_MIGRATION,
  // session 15: issue 10's ingest budget
  CHANGE_REFS_MIGRATION,
];

export function migrate(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `This data dir was written by a newer Newsroom (schema ${from}, this build knows ${latest}). Upgrade Newsroom or use another --data dir.`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: latest };
}
