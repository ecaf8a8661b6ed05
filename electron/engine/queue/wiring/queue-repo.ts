import type Database from 'better-sqlite3';
import type { Presence, Priority, SlaTimerState } from '../../../../shared/queue.js';
import type { ConversationBadges, ConversationView, QueueMessage, QueueMessageKind } from '../../../../shared/queue-views.js';
import type { SlaEvent } from '../sla-timers.js';

/** A conversation row as the queue service reads and writes it. */
export interface ConversationRecord extends Omit<ConversationView, 'slaDueAt'> {
  slaEvents: SlaEvent[];
  slaDueAt: number | null;
  slaNextAt: number | null;
  slaEscalated: boolean;
}

interface Row {
  id: string;
  platform: string;
  status: string;
  private: number;
  team: string;
  assignee: string | null;
  priority: string;
  tags: string;
  sla: string | null;
  author_handle: string;
  author_name: string;
  thread_root: string;
  created_at: string;
  last_customer_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  reopen_count: number;
  rules: string;
  sla_events: string;
  sla_state: string | null;
  sla_due_at: number | null;
  sla_next_at: number | null;
  sla_escalated: number;
  preview: string | null;
  badges: string;
  answered: number;
  unassigned_why: string | null;
  updated_at: string;
}

function fromRow(r: Row): ConversationRecord {
  return {
    id: r.id,
    platform: r.platform,
    status: r.status as ConversationRecord['status'],
    private: r.private === 1,
    team: r.team,
    assignee: r.assignee,
    priority: r.priority as Priority,
    tags: JSON.parse(r.tags) as string[],
    sla: r.sla,
    author: { handle: r.author_handle, name: r.author_name },
    threadRoot: r.thread_root,
    createdAt: r.created_at,
    lastCustomerAt: r.last_customer_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    reopenCount: r.reopen_count,
    rules: JSON.parse(r.rules) as string[],
    slaEvents: JSON.parse(r.sla_events) as SlaEvent[],
    slaState: r.sla_state as SlaTimerState | null,
    slaDueAt: r.sla_due_at,
    slaNextAt: r.sla_next_at,
    slaEscalated: r.sla_escalated === 1,
    preview: r.preview,
    badges: JSON.parse(r.badges) as ConversationBadges,
    answered: r.answered === 1,
    unassignedWhy: r.unassigned_why,
    updatedAt: r.updated_at,
  };
}

function toRow(c: ConversationRecord): Row {
  return {
    id: c.id,
    platform: c.platform,
    status: c.status,
    private: c.private ? 1 : 0,
    team: c.team,
    assignee: c.assignee,
    priority: c.priority,
    tags: JSON.stringify(c.tags),
    sla: c.sla,
    author_handle: c.author.handle,
    author_name: c.author.name,
    thread_root: c.threadRoot,
    created_at: c.createdAt,
    last_customer_at: c.lastCustomerAt,
    first_response_at: c.firstResponseAt,
    resolved_at: c.resolvedAt,
    reopen_count: c.reopenCount,
    rules: JSON.stringify(c.rules),
    sla_events: JSON.stringify(c.slaEvents),
    sla_state: c.slaState,
    sla_due_at: c.slaDueAt,
    sla_next_at: c.slaNextAt,
    sla_escalated: c.slaEscalated ? 1 : 0,
    preview: c.preview,
    badges: JSON.stringify(c.badges),
    answered: c.answered ? 1 : 0,
    unassigned_why: c.unassignedWhy,
    updated_at: c.updatedAt,
  };
}

/** The view of a record: what methods and change events carry. */
export function conversationView(c: ConversationRecord): ConversationView {
  const { slaEvents: _e, slaNextAt: _n, slaEscalated: _x, ...view } = c;
  return view;
}

export interface ListFilter {
  statuses: string[];
  team?: string | undefined;
  assignee?: string | null | undefined;
  limit: number;
}

interface MessageRow {
  id: number;
  conversation_id: string;
  kind: string;
  author: string;
  text: string;
  at: string;
  item_id: number | null;
  post_id: string | null;
  post_status: string | null;
  post_note: string | null;
  remote_url: string | null;
}

const COLUMN_LIST: (keyof Row)[] = [
  'id', 'platform', 'status', 'private', 'team', 'assignee', 'priority', 'tags', 'sla', 'author_handle', 'author_name', 'thread_root',
  'created_at', 'last_customer_at', 'first_response_at', 'resolved_at', 'reopen_count', 'rules', 'sla_events', 'sla_state', 'sla_due_at',
  'sla_next_at', 'sla_escalated', 'preview', 'badges', 'answered', 'unassigned_why', 'updated_at',
];
const COLUMNS = COLUMN_LIST.join(', ');

/** SQL for the queue tables (queue-migration.ts). Every write runs inside the caller's store.write(). */
export class QueueRepo {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    const cols = COLUMNS.split(', ');
    this.s = {
      get: db.prepare('SELECT * FROM queue_conversations WHERE id = ?'),
      upsert: db.prepare(
        `INSERT INTO queue_conversations (${COLUMNS}) VALUES (${cols.map((c) => '@' + c).join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
      ),
      inThread: db.prepare('SELECT * FROM queue_conversations WHERE platform = ? AND thread_root = ? AND author_handle = ? ORDER BY created_at DESC LIMIT 1'),
      latestOf: db.prepare('SELECT * FROM queue_conversations WHERE platform = ? AND author_handle = ? AND private = ? ORDER BY last_customer_at DESC LIMIT 1'),
      ofAuthor: db.prepare('SELECT * FROM queue_conversations WHERE platform = ? AND author_handle = ? ORDER BY last_customer_at DESC LIMIT 50'),
      ofNative: db.prepare('SELECT conversation_id FROM queue_messages WHERE native_id = ? LIMIT 1'),
      ofPost: db.prepare('SELECT conversation_id FROM queue_messages WHERE post_id = ? LIMIT 1'),
      insertMsg: db.prepare(
        'INSERT INTO queue_messages (conversation_id, kind, author, text, at, item_id, post_id, native_id) VALUES (@conversationId, @kind, @author, @text, @at, @itemId, @postId, @nativeId)',
      ),
      messages: db.prepare(
        `SELECT m.id, m.conversation_id, m.kind, m.author, m.text, m.at, m.item_id, m.post_id, p.status AS post_status, p.note AS post_note, p.remote_url
         FROM queue_messages m LEFT JOIN posts p ON p.id = m.post_id WHERE m.conversation_id = ? ORDER BY m.id`,
      ),
      message: db.prepare(
        `SELECT m.id, m.conversation_id, m.kind, m.author, m.text, m.at, m.item_id, m.post_id, p.status AS post_status, p.note AS post_note, p.remote_url
         FROM queue_messages m LEFT JOIN posts p ON p.id = m.post_id WHERE m.id = ?`,
      ),
      lastCustomerNative: db.prepare("SELECT native_id FROM queue_messages WHERE conversation_id = ? AND kind = 'customer' AND native_id IS NOT NULL ORDER BY id DESC LIMIT 1"),
      loadOf: db.prepare("SELECT COUNT(*) AS n FROM queue_conversations WHERE assignee = ? AND status = 'open'"),
      due: db.prepare("SELECT * FROM queue_conversations WHERE sla_next_at IS NOT NULL AND sla_next_at <= ? AND status != 'resolved' LIMIT 500"),
      unassigned: db.prepare("SELECT * FROM queue_conversations WHERE team = ? AND assignee IS NULL AND status = 'open' ORDER BY created_at LIMIT 200"),
      assignedOpen: db.prepare("SELECT * FROM queue_conversations WHERE assignee = ? AND status = 'open'"),
      setting: db.prepare('SELECT value FROM queue_settings WHERE key = ?'),
      putSetting: db.prepare('INSERT INTO queue_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      presence: db.prepare('SELECT * FROM queue_presence ORDER BY user'),
      putPresence: db.prepare(
        'INSERT INTO queue_presence (user, status, conversation, activity, at) VALUES (@user, @status, @conversation, @activity, @at) ON CONFLICT (user) DO UPDATE SET status = excluded.status, conversation = excluded.conversation, activity = excluded.activity, at = excluded.at',
      ),
      isReplyPost: db.prepare("SELECT 1 FROM queue_messages WHERE post_id = ? AND kind = 'reply' LIMIT 1"),
      openByTeam: db.prepare(
        `SELECT team, COUNT(*) AS open, SUM(answered = 0) AS unanswered, MIN(CASE WHEN answered = 0 THEN last_customer_at END) AS oldest
         FROM queue_conversations WHERE status IN ('open', 'waiting') GROUP BY team`,
      ),
      answeredSince: db.prepare('SELECT * FROM queue_conversations WHERE first_response_at >= ?'),
    };
  }

  get(id: string): ConversationRecord | null {
    const r = this.s.get.get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  save(c: ConversationRecord): void {
    this.s.upsert.run(toRow(c));
  }

  inThread(platform: string, threadRoot: string, author: string): ConversationRecord | null {
    const r = this.s.inThread.get(platform, threadRoot, author) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  latestOf(platform: string, author: string, isPrivate: boolean): ConversationRecord | null {
    const r = this.s.latestOf.get(platform, author, isPrivate ? 1 : 0) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  ofAuthor(platform: string, author: string): ConversationRecord[] {
    return (this.s.ofAuthor.all(platform, author) as Row[]).map(fromRow);
  }

  conversationOfNative(nativeId: string): string | null {
    return (this.s.ofNative.get(nativeId) as { conversation_id: string } | undefined)?.conversation_id ?? null;
  }

  conversationOfPost(postId: string): string | null {
    return (this.s.ofPost.get(postId) as { conversation_id: string } | undefined)?.conversation_id ?? null;
  }

  /** Whether an outbox post is a desk reply (the crisis freeze treats replies by its own option). */
  isReplyPost(postId: string): boolean {
    return this.s.isReplyPost.get(postId) !== undefined;
  }

  addMessage(m: { conversationId: string; kind: QueueMessageKind; author: string; text: string; at: string; itemId: number | null; postId: string | null; nativeId: string | null }): QueueMessage {
    const id = Number(this.s.insertMsg.run(m).lastInsertRowid);
    return this.message(id)!;
  }

  message(id: number): QueueMessage | null {
    const r = this.s.message.get(id) as MessageRow | undefined;
    return r ? messageOf(r) : null;
  }

  messages(conversationId: string): QueueMessage[] {
    return (this.s.messages.all(conversationId) as MessageRow[]).map(messageOf);
  }

  lastCustomerNative(conversationId: string): string | null {
    return (this.s.lastCustomerNative.get(conversationId) as { native_id: string } | undefined)?.native_id ?? null;
  }

  list(f: ListFilter): ConversationRecord[] {
    const where: string[] = [`status IN (${f.statuses.map(() => '?').join(', ')})`];
    const args: unknown[] = [...f.statuses];
    if (f.team !== undefined) {
      where.push('team = ?');
      args.push(f.team);
    }
    if (f.assignee === null) where.push('assignee IS NULL');
    else if (f.assignee !== undefined) {
      where.push('assignee = ?');
      args.push(f.assignee);
    }
    const sql = `SELECT * FROM queue_conversations WHERE ${where.join(' AND ')} ORDER BY last_customer_at ASC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit) as Row[]).map(fromRow);
  }

  /** Open conversations of each of these agents: what caps compare against (an index lookup each). */
  loads(users: readonly string[]): Map<string, number> {
    return new Map(users.map((u) => [u, (this.s.loadOf.get(u) as { n: number }).n]));
  }

  dueForSla(nowMs: number): ConversationRecord[] {
    return (this.s.due.all(nowMs) as Row[]).map(fromRow);
  }

  unassignedOf(team: string): ConversationRecord[] {
    return (this.s.unassigned.all(team) as Row[]).map(fromRow);
  }

  assignedOpen(user: string): ConversationRecord[] {
    return (this.s.assignedOpen.all(user) as Row[]).map(fromRow);
  }

  /** Open conversations per team: counted in SQL, so the wall's figures stay cheap with a long queue. */
  openByTeam(): { team: string; open: number; unanswered: number; oldest: string | null }[] {
    return this.s.openByTeam.all() as { team: string; open: number; unanswered: number; oldest: string | null }[];
  }

  /** Conversations first answered since `sinceIso` (today's, for attainment and the median). */
  answeredSince(sinceIso: string): ConversationRecord[] {
    return (this.s.answeredSince.all(sinceIso) as Row[]).map(fromRow);
  }

  setting<T>(key: string): T | null {
    const r = this.s.setting.get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : null;
  }

  putSetting(key: string, value: unknown): void {
    this.s.putSetting.run(key, JSON.stringify(value));
  }

  presence(): Presence[] {
    return this.s.presence.all() as Presence[];
  }

  putPresence(p: Presence): void {
    this.s.putPresence.run(p);
  }
}

function messageOf(r: MessageRow): QueueMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    kind: r.kind as QueueMessageKind,
    author: r.author,
    text: r.text,
    at: r.at,
    itemId: r.item_id,
    postId: r.post_id,
    postStatus: r.post_status,
    postNote: r.post_note,
    remoteUrl: r.remote_url,
  };
}
