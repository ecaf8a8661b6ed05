import type Database from 'better-sqlite3';
import type { Change, ChangeEnvelope } from '../../../shared/changes.js';
import type { Item } from '../../../shared/domain.js';

type ItemChange = Extract<Change, { item: Item }>;

/**
 * The payload of an item change row whose item is the items row of the same seq (the item's
 * current version): the row references the item instead of repeating it, and a replay reads the
 * item back from its row. Written only by appendItem (and migration 11), which keeps the rule:
 * when the item moves on to a newer version, this row first gets its own copy of the version it
 * announced (keepVersion), so a replay still shows every version as it was.
 */
const ITEM_REF = '';

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
  private readonly keepVersion: Database.Statement;

  /** `itemById` reads an item's current row (what a referencing change row announces). */
  constructor(
    private readonly db: Database.Database,
    private readonly itemById: (id: number) => Item | null,
  ) {
    this.last = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM changes').get() as { s: number }).s;
    this.insert = db.prepare('INSERT INTO changes (seq, kind, payload, at, item_id) VALUES (?, ?, ?, ?, ?)');
    this.since = db.prepare('SELECT seq, kind, payload, item_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
    // Each earlier payload keeps its own seq (so a replica's ordering rule still holds) and gets the rest from the tombstone.
    // A referencing row's seq is its item's seq.
    this.redact = db.prepare(
      `UPDATE changes SET payload = CASE payload
         WHEN '${ITEM_REF}' THEN json_object('kind', kind, 'item', json_set(json(@item), '$.seq', seq))
         ELSE json_set(payload, '$.item', json_set(json(@item), '$.seq', json_extract(payload, '$.item.seq'))) END
       WHERE item_id = @id AND kind IN ('item.added', 'item.updated')`,
    );
    this.keepVersion = db.prepare(
      `UPDATE changes SET payload = json_object('kind', kind, 'item', json(@item)) WHERE seq = @seq AND item_id = @id AND payload = '${ITEM_REF}'`,
    );
  }

  currentSeq(): number {
    return this.last;
  }

  /** The seq the next append inside the current transaction will get. */
  nextSeq(): number {
    return this.last + 1;
  }

  /** Must be called inside Store.write(). Item changes go through appendItem (it keeps the references right). */
  append(change: Exclude<Change, ItemChange>, at: string): ChangeEnvelope {
    const seq = this.last + 1;
    this.insert.run(seq, change.kind, JSON.stringify(change), at, null);
    this.last = seq;
    const env = { seq, change };
    this.pending.push(env);
    return env;
  }

  /**
   * Appends an item change whose item was just written to its row with this change's seq (the
   * pipeline's and the re-tagger's writes): the row stores a reference, not the item, so the item is
   * written once. `previous` is the version the write replaced (null for a new item): its change
   * row gets its own copy of it. Must be called inside Store.write(), after the item's row is written.
   */
  appendItem(change: ItemChange, at: string, previous: Item | null): ChangeEnvelope {
    const seq = this.last + 1;
    if (change.item.seq !== seq) throw new Error(`appendItem: the item's seq ${change.item.seq} is not the change's ${seq}`);
    if (previous) this.keepVersion.run({ seq: previous.seq, id: previous.id, item: JSON.stringify(previous) });
    this.insert.run(seq, change.kind, ITEM_REF, at, change.item.id);
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
    const rows = this.since.all(seq, limit) as Array<{ seq: number; kind: string; payload: string; item_id: number | null }>;
    return rows.map((r) => ({ seq: r.seq, change: r.payload === ITEM_REF ? this.referenced(r.seq, r.kind, r.item_id) : upgrade(JSON.parse(r.payload) as Change) }));
  }

  /** The change a referencing row announces: its item as its row holds it. */
  private referenced(seq: number, kind: string, itemId: number | null): Change {
    const item = itemId === null ? null : this.itemById(itemId);
    // Items rows are never removed (a delete keeps a tombstone), so this is a damaged data dir.
    if (!item) throw new Error(`change ${seq} refers to item ${String(itemId)}, which this data dir no longer has`);
    // A writer that moved the item on without appendItem left this row behind: it keeps its own seq
    // and takes the content from the row, as a redacted row does.
    return { kind, item: item.seq === seq ? item : { ...item, seq } } as ItemChange;
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
