import type { Item } from '../domain.js';
import type { Topic } from '../topics.js';
import { matchInputOf } from './item-input.js';
import { createMatcher } from './matcher.js';

/** A stored item's `topic:` values: each topic's id and, when known, its name. */
export function topicValuesOf(item: Pick<Item, 'topics'>, names: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const id of item.topics ?? []) {
    out.push(id);
    const name = names.get(id);
    if (name !== undefined && name !== id) out.push(name);
  }
  return out;
}

export type ItemPredicate = (item: Item) => boolean;

/**
 * One query as a predicate over stored items (items.list's `query`, a wall column, the query
 * editor's preview). Throws `ParseError` for a query that doesn't parse. Tombstones never match.
 */
export function itemFilter(query: string, topics: readonly Pick<Topic, 'id' | 'name'>[] = []): ItemPredicate {
  const matcher = createMatcher();
  matcher.set('q', query);
  const names = new Map(topics.map((t) => [t.id, t.name]));
  return (item) => !item.deletedAt && matcher.match(matchInputOf(item, item.enrichment ?? null, topicValuesOf(item, names))).length > 0;
}
