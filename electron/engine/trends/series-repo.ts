import type Database from 'better-sqlite3';
import type { SeriesPoint, TrendTopic } from '../../../shared/alerts.js';

/** Per-epoch volume and sentiment per series ('all', 'topic:<id>', 'query:<rule id>') and the topics. */
export class SeriesRepo {
  private readonly upsertPoint: Database.Statement;
  private readonly upsertTopic: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsertPoint = db.prepare(
      `INSERT INTO trend_series (key, at, volume, sentiment, sentiment_count, expected, significance)
       VALUES (@key, @at, @volume, @sentiment, @sentimentCount, @expected, @significance)
       ON CONFLICT (key, at) DO UPDATE SET volume = excluded.volume, sentiment = excluded.sentiment,
         sentiment_count = excluded.sentiment_count, expected = excluded.expected, significance = excluded.significance`,
    );
    this.upsertTopic = db.prepare(
      `INSERT INTO trend_topics (id, data, last_seen_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, last_seen_at = excluded.last_seen_at`,
    );
  }

  /** Writes one epoch in one transaction and drops everything older than `keepSince` (ISO). */
  writeEpoch(points: ReadonlyArray<{ key: string; point: SeriesPoint }>, topics: readonly TrendTopic[], keepSince: string): void {
    this.db.transaction(() => {
      for (const { key, point } of points) this.upsertPoint.run({ key, ...point });
      for (const t of topics) this.upsertTopic.run(t.id, JSON.stringify(t), t.lastSeenAt);
      this.db.prepare('DELETE FROM trend_series WHERE at < ?').run(keepSince);
      this.db.prepare('DELETE FROM trend_topics WHERE last_seen_at < ?').run(keepSince);
    })();
  }

  /** The latest `limit` points of a series since `since` (ISO), oldest first. */
  series(key: string, since: string, limit = 1000): SeriesPoint[] {
    const rows = this.db
      .prepare(
        `SELECT at, volume, sentiment, sentiment_count AS sentimentCount, expected, significance FROM trend_series
         WHERE key = ? AND at >= ? ORDER BY at DESC LIMIT ?`,
      )
      .all(key, since, limit) as SeriesPoint[];
    return rows.reverse();
  }

  /** Topics seen since `since`, most recent first. */
  topics(since: string, limit = 100): TrendTopic[] {
    const rows = this.db
      .prepare('SELECT data FROM trend_topics WHERE last_seen_at >= ? ORDER BY last_seen_at DESC LIMIT ?')
      .all(since, limit) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as TrendTopic);
  }
}
