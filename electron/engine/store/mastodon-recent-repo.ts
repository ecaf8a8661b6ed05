import type Database from 'better-sqlite3';

export interface RecentStatus {
  /** The status's id on the source's server (what its lookups need; items keep the URI). */
  localId: string;
  uri: string;
  editedAt: string | null;
  /** Epoch ms when this source first stored it. */
  seenAt: number;
}

/**
 * What a Mastodon source stored lately, by the server's local id: the re-check list (edits and
 * deletions are looked for among these), the seen-set of the trailing re-read (what is already
 * stored needs no second pass through the pipeline) and the local id → URI map replies need.
 * In SQLite, so a restart still follows posts from before it. `recheck` is 0 for rows kept only
 * as "seen" (a boost's own id: its boosted post is the one re-checked).
 */
export class MastodonRecentRepo {
  private readonly upsert: Database.Statement;
  private readonly getOne: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO mastodon_recent (source_id, local_id, uri, edited_at, seen_at, recheck) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, local_id) DO UPDATE SET uri = CASE WHEN excluded.uri = '' THEN uri ELSE excluded.uri END,
         edited_at = excluded.edited_at, recheck = MAX(recheck, excluded.recheck)`,
    );
    this.getOne = db.prepare('SELECT uri, edited_at FROM mastodon_recent WHERE source_id = ? AND local_id = ?');
  }

  track(sourceId: string, rows: ReadonlyArray<{ localId: string; uri: string; editedAt: string | null; recheck: boolean }>, now: number): void {
    for (const r of rows) this.upsert.run(sourceId, r.localId, r.uri, r.editedAt, now, r.recheck ? 1 : 0);
  }

  /** The known ones among `localIds`, with their URI and last seen edit. */
  lookup(sourceId: string, localIds: readonly string[]): Map<string, { uri: string; editedAt: string | null }> {
    const out = new Map<string, { uri: string; editedAt: string | null }>();
    for (const id of new Set(localIds)) {
      const r = this.getOne.get(sourceId, id) as { uri: string; edited_at: string | null } | undefined;
      if (r) out.set(id, { uri: r.uri, editedAt: r.edited_at });
    }
    return out;
  }

  /** Re-check candidates seen since `sinceMs`, oldest first, `limit` of them from `offset`. */
  window(sourceId: string, sinceMs: number, limit: number, offset = 0): RecentStatus[] {
    const rows = this.db
      .prepare(
        `SELECT local_id, uri, edited_at, seen_at FROM mastodon_recent WHERE source_id = ? AND recheck = 1 AND seen_at >= ?
         ORDER BY seen_at, local_id LIMIT ? OFFSET ?`,
      )
      .all(sourceId, sinceMs, limit, offset) as Array<{ local_id: string; uri: string; edited_at: string | null; seen_at: number }>;
    return rows.map((r) => ({ localId: r.local_id, uri: r.uri, editedAt: r.edited_at, seenAt: r.seen_at }));
  }

  windowSize(sourceId: string, sinceMs: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM mastodon_recent WHERE source_id = ? AND recheck = 1 AND seen_at >= ?').get(sourceId, sinceMs) as { n: number }).n;
  }

  setEditedAt(sourceId: string, localId: string, editedAt: string | null): void {
    this.db.prepare('UPDATE mastodon_recent SET edited_at = ? WHERE source_id = ? AND local_id = ?').run(editedAt, sourceId, localId);
  }

  forget(sourceId: string, localId: string): void {
    this.db.prepare('DELETE FROM mastodon_recent WHERE source_id = ? AND local_id = ?').run(sourceId, localId);
  }

  /** Drops rows seen before `beforeMs`, and the oldest beyond `max` per source. */
  prune(sourceId: string, beforeMs: number, max = 10_000): void {
    this.db.prepare('DELETE FROM mastodon_recent WHERE source_id = ? AND seen_at < ?').run(sourceId, beforeMs);
    this.db
      .prepare(
        `DELETE FROM mastodon_recent WHERE source_id = @s AND local_id IN (
           SELECT local_id FROM mastodon_recent WHERE source_id = @s ORDER BY seen_at DESC, local_id DESC LIMIT -1 OFFSET @max)`,
      )
      .run({ s: sourceId, max });
  }
}
