import type { Item } from '../../../shared/domain';
import type { Topic } from '../../../shared/topics';
import type { NewsroomDb } from './db';
import { matchesColumn, NO_TOPICS, type ColumnFilter } from '../lib/wall-column';

export interface ColumnPage {
  items: Item[];
  /** Older matching items exist below the last one. */
  more: boolean;
}

/** `topic:id` alone: the column reads the topics index instead of testing every item. */
const ONE_TOPIC = /^topic:([a-z0-9-]+)$/;
/** `#tag` alone (a hashtag column, or one saved before issue 10): the tags index. */
const ONE_HASHTAG = /^#([\p{L}\p{N}_]+)$/u;

/** The narrowest index a filter can use; the predicate still decides. */
function candidates(db: NewsroomDb, filter: ColumnFilter, topics: readonly Topic[]) {
  if (filter.kind === 'platform') return db.items.where('platform').equals(filter.platform);
  if (filter.kind === 'query') {
    const q = filter.query.trim();
    const topic = ONE_TOPIC.exec(q)?.[1];
    if (topic !== undefined && topics.some((t) => t.id === topic)) return db.items.where('topics').equals(topic);
    const tag = ONE_HASHTAG.exec(q)?.[1];
    // The engine stores tags lower-cased; a tag with accents or odd case folds further in the matcher, so only plain ones use the index.
    if (tag !== undefined && /^[a-z0-9_]+$/i.test(tag)) return db.items.where('tags').equals(tag.toLowerCase());
  }
  return db.items.toCollection();
}

/**
 * The newest `limit` items of a column, newest (highest id = latest arrival) first. Uses an index
 * where the filter has one; IndexedDB orders equal index keys by primary key, so `reverse()` walks
 * them newest first. Asks for one more than shown to know whether "load older" has anything.
 */
export async function queryColumn(db: NewsroomDb, filter: ColumnFilter, limit: number, topics: readonly Topic[] = NO_TOPICS): Promise<ColumnPage> {
  const keep = (i: Item) => matchesColumn(filter, i, topics);
  const base = candidates(db, filter, topics);
  const rows = await base.reverse().filter(keep).limit(limit + 1).toArray();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The same, for a reader who scrolled down: only items at or below `topId`, the one that was on top
 * when they left it. Walks the primary key from there, so a live query over it is not woken by new
 * arrivals (they all have higher ids): the reader's list doesn't move while they read it.
 */
export async function queryColumnBelow(db: NewsroomDb, filter: ColumnFilter, topId: number, limit: number, topics: readonly Topic[] = NO_TOPICS): Promise<ColumnPage> {
  const keep = (i: Item) => matchesColumn(filter, i, topics);
  const rows = await db.items.where(':id').belowOrEqual(topId).reverse().filter(keep).limit(limit + 1).toArray();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/** Looked at, at most, when counting what came in above a scrolled column: the count stays cheap at crisis rates. */
export const NEWER_SCAN = 200;

/** How many matching items arrived after `topId` (`atLeast` when there are more than NEWER_SCAN new items to look at). */
export async function countNewer(db: NewsroomDb, filter: ColumnFilter, topId: number, topics: readonly Topic[] = NO_TOPICS): Promise<{ count: number; atLeast: boolean }> {
  const rows = await db.items.where(':id').above(topId).reverse().limit(NEWER_SCAN).toArray();
  return { count: rows.filter((i) => matchesColumn(filter, i, topics)).length, atLeast: rows.length === NEWER_SCAN };
}

/** The newest matching items among the last `scan` in the replica: the query editor's live preview. */
export async function previewMatches(db: NewsroomDb, keep: (i: Item) => boolean, limit: number, scan = 2_000): Promise<{ items: Item[]; scanned: number }> {
  const rows = await db.items.toCollection().reverse().limit(scan).toArray();
  const items: Item[] = [];
  for (const i of rows) if (!i.deletedAt && keep(i) && items.length < limit) items.push(i);
  return { items, scanned: rows.length };
}
