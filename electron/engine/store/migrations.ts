import type Database from 'better-sqlite3';

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
