import Database from 'better-sqlite3';
import { AuditRepo } from './audit-repo.js';
import { ChangeFeed } from './change-feed.js';
import { FreezeRepo } from './freeze-repo.js';
import { ItemsRepo } from './items-repo.js';
import { MastodonRecentRepo } from './mastodon-recent-repo.js';
import { migrate } from './migrations.js';
import { PostsRepo } from './posts-repo.js';
import { PublishAccountsRepo } from './publish-accounts-repo.js';
import { SourcesRepo } from './sources-repo.js';
import { TopicsRepo } from './topics-repo.js';
import { UsersRepo } from './users-repo.js';

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  /** Names this store's change feed: another data dir (or a wiped one) has another id. */
  readonly feedId: string;
  readonly changes: ChangeFeed;
  readonly items: ItemsRepo;
  readonly sources: SourcesRepo;
  readonly users: UsersRepo;
  readonly accounts: PublishAccountsRepo;
  readonly posts: PostsRepo;
  readonly freeze: FreezeRepo;
  readonly audit: AuditRepo;
  /** Mastodon sources' recently stored statuses (re-check list, seen-set). */
  readonly mastodonRecent: MastodonRecentRepo;
  /** Listening topics and their hourly counts (issue 10). */
  readonly topics: TopicsRepo;
  /**
   * Runs fn in one transaction. Changes appended inside reach subscribers only after the commit;
   * a throw rolls back the rows and the seq counter alike. Nested calls join the outer transaction.
   */
  write<T>(fn: () => T): T;
  close(): void;
}

/**
 * Opens (creating and migrating) a data store. The same code runs under Node (tests, hub) and
 * under Electron's main process: only the better-sqlite3 binary differs (rebuilt for Electron's
 * ABI by electron-builder's install-app-deps), the file format does not.
 */
export function openStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL survives a process kill (only an OS crash/power loss can drop the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const items = new ItemsRepo(db);
  const changes = new ChangeFeed(db, (id) => items.get(id));
  let depth = 0;

  const feedId = (db.prepare("SELECT value FROM meta WHERE key = 'feed_id'").get() as { value: string }).value;

  const store: Store = {
    db,
    path,
    feedId,
    changes,
    items,
    sources: new SourcesRepo(db),
    users: new UsersRepo(db),
    accounts: new PublishAccountsRepo(db),
    posts: new PostsRepo(db),
    freeze: new FreezeRepo(db),
    audit: new AuditRepo(db),
    mastodonRecent: new MastodonRecentRepo(db),
    topics: new TopicsRepo(db),
    write<T>(fn: () => T): T {
      if (depth > 0) return fn();
      const mark = changes.begin();
      depth++;
      let result: T;
      try {
        result = db.transaction(fn)();
      } catch (err) {
        changes.rollback(mark);
        throw err;
      } finally {
        depth--;
      }
      changes.flush();
      return result;
    },
    close() {
      if (db.open) db.close();
    },
  };
  return store;
}
