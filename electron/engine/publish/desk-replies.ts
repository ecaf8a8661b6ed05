import type Database from 'better-sqlite3';
import type { Store } from '../store/store.js';

const statements = new WeakMap<Database.Database, Database.Statement>();

/** Whether an outbox post is a reply sent from the desk (issue 12), which a freeze holds only on request. */
export function isDeskReply(store: Store, postId: string): boolean {
  let st = statements.get(store.db);
  if (!st) {
    st = store.db.prepare("SELECT 1 FROM queue_messages WHERE post_id = ? AND kind = 'reply' LIMIT 1");
    statements.set(store.db, st);
  }
  return st.get(postId) !== undefined;
}
