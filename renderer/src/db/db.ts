import Dexie, { type EntityTable } from 'dexie';
import type { Item, SourceView } from '../../../shared/domain';

/** Key/value rows: `cursor` (seq the replica is complete up to) and `hubKey` (whose data this is). */
export interface MetaRow {
  key: string;
  value: unknown;
}

export type NewsroomDb = Dexie & {
  items: EntityTable<Item, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  sources: EntityTable<SourceView, 'id'>;
};

export const DB_NAME = 'newsroom';

/** A replica database. Tests pass their own name so each gets a fresh one. */
export function createDb(name = DB_NAME): NewsroomDb {
  const db = new Dexie(name) as NewsroomDb;
  // version(1) is never edited once shipped: a schema change is a new version() with an upgrade,
  // so a wall that has been running for weeks opens its replica after an update.
  db.version(1).stores({
    items: 'id, seq, createdAt, platform, *tags',
    meta: 'key',
    sources: 'id',
  });
  return db;
}

/** The window's replica; Dexie opens it on first use. */
export const db = createDb();
