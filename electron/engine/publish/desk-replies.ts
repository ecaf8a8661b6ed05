import type Database from 'better-sqlite3';
import type { Store } from '../store/store.js';
import type { PostVisibility } from './publisher.js';

interface Statements {
  isReply: Database.Statement;
  privateConversation: Database.Statement;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(store: Store): Statements {
  let st = statements.get(store.db);
  if (!st) {
    st = {
      isReply: store.db.prepare("SELECT 1 FROM queue_messages WHERE post_id = ? AND kind = 'reply' LIMIT 1"),
      privateConversation: store.db.prepare(
        "SELECT 1 FROM queue_messages m JOIN queue_conversations c ON c.id = m.conversation_id WHERE m.post_id = ? AND m.kind = 'reply' AND c.private = 1 LIMIT 1",
      ),
    };
    statements.set(store.db, st);
  }
  return st;
}

/** Whether an outbox post is a reply sent from the desk (issue 12), which a freeze holds only on request. */
export function isDeskReply(store: Store, postId: string): boolean {
  return prepared(store).isReply.get(postId) !== undefined;
}

/**
 * How an outbox post goes out: a desk reply into a private conversation (a direct message, a
 * followers-only post) is a direct message to the people it mentions, never a public post.
 * Read from the conversation at each send rather than stored on the post: a conversation only
 * ever turns private (one private message makes it so), so a reply can only get narrower.
 */
export function sendVisibility(store: Store, postId: string): PostVisibility {
  return prepared(store).privateConversation.get(postId) !== undefined ? 'direct' : 'public';
}
