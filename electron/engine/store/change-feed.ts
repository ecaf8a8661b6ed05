import type Database from 'better-sqlite3';
import type { Change, ChangeEnvelope } from '../../../shared/changes.js';
import type { Item } from '../../../shared/domain.js';

/**
 * Every committed change gets the next seq, written in the same transaction as the change itself,
 * so a reader resuming after N sees exactly the changes after N. One process writes a data dir,
 * so the next seq is kept in memory and rolled back with the transaction.
 */
export class ChangeFeed {
  private last: number;
  private pending: ChangeEnvelope[] = [];
  private readonly listeners = new Set<(envs: ChangeEnvelope[]) => void>();
  private readonly insert: Database.Statement;
  private readonly since: Database.Statement;
  private readonly redact: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.last = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM changes').get() as { s: number }).s;
    this.insert = db.prepare('INSERT INTO changes (seq, kind, payload, at, item_id) VALUES (?, ?, ?, ?, ?)');
    this.since = db.prepare('SELECT seq, payload FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
    // Each earlier payload keeps its own seq (so a replica's ordering rule still holds) and gets the rest from the tombstone.
    this.redact = db.prepare(
      `UPDATE changes SET payload = json_set(payload, '$.item', json_set(json(@item), '$.seq', json_extract(payload, '$.item.seq')))
       WHERE item_id = @id AND kind IN ('item.added', 'item.updated')`,
    );
  }

  currentSeq(): number {
    return this.last;
  }

  /** The seq the next append inside the current transaction will get. */
  nextSeq(): number {
    return this.last + 1;
  }

  /** Must be called inside Store.write(). */
  append(change: Change, at: string): ChangeEnvelope {
    const seq = this.last + 1;
    const itemId = change.kind === 'item.added' || change.kind === 'item.updated' || change.kind === 'item.deleted' ? change.item.id : null;
    this.insert.run(seq, change.kind, JSON.stringify(change), at, itemId);
    this.last = seq;
    const env = { seq, change };
    this.pending.push(env);
    return env;
  }

  /**
   * A deleted item's words must not outlive it in the feed: every earlier change of it is rewritten
   * to carry the tombstone instead, so a replay (a new wall, a resumed desk) never shows them again.
   * Must be called inside Store.write(), with the delete.
   */
  redactItem(tombstone: Item): void {
    this.redact.run({ id: tombstone.id, item: JSON.stringify(tombstone) });
  }

  changesSince(seq: number, limit: number): ChangeEnvelope[] {
    const rows = this.since.all(seq, limit) as Array<{ seq: number; payload: string }>;
    return rows.map((r) => ({ seq: r.seq, change: upgrade(JSON.parse(r.payload) as Change) }));
  }

  subscribe(listener: (envs: ChangeEnvelope[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @internal Store.write() bookkeeping. */
  begin(): { seq: number; pending: number } {
    return { seq: this.last, pending: this.pending.length };
  }

  /** @internal */
  rollback(mark: { seq: number; pending: number }): void {
    this.last = mark.seq;
    this.pending.length = mark.pending;
  }

  /** @internal Called after the outermost commit: listeners see only durable changes. */
  flush(): void {
    if (this.pending.length === 0) return;
    const envs = this.pending;
    this.pending = [];
    for (const l of this.listeners) {
      try {
        l(envs);
      } catch {
        // A failing listener (a closed socket, say) must not stop the others or the writer.
      }
    }
  }
}

/** A change stored before an Item field existed reads back with that field's empty value. */
function upgrade(change: Change): Change {
  if ((change.kind === 'item.added' || change.kind === 'item.updated' || change.kind === 'item.deleted') && change.item.topics === undefined) {
    // Written before issue 10: the item had no understanding yet.
    change.item.enrichment ??= null;
    change.item.topics = [];
  }
  return change;
}
