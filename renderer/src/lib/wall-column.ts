import { z } from 'zod';
import { PLATFORMS, type Item, type Platform } from '../../../shared/domain';
import { checkQuery, itemFilter, QUERY_LIMITS, type ItemPredicate } from '../../../shared/listen';
import type { Topic } from '../../../shared/topics';
import { platformLabel } from './platform';

/** What a wall column shows: everything, one platform, or a listening query (README "Listening queries"). */
export type ColumnFilter = { kind: 'all' } | { kind: 'platform'; platform: Platform } | { kind: 'query'; query: string };

export interface WallColumn {
  id: string;
  /** Empty means "derive from the filter". */
  title: string;
  filter: ColumnFilter;
}

/** A quoted phrase of a saved term: the query language has no escape for `"`, so inner quotes become spaces. */
const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim().replace(/\s+/g, ' ')}"`;

/**
 * Saved in localStorage, so checked when read back. Columns saved before issue 10 filtered by one
 * hashtag or one term: they are read as the query that means the same (`#tag`, `"term"`), so no
 * wall loses its layout; the next save writes the query form.
 */
export const columnFilterSchema = z.union([
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('platform'), platform: z.enum(PLATFORMS) }),
  z.object({ kind: z.literal('query'), query: z.string().min(1).max(QUERY_LIMITS.maxLength) }),
  z.object({ kind: z.literal('hashtag'), tag: z.string().min(1).max(100) }).transform((f): ColumnFilter => ({ kind: 'query', query: `#${normalizeTag(f.tag)}` })),
  z.object({ kind: z.literal('term'), term: z.string().min(1).max(200) }).transform((f): ColumnFilter => ({ kind: 'query', query: phrase(f.term) })),
]);

export const wallColumnSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(100),
  filter: columnFilterSchema,
});

/** "#Brand " → "brand": the engine stores tags lowercased without the '#'. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}

/** Checks and tidies a filter typed in the column editor; returns an error line a person can act on. */
export function validateFilter(filter: ColumnFilter): { ok: true; filter: ColumnFilter } | { ok: false; error: string } {
  switch (filter.kind) {
    case 'all':
      return { ok: true, filter };
    case 'platform':
      return PLATFORMS.includes(filter.platform) ? { ok: true, filter } : { ok: false, error: `Unknown platform "${filter.platform}".` };
    case 'query': {
      const query = filter.query.trim();
      if (!query) return { ok: false, error: 'Type a query, e.g. #brand OR "cold brew".' };
      const e = checkQuery(query);
      if (e) return { ok: false, error: `${e.message} (at ${e.position + 1}): ${e.hint}` };
      return { ok: true, filter: { kind: 'query', query } };
    }
  }
}

/** Predicates per topic list (the replica's, whose identity changes only when a topic does), then per query. */
const compiled = new WeakMap<readonly Topic[], Map<string, ItemPredicate>>();

/**
 * A column re-reads its newest items every time the replica changes (up to ten times a second):
 * an item's answer is kept by id and seq (a new version of the item has a new seq), so each version
 * is matched once, not on every re-read.
 */
function remembered(test: ItemPredicate): ItemPredicate {
  const seen = new Map<string, boolean>();
  return (item) => {
    const key = `${item.id}:${item.seq}`;
    let hit = seen.get(key);
    if (hit === undefined) {
      hit = test(item);
      if (seen.size >= 20_000) seen.clear();
      seen.set(key, hit);
    }
    return hit;
  };
}
const NOTHING: ItemPredicate = () => false;
export const NO_TOPICS: readonly Topic[] = [];

/** A query column's predicate, compiled once per query and topic list (a broken query matches nothing). */
function predicateOf(query: string, topics: readonly Topic[]): ItemPredicate {
  let byQuery = compiled.get(topics);
  if (!byQuery) compiled.set(topics, (byQuery = new Map()));
  let p = byQuery.get(query);
  if (!p) {
    try {
      p = remembered(itemFilter(query, topics));
    } catch {
      p = NOTHING;
    }
    if (byQuery.size > 200) byQuery.clear();
    byQuery.set(query, p);
  }
  return p;
}

/**
 * Whether an item belongs in a column. Tombstones never do (the wall hides deleted posts). A
 * query's `topic:` tests the item's topics by id or by name (from `topics`).
 */
export function matchesColumn(filter: ColumnFilter, item: Item, topics: readonly Topic[] = NO_TOPICS): boolean {
  if (item.deletedAt) return false;
  switch (filter.kind) {
    case 'all':
      return true;
    case 'platform':
      return item.platform === filter.platform;
    case 'query':
      return predicateOf(filter.query, topics)(item);
  }
}

export function columnTitle(col: Pick<WallColumn, 'title' | 'filter'>): string {
  if (col.title.trim()) return col.title.trim();
  const f = col.filter;
  switch (f.kind) {
    case 'all':
      return 'Everything';
    case 'platform':
      return platformLabel(f.platform);
    case 'query':
      return f.query.length > 40 ? `${f.query.slice(0, 39)}…` : f.query;
  }
}
