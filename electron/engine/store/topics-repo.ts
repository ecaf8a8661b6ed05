import type Database from 'better-sqlite3';
import type { Sentiment } from '../../../shared/understanding.js';
import type { Topic, TopicKind } from '../../../shared/topics.js';

interface TopicRow {
  id: string;
  name: string;
  kind: TopicKind;
  query: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  query: r.query,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** One hour's counts of a topic's posts (by the posts' own creation time, UTC). */
export interface TopicHour {
  topicId: string;
  /** `YYYY-MM-DDTHH` (UTC). */
  hour: string;
  posts: number;
  positive: number;
  negative: number;
}

export interface TopicCountBatch {
  /** As TopicsRepo.count, held until flush. */
  count(topicIds: readonly string[], createdAt: string, sentiment: Sentiment | null, delta: 1 | -1): void;
  flush(): void;
}

/** The UTC hour bucket of an ISO time: `2026-11-22T10:15:00.000Z` → `2026-11-22T10`. */
export const hourOf = (iso: string): string => iso.slice(0, 13);

/**
 * Topics and their hourly counts. The counts are kept in step with the items in the same
 * transaction (ingest, edits, deletes, re-tags), so share of voice never scans the items.
 */
export class TopicsRepo {
  private readonly all: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly del: Database.Statement;
  private readonly delHours: Database.Statement;
  private readonly bump: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.all = db.prepare('SELECT * FROM topics ORDER BY name COLLATE NOCASE');
    this.byId = db.prepare('SELECT * FROM topics WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO topics (id, name, kind, query, created_at, updated_at, updated_by) VALUES (@id, @name, @kind, @query, @createdAt, @updatedAt, @updatedBy)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, query = excluded.query, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    this.del = db.prepare('DELETE FROM topics WHERE id = ?');
    this.delHours = db.prepare('DELETE FROM topic_hours WHERE topic_id = ?');
    this.bump = db.prepare(
      `INSERT INTO topic_hours (topic_id, hour, posts, positive, negative) VALUES (@topic, @hour, @posts, @positive, @negative)
       ON CONFLICT (topic_id, hour) DO UPDATE SET posts = posts + excluded.posts, positive = positive + excluded.positive, negative = negative + excluded.negative`,
    );
  }

  list(): Topic[] {
    return (this.all.all() as TopicRow[]).map(toTopic);
  }

  get(id: string): Topic | null {
    const r = this.byId.get(id) as TopicRow | undefined;
    return r ? toTopic(r) : null;
  }

  /** Inserts or updates (by id; `createdAt` of an existing topic is kept). Throws on a duplicate name. */
  save(topic: Topic): void {
    this.upsert.run(topic);
  }

  /** Removes the topic and its counts. */
  remove(id: string): boolean {
    this.delHours.run(id);
    return this.del.run(id).changes > 0;
  }

  /**
   * Adds (`delta` 1) or takes back (`delta` -1) one post in each of `topicIds`' hour. Must run in
   * the transaction that stores the post's topics.
   */
  count(topicIds: readonly string[], createdAt: string, sentiment: Sentiment | null, delta: 1 | -1): void {
    if (topicIds.length === 0) return;
    const hour = hourOf(createdAt);
    const positive = sentiment === 'positive' ? delta : 0;
    const negative = sentiment === 'negative' ? delta : 0;
    for (const topic of topicIds) this.bump.run({ topic, hour, posts: delta, positive, negative });
  }

  /**
   * Counts for a batch of posts, summed in memory and written by `flush` with one statement per
   * topic and hour (a batch's posts mostly share their hour) instead of one per post and topic:
   * the same sums as `count`. Flush in the transaction that stores the posts' topics.
   */
  batch(): TopicCountBatch {
    const sums = new Map<string, { topic: string; hour: string; posts: number; positive: number; negative: number }>();
    return {
      count(topicIds, createdAt, sentiment, delta) {
        if (topicIds.length === 0) return;
        const hour = hourOf(createdAt);
        for (const topic of topicIds) {
          const key = `${topic}\u0000${hour}`;
          let sum = sums.get(key);
          if (!sum) sums.set(key, (sum = { topic, hour, posts: 0, positive: 0, negative: 0 }));
          sum.posts += delta;
          if (sentiment === 'positive') sum.positive += delta;
          else if (sentiment === 'negative') sum.negative += delta;
        }
      },
      flush: () => {
        for (const sum of sums.values()) if (sum.posts !== 0 || sum.positive !== 0 || sum.negative !== 0) this.bump.run(sum);
        sums.clear();
      },
    };
  }

  /** Hourly counts of the given topics in `[fromHour, toHour]` (inclusive, `YYYY-MM-DDTHH`), oldest first. */
  hours(topicIds: readonly string[], fromHour: string, toHour: string): TopicHour[] {
    if (topicIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT topic_id AS topicId, hour, posts, positive, negative FROM topic_hours
         WHERE topic_id IN (${topicIds.map(() => '?').join(', ')}) AND hour >= ? AND hour <= ? AND posts > 0 ORDER BY hour, topic_id`,
      )
      .all(...topicIds, fromHour, toHour) as TopicHour[];
    return rows;
  }
}
