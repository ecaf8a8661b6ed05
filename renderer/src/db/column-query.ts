import type { Item } from '../../../../shared/domain';
import type { NewsroomDb } from '../../db/db';
import { matchesColumn, normalizeTag, type ColumnFilter } from './column-filter';

/**
 * The newest `limit` items of a column, newest (highest id = latest arrival) first. Uses an index
 * where the filter has one; IndexedDB orders equal index keys by primary key, so `reverse()` walks
 * them newest first. Asks for one more than shown to know whether "load older" has anything.
 */
export async function queryColumn(db: NewsroomDb, filter: ColumnFilter, limit: number): Promise<{ items: Item[]; more: boolean }> {
  const keep = (i: Item) => matchesColumn(filter, i);
  const base =
    filter.kind === 'platform'
      ? db.items.where('platform').equals(filter.platform)
      : filter.kind === 'hashtag'
        ? db.items.where('tags').equals(normalizeTag(filter.tag))
        : db.items.toCollection();
  const rows = await base.reverse().filter(keep).limit(limit + 1).toArray();
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
