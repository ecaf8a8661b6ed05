import type { ChangeEnvelope } from '../../../shared/changes';
import type { Item, SourceView } from '../../../shared/domain';
import type { RetagProgress, Topic } from '../../../shared/topics';
import type { NewsroomDb } from './db';
import {
  bootstrapPublishing,
  clearPublishing,
  collectPublishing,
  isEmptyBatch,
  newPublishingBatch,
  newTouched,
  publishingTables,
  writePublishing,
  type PublishingSnapshot,
  type PublishingTouched,
} from './replica-publishing';

export const DEFAULT_CAP = 5_000;

export interface Snapshot extends PublishingSnapshot {
  items: Item[];
  sources: SourceView[];
  /** Sources the stream touched while the snapshot was in flight: the stream's version is newer. */
  skipSources: ReadonlySet<string>;
  /** The same for the publishing tables. */
  skipPublishing?: PublishingTouched | undefined;
  /** Where the replica is complete once the snapshot is in. */
  cursor: number;
  /** Listening topics (absent from an older hub's snapshot). */
  topics?: Topic[] | undefined;
  /** Topics the stream touched while the snapshot was in flight. */
  skipTopics?: ReadonlySet<string> | undefined;
}

/**
 * The bounded local copy of what the views read. Every write is one Dexie transaction that also
 * moves the cursor, so a reload resumes exactly where the stored data ends: no gap, no duplicate.
 * Items keep the version with the highest `seq`, whichever order versions arrive in (the bootstrap
 * snapshot races the stream). Publishing rows (posts, accounts, freeze, …) have no seq: the stream
 * applies them in order, last one wins (replica-publishing.ts).
 */
export class Replica {
  constructor(
    readonly db: NewsroomDb,
    readonly cap = DEFAULT_CAP,
  ) {}

  /**
   * The stored cursor, after wiping a replica that belongs to another hub or user. Without a cursor
   * (a bootstrap never finished) whatever is stored was streamed without a baseline and may miss
   * later deletes, so it is wiped as well: the bootstrap about to run rebuilds it.
   */
  async open(hubKey: string): Promise<number | null> {
    const { db } = this;
    return db.transaction('rw', this.tables(), async () => {
      const key = await db.meta.get('hubKey');
      const cursor = key?.value === hubKey ? await readCursor(db) : null;
      if (cursor === null) {
        await Promise.all([db.items.clear(), db.sources.clear(), db.topics.clear(), db.meta.clear(), clearPublishing(db)]);
        await db.meta.put({ key: 'hubKey', value: hubKey });
      }
      return cursor;
    });
  }

  async cursor(): Promise<number | null> {
    return readCursor(this.db);
  }

  /** The feed (the hub's data dir) the stored cursor belongs to, when the hub named it. */
  async feedId(): Promise<string | null> {
    const row = await this.db.meta.get('feedId');
    return typeof row?.value === 'string' ? row.value : null;
  }

  async rememberFeed(feedId: string): Promise<void> {
    await this.db.meta.put({ key: 'feedId', value: feedId });
  }

  /** Forget everything but whose replica this is (the hub's history restarted, or the user signed out). */
  async wipe(): Promise<void> {
    const { db } = this;
    await db.transaction('rw', this.tables(), async () => {
      await Promise.all([db.items.clear(), db.sources.clear(), db.topics.clear(), db.meta.delete('cursor'), db.meta.delete('feedId'), db.meta.delete('retag'), clearPublishing(db)]);
    });
  }

  /** Applies a batch in seq order. `writeCursor` is false while a bootstrap is pending (see ReplicaSync). */
  async apply(envs: readonly ChangeEnvelope[], opts: { writeCursor: boolean }): Promise<void> {
    if (envs.length === 0) return;
    const items = new Map<number, Item>();
    const sources = new Map<string, SourceView | null>();
    const topics = new Map<string, Topic | null>();
    let retag: RetagProgress | null = null;
    const publishing = newPublishingBatch();
    let maxSeq = -Infinity;
    for (const env of envs) {
      maxSeq = Math.max(maxSeq, env.seq);
      const c = env.change;
      switch (c.kind) {
        case 'item.added':
        case 'item.updated':
        case 'item.deleted': {
          const item = normalizeItem(c.kind === 'item.deleted' ? tombstone(c.item) : c.item, env.seq);
          const prev = items.get(item.id);
          if (!prev || item.seq >= prev.seq) items.set(item.id, item);
          break;
        }
        case 'source.added':
        case 'source.updated':
          sources.set(c.source.id, c.source);
          break;
        case 'source.removed':
          sources.set(c.id, null);
          break;
        case 'topic.saved':
          topics.set(c.topic.id, c.topic);
          break;
        case 'topic.removed':
          topics.set(c.id, null);
          break;
        case 'topic.retag':
          retag = c.progress;
          break;
        default:
          // Publishing changes go to their own batch; a kind this build doesn't know (newer hub) is
          // skipped and the stream keeps going.
          collectPublishing(publishing, c);
          break;
      }
    }
    const { db } = this;
    // An item-only batch (the wall's steady stream) locks only what it writes, so it never waits
    // on, or holds up, a screen reading posts or the audit trail.
    const scope = isEmptyBatch(publishing) ? [db.items, db.sources, db.meta, db.topics] : this.tables();
    await db.transaction('rw', scope, async () => {
      await this.upsertItems([...items.values()]);
      await writePublishing(db, publishing);
      const puts = [...sources.values()].filter((s): s is SourceView => s !== null);
      const removes = [...sources.entries()].filter(([, s]) => s === null).map(([id]) => id);
      if (puts.length) await db.sources.bulkPut(puts);
      if (removes.length) await db.sources.bulkDelete(removes);
      await writeTopics(db, topics, retag);
      if (opts.writeCursor) {
        const current = await readCursor(db);
        await db.meta.put({ key: 'cursor', value: Math.max(current ?? 0, maxSeq) });
      }
      await this.prune();
    });
  }

  /** Merges a bootstrap snapshot (items, sources, publishing tables) and marks the replica complete up to `cursor`. */
  async bootstrap(snap: Snapshot): Promise<void> {
    const { db } = this;
    await db.transaction('rw', this.tables(), async () => {
      await this.upsertItems(snap.items.map((i) => normalizeItem(i, 0)));
      const sources = snap.sources.filter((s) => !snap.skipSources.has(s.id));
      if (sources.length) await db.sources.bulkPut(sources);
      // Topics the stream saved or removed meanwhile are newer than the snapshot's list.
      if (snap.topics) await db.topics.bulkPut(snap.topics.filter((t) => !snap.skipTopics?.has(t.id)));
      await bootstrapPublishing(db, snap, snap.skipPublishing ?? newTouched());
      await db.meta.put({ key: 'cursor', value: snap.cursor });
      await this.prune();
    });
  }

  /** Every table a write may touch: one transaction keeps data and cursor in step. */
  private tables() {
    const { db } = this;
    return [db.items, db.sources, db.meta, db.topics, ...publishingTables(db)];
  }

  /** Must run inside a transaction over items. */
  private async upsertItems(incoming: Item[]): Promise<void> {
    if (incoming.length === 0) return;
    const existing = await this.db.items.bulkGet(incoming.map((i) => i.id));
    // `>=` so a re-delivered version rewrites itself harmlessly; an older one never wins.
    const winners = incoming.filter((item, i) => !existing[i] || item.seq >= existing[i].seq);
    if (winners.length) await this.db.items.bulkPut(winners);
  }

  /** Keeps the replica bounded: drop the oldest items (lowest id = arrived first) past the cap. */
  private async prune(): Promise<void> {
    const excess = (await this.db.items.count()) - this.cap;
    if (excess <= 0) return;
    const oldest = await this.db.items.toCollection().limit(excess).primaryKeys();
    await this.db.items.bulkDelete(oldest);
  }
}

async function readCursor(db: NewsroomDb): Promise<number | null> {
  const row = await db.meta.get('cursor');
  return typeof row?.value === 'number' ? row.value : null;
}

/** Deleted items stay as tombstones (the wall hides them) so a late, older version can't revive them. */
function tombstone(item: Item): Item {
  // The engine sets deletedAt; if a hub ever omits it, the item is still deleted: any non-null time marks it.
  return { ...item, deletedAt: item.deletedAt ?? item.ingestedAt };
}

/**
 * Longest text and html the replica keeps per item. Real posts are far shorter (Mastodon's default
 * is 500 characters); a hostile or broken server can send megabytes, and every column read would
 * copy them out of IndexedDB again. The hub keeps the whole post.
 */
export const ITEM_TEXT_MAX = 20_000;
export const ITEM_HTML_MAX = 60_000;

function normalizeItem(item: Item, fallbackSeq: number): Item {
  let out = typeof item.seq === 'number' ? item : { ...item, seq: fallbackSeq };
  // A change stored by a hub before issue 10 (or sent by an older hub) has no understanding yet.
  if (out.enrichment === undefined || !Array.isArray(out.topics)) out = { ...out, enrichment: out.enrichment ?? null, topics: Array.isArray(out.topics) ? out.topics : [] };
  if (out.text.length > ITEM_TEXT_MAX) out = { ...out, text: `${out.text.slice(0, ITEM_TEXT_MAX)}…` };
  // Cut html can't be trusted to mean what it said: the wall shows the (cut) text instead.
  if (out.html && out.html.length > ITEM_HTML_MAX) out = { ...out, html: '' };
  return out;
}

/** Topics saved (a row) or removed (null) by a batch, and the last re-tag progress it carried. */
async function writeTopics(db: NewsroomDb, topics: Map<string, Topic | null>, retag: RetagProgress | null): Promise<void> {
  const puts = [...topics.values()].filter((t): t is Topic => t !== null);
  const removes = [...topics.entries()].filter(([, t]) => t === null).map(([id]) => id);
  if (puts.length) await db.topics.bulkPut(puts);
  if (removes.length) await db.topics.bulkDelete(removes);
  if (retag) await db.meta.put({ key: 'retag', value: retag });
}
