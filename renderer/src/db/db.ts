import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Item, SourceView } from '../../../shared/domain';
import type { AuditEntry, FreezeState, FreezeSuggestion, PublishAccount, ScheduledPost } from '../../../shared/publishing';
import type { Topic } from '../../../shared/topics';

/** Key/value rows: `cursor` (seq the replica is complete up to), `hubKey` (whose data this is) and `feedId` (which feed the cursor is in). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The freeze table holds one row, under this key. */
export const FREEZE_KEY = 'current';

export type NewsroomDb = Dexie & {
  items: EntityTable<Item, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  sources: EntityTable<SourceView, 'id'>;
  posts: EntityTable<ScheduledPost, 'id'>;
  accounts: EntityTable<PublishAccount, 'id'>;
  audit: EntityTable<AuditEntry, 'id'>;
  /** Outbound key: FreezeState has no id of its own, and there is only ever FREEZE_KEY. */
  freeze: Table<FreezeState, string>;
  suggestions: EntityTable<FreezeSuggestion, 'id'>;
  /** Listening topics (issue 10): names for the topic chips, queries for `topic:` in column filters. */
  topics: EntityTable<Topic, 'id'>;
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
  db.version(2)
    .stores({
      posts: 'id, status, scheduledAt, accountId, groupId',
      accounts: 'id',
      audit: 'id',
      freeze: '',
      suggestions: 'id',
    })
    .upgrade(async (tx) => {
      // A v1 replica's cursor says "complete up to N" but it never saw posts, accounts or the freeze
      // state: resuming from it would leave a wall blind to a freeze set before the update. Dropping
      // the cursor makes the next open() wipe and bootstrap everything, new tables included.
      await tx.table('meta').delete('cursor');
    });
  // Issue 10: items are indexed by topic (a topic column reads the index) and topics are kept.
  // Items stored before carry no topics; they were never tagged, so nothing is lost by not indexing them.
  db.version(3).stores({
    items: 'id, seq, createdAt, platform, *tags, *topics',
    topics: 'id',
  });
  return db;
}

/** The window's replica; Dexie opens it on first use. */
export const db = createDb();
