/**
 * Issue 12's one migration (appended to MIGRATIONS; the lead renumbers at merge): conversations
 * and their messages (customer posts, replies through the outbox, internal notes), the queue's
 * settings (teams, triage rules, SLA policies and calendars, round-robin cursors) and presence.
 * Customer profiles are derived (an author's conversations across the queue), not stored.
 */
export const QUEUE_MIGRATION = {
  version: 8,
  name: 'queue: conversations, messages, settings (teams, triage, SLA), presence',
  sql: `
    CREATE TABLE queue_conversations (
      id TEXT PRIMARY KEY,
      platform TEXT NOT NULL,
      status TEXT NOT NULL,
      private INTEGER NOT NULL DEFAULT 0,
      team TEXT NOT NULL,
      assignee TEXT,
      priority TEXT NOT NULL,
      tags TEXT NOT NULL DEFAULT '[]',
      sla TEXT,
      author_handle TEXT NOT NULL,
      author_name TEXT NOT NULL,
      thread_root TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_customer_at TEXT NOT NULL,
      first_response_at TEXT,
      resolved_at TEXT,
      reopen_count INTEGER NOT NULL DEFAULT 0,
      rules TEXT NOT NULL DEFAULT '[]',
      sla_events TEXT NOT NULL DEFAULT '[]',
      sla_state TEXT,
      sla_due_at INTEGER,
      sla_next_at INTEGER,
      sla_escalated INTEGER NOT NULL DEFAULT 0,
      preview TEXT,
      badges TEXT NOT NULL DEFAULT '{}',
      answered INTEGER NOT NULL DEFAULT 0,
      unassigned_why TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX queue_conv_thread ON queue_conversations (platform, thread_root, author_handle);
    CREATE INDEX queue_conv_author ON queue_conversations (platform, author_handle, private, last_customer_at);
    CREATE INDEX queue_conv_status ON queue_conversations (status, team);
    CREATE INDEX queue_conv_assignee ON queue_conversations (assignee, status);
    CREATE INDEX queue_conv_sla ON queue_conversations (sla_next_at) WHERE sla_next_at IS NOT NULL;
    CREATE TABLE queue_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id TEXT NOT NULL REFERENCES queue_conversations (id),
      kind TEXT NOT NULL,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      at TEXT NOT NULL,
      item_id INTEGER,
      post_id TEXT,
      native_id TEXT
    );
    CREATE INDEX queue_msg_conv ON queue_messages (conversation_id, id);
    CREATE INDEX queue_msg_native ON queue_messages (native_id) WHERE native_id IS NOT NULL;
    CREATE INDEX queue_msg_post ON queue_messages (post_id) WHERE post_id IS NOT NULL;
    CREATE TABLE queue_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE queue_presence (
      user TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      conversation TEXT,
      activity TEXT,
      at TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
