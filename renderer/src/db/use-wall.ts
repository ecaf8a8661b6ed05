import type { SourceView } from '../../../shared/domain';
import type { Topic } from '../../../shared/topics';
import { NO_TOPICS, type ColumnFilter } from '../lib/wall-column';
import { countNewer, queryColumn, queryColumnBelow, type ColumnPage } from './column-query';
import { db } from './db';
import { useLiveRead } from './use-live';

/** The wall's reads of the replica: sources for the header and the first layout, a column's items. */

const byName = (a: SourceView, b: SourceView) => a.name.localeCompare(b.name);

export function useSources(): SourceView[] | undefined {
  return useLiveRead(async () => (await db.sources.toArray()).sort(byName), []);
}

/**
 * The hashtags the sources listen to, in order, and the topics, read together (the bootstrap
 * writes both at once): a fresh wall gets a column for the first hashtags, a topic's where one covers it.
 */
export function useSourceHashtags(): { hashtags: string[]; topics: Topic[] } | undefined {
  return useLiveRead(async () => ({ hashtags: (await db.sources.toArray()).flatMap((s) => s.config.hashtags), topics: await db.topics.toArray() }), []);
}

export interface ColumnRead extends ColumnPage {
  /** Matching items above `topId` (a scrolled column); 0 for a live one. */
  newer: number;
  /** More new items than were counted. */
  newerAtLeast: boolean;
}

/**
 * A live column: its newest `limit` items. A scrolled column (`topId` set): the items at or below
 * the one that was on top, and a count of what has come in since.
 */
export function useColumnItems(filter: ColumnFilter, limit: number, topId: number | null, topics: readonly Topic[] = NO_TOPICS): ColumnRead | undefined {
  const key = JSON.stringify(filter);
  const page = useLiveRead(() => (topId === null ? queryColumn(db, filter, limit, topics) : queryColumnBelow(db, filter, topId, limit, topics)), [key, limit, topId, topics]);
  const newer = useLiveRead(async () => (topId === null ? { count: 0, atLeast: false } : countNewer(db, filter, topId, topics)), [key, topId, topics]);
  if (!page) return undefined;
  return { ...page, newer: newer?.count ?? 0, newerAtLeast: newer?.atLeast ?? false };
}
