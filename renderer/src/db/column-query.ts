import type { Item } from '../../../shared/domain';
import type { Topic } from '../../../shared/topics';
import type { NewsroomDb } from './db';
import { matchesColumn, type ColumnFilter } from '../lib/wall-column';

export interface ColumnPage {
  items: Item[];
  /** Older matching items exist below the last one. */
  more: boolean;
}

/** `topic:id` alone: the column reads the topics index instead of testing every item. */
const ONE_TOPIC = /^topic:([a-z0-9-]+)$/;

/**
 * The newest `limit` items of a column, newest (highest id = latest arrival) first. Uses an index
 * where the filter has one; IndexedDB orders equal index keys by primary key, so `reverse()` walks
 * them newest first. Asks for one more than shown to know whether "load older" has anything.
 */
export async function queryColumn(db: NewsroomDb, filter: ColumnFilter, limit: number, topics: readonly Topic[] = []): Promise<ColumnPage> {
  const keep = (i: Item) => matchesColumn(filter, i, topics);
  const topic = filter.kind === 'query' ? ONE_TOPIC.exec(filter.query.trim())?.[1] : undefined;
  const base =
    filter.kind === 'platform'
      ? db.items.where('platform').equals(filter.platform)
      : topic !== undefined && topics.some((t) => t.id === topic)
        ? db.items.where('topics').equals(topic)
        : db.items.toCollection();
  const rows = await base.reverse().filter(keep).limit(limit + 1).toArray();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The same, for a reader who scrolled down: only items at or below `topId`, the one that was on top
 * when they left it. Walks the primary key from there, so a live query over it is not woken by new
 * arrivals (they all have higher ids): the reader's list doesn't move while they read it.
 */
export async function queryColumnBelow(db: NewsroomDb, filter: ColumnFilter, topId: number, limit: number, topics: readonly Topic[] = []): Promise<ColumnPage> {
  const keep = (i: Item) => matchesColumn(filter, i, topics);
  const rows = await db.items.where(':id').belowOrEqual(topId).reverse().filter(keep).limit(limit + 1).toArray();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/** Looked at, at most, when counting what came in above a scrolled column: the count stays cheap at crisis rates. */
export const NEWER_SCAN = 200;

/** How many matching items arrived after `topId` (`atLeast` when there are more than NEWER_SCAN new items to look at). */
export async function countNewer(db: NewsroomDb, filter: ColumnFilter, topId: number, topics: readonly Topic[] = []): Promise<{ count: number; atLeast: boolean }> {
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
