import type Database from 'better-sqlite3';
import type { CustomerTag, CustomerTags } from '../../../../shared/customer-tags.js';
import { MAX_CUSTOMER_TAGS } from '../../../../shared/customer-tags.js';
import type { UserView } from '../../../../shared/domain.js';
import { RpcError } from '../../../../shared/errors.js';
import { normalizeHandle } from '../../../../shared/queue-rules.js';
import { isoOf, type QueueCore } from './queue-core.js';

interface Statements {
  list: Database.Statement;
  add: Database.Statement;
  remove: Database.Statement;
  count: Database.Statement;
  known: Database.Statement;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepared(db: Database.Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      list: db.prepare('SELECT tag, added_by, added_at FROM queue_customer_tags WHERE platform = ? AND author_handle = ? ORDER BY tag'),
      add: db.prepare('INSERT OR IGNORE INTO queue_customer_tags (platform, author_handle, tag, added_by, added_at) VALUES (?, ?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM queue_customer_tags WHERE platform = ? AND author_handle = ? AND tag = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM queue_customer_tags WHERE platform = ? AND author_handle = ?'),
      known: db.prepare('SELECT 1 FROM queue_conversations WHERE platform = ? AND author_handle = ? LIMIT 1'),
    };
    statements.set(db, s);
  }
  return s;
}

/** The customer's tags, alphabetical. */
export function customerTags(db: Database.Database, platform: string, handle: string): CustomerTags {
  const h = normalizeHandle(handle);
  const rows = prepared(db).list.all(platform, h) as Array<{ tag: string; added_by: string; added_at: string }>;
  return { platform, handle: h, tags: rows.map((r): CustomerTag => ({ tag: r.tag, addedBy: r.added_by, addedAt: r.added_at })) };
}

export interface CustomerTagActions {
  add(user: UserView, p: { platform: string; handle: string; tag: string }): CustomerTags;
  remove(user: UserView, p: { platform: string; handle: string; tag: string }): CustomerTags;
}

/** customers.tags.add / remove: one write each, and a customer.tags change for the other desks. */
export function createCustomerTagActions(core: QueueCore): CustomerTagActions {
  const { store } = core;
  const change = (user: UserView, p: { platform: string; handle: string; tag: string }, op: 'add' | 'remove'): CustomerTags => {
    const handle = normalizeHandle(p.handle);
    const at = isoOf(core.clock.now());
    return store.write(() => {
      const s = prepared(store.db);
      // Only someone the queue knows: a tag on a mistyped handle would be lost in plain sight.
      if (s.known.get(p.platform, handle) === undefined) throw new RpcError('not_found', `no conversation with ${handle} on ${p.platform}: tags go on customers the queue knows`);
      let changed: boolean;
      if (op === 'add') {
        const { n } = s.count.get(p.platform, handle) as { n: number };
        if (n >= MAX_CUSTOMER_TAGS) throw new RpcError('invalid_input', `${handle} already has ${MAX_CUSTOMER_TAGS} tags: remove one first`);
        changed = s.add.run(p.platform, handle, p.tag, user.name, at).changes > 0;
      } else {
        changed = s.remove.run(p.platform, handle, p.tag).changes > 0;
      }
      const customer = customerTags(store.db, p.platform, handle);
      // Who added a tag, and when, stays on the tag itself (like a note, it is not audited).
      if (changed) store.changes.append({ kind: 'customer.tags', customer }, at);
      return customer;
    });
  };
  return { add: (user, p) => change(user, p, 'add'), remove: (user, p) => change(user, p, 'remove') };
}
