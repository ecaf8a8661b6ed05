import type { Item } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import { itemFilter, ParseError, type ItemPredicate } from '../../../shared/listen/index.js';
import type { ListQuery } from '../store/items-repo.js';
import type { Store } from '../store/store.js';
import { describeParseError } from './topics-service.js';

/** items.list with a `query` looks at most this many of the newest items (the rest of the filter still applies). */
export const QUERY_SCAN_MAX = 50_000;
const PAGE = 1_000;

export function queryPredicate(store: Store, query: string): ItemPredicate {
  try {
    return itemFilter(query, store.topics.list());
  } catch (err) {
    if (err instanceof ParseError) throw new RpcError('invalid_input', describeParseError('query', err));
    throw err;
  }
}

/** The newest items matching a listening query (and the list's other filters), newest first. */
export function listItemsMatching(store: Store, list: ListQuery, query: string): Item[] {
  const keep = queryPredicate(store, query);
  const out: Item[] = [];
  let before = list.before;
  for (let scanned = 0; out.length < list.limit && scanned < QUERY_SCAN_MAX; ) {
    const page = store.items.list({ ...list, limit: PAGE, before });
    for (const item of page) if (keep(item) && out.length < list.limit) out.push(item);
    scanned += page.length;
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  return out;
}
