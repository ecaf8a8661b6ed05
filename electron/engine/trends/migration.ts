import type Database from 'better-sqlite3';

/**
 * Issue 11's tables in one self-contained migration, to be appended at the END of
 * store/migrations.ts MIGRATIONS (its version renumbered there if another issue came first).
 * Until then the repositories' tests apply it with `applyTrendsAlertsSchema`.
 */
export const TRENDS_ALERTS_MIGRATION = {
  version: 7,
  name: 'trends (series, topics), alerts (rules, alerts, channels, dead letters) and wall layouts',
  sql: `
    CREATE TABLE trend_series (
      key TEXT NOT NULL,
      at TEXT NOT NULL,
      volume REAL NOT NULL,
      sentiment REAL,
      sentiment_count INTEGER NOT NULL,
      expected REAL,
      significance REAL,
      PRIMARY KEY (key, at)
    ) WITHOUT ROWID;
    CREATE INDEX trend_series_at ON trend_series (at);
    CREATE TABLE trend_topics (
      id TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    );
    CREATE INDEX trend_topics_seen ON trend_topics (last_seen_at);
    CREATE TABLE alert_rules (
      id TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      rule_id TEXT NOT NULL,
      subject TEXT NOT NULL,
      severity TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      ack_by TEXT,
      ack_at TEXT
    );
    CREATE INDEX alerts_created ON alerts (created_at);
    CREATE INDEX alerts_rule_subject ON alerts (rule_id, subject, created_at);
    CREATE TABLE alert_channels (
      id TEXT PRIMARY KEY,
      config TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE alert_dead_letters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel_id TEXT NOT NULL,
      alert_id TEXT NOT NULL,
      alert TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      error TEXT NOT NULL,
      first_attempt_at TEXT NOT NULL,
      last_attempt_at TEXT NOT NULL
    );
    CREATE TABLE wall_layouts (
      wall_id TEXT PRIMARY KEY,
      layout TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
} as const;

/** For tests and benches before the lead appends the migration to the store's list. */
export function applyTrendsAlertsSchema(db: Database.Database): void {
  db.exec(TRENDS_ALERTS_MIGRATION.sql);
}
