import type Database from 'better-sqlite3';
import type { Platform } from '../../../shared/domain.js';
import type { PostAttempt, PostStatus, ScheduledPost } from '../../../shared/publishing.js';

interface PostRow {
  id: string;
  group_id: string;
  account_id: string;
  platform: Platform;
  text: string;
  in_reply_to: string | null;
  scheduled_at: string | null;
  time_zone: string;
  status: PostStatus;
  revision: number;
  author: string;
  approved_by: string | null;
  note: string | null;
  remote_id: string | null;
  remote_url: string | null;
  not_before: string | null;
  failures: number;
  created_at: string;
  updated_at: string;
}

interface AttemptRow {
  id: number;
  post_id: string;
  revision: number;
  freeze_epoch: number;
  idempotency_key: string;
  started_at: string;
  finished_at: string | null;
  outcome: PostAttempt['outcome'];
  error: string | null;
  remote_id: string | null;
  remote_url: string | null;
}

/** An attempt as the engine keeps it: the key and remote id are not part of the client view. */
export interface AttemptRecord extends PostAttempt {
  postId: string;
  idempotencyKey: string;
  remoteId: string | null;
}

/** A post with the outbox's own bookkeeping, which clients don't see. */
export interface PostRecord extends Omit<ScheduledPost, 'attempts'> {
  /** No send before this time (a rate limit's reset, a backoff, a settled unknown outcome). */
  notBefore: string | null;
  /** Consecutive clear failures (5xx, refused) of the current schedule, for the backoff bound. */
  failures: number;
  attempts: AttemptRecord[];
}

function toAttempt(r: AttemptRow): AttemptRecord {
  return {
    id: r.id,
    postId: r.post_id,
    revision: r.revision,
    freezeEpoch: r.freeze_epoch,
    idempotencyKey: r.idempotency_key,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    error: r.error,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
  };
}

function toPost(r: PostRow, attempts: AttemptRecord[]): PostRecord {
  return {
    id: r.id,
    groupId: r.group_id,
    accountId: r.account_id,
    platform: r.platform,
    text: r.text,
    inReplyTo: r.in_reply_to,
    scheduledAt: r.scheduled_at,
    timeZone: r.time_zone,
    status: r.status,
    revision: r.revision,
    author: r.author,
    approvedBy: r.approved_by,
    note: r.note,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    notBefore: r.not_before,
    failures: r.failures,
    attempts,
  };
}

/** What any client may see of a post. */
export function postView(p: PostRecord): ScheduledPost {
  const { notBefore: _nb, failures: _f, attempts, ...rest } = p;
  return {
    ...rest,
    attempts: attempts.map((a) => ({
      id: a.id,
      revision: a.revision,
      freezeEpoch: a.freezeEpoch,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      outcome: a.outcome,
      error: a.error,
      remoteUrl: a.remoteUrl,
    })),
  };
}

function params(p: Omit<PostRecord, 'attempts'>) {
  return {
    id: p.id,
    group_id: p.groupId,
    account_id: p.accountId,
    platform: p.platform,
    text: p.text,
    in_reply_to: p.inReplyTo,
    scheduled_at: p.scheduledAt,
    time_zone: p.timeZone,
    status: p.status,
    revision: p.revision,
    author: p.author,
    approved_by: p.approvedBy,
    note: p.note,
    remote_id: p.remoteId,
    remote_url: p.remoteUrl,
    not_before: p.notBefore,
    failures: p.failures,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

const COLUMNS = Object.keys(params({} as PostRecord));

export interface NewAttempt {
  postId: string;
  revision: number;
  freezeEpoch: number;
  idempotencyKey: string;
  startedAt: string;
}

export class PostsRepo {
  private readonly byId: Database.Statement;
  private readonly attemptsOf: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM posts WHERE id = ?');
    this.attemptsOf = db.prepare('SELECT * FROM post_attempts WHERE post_id = ? ORDER BY id');
    this.insertStmt = db.prepare(`INSERT INTO posts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.updateStmt = db.prepare(
      `UPDATE posts SET ${COLUMNS.filter((c) => c !== 'id' && c !== 'created_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    );
  }

  insert(p: Omit<PostRecord, 'attempts'>): PostRecord {
    this.insertStmt.run(params(p));
    return this.get(p.id)!;
  }

  get(id: string): PostRecord | null {
    const r = this.byId.get(id) as PostRow | undefined;
    return r ? toPost(r, (this.attemptsOf.all(id) as AttemptRow[]).map(toAttempt)) : null;
  }

  /** Writes every mutable column; returns the fresh record (with its attempts). */
  update(p: Omit<PostRecord, 'attempts'>): PostRecord {
    this.updateStmt.run(params(p));
    return this.get(p.id)!;
  }

  private withAttempts(rows: PostRow[]): PostRecord[] {
    if (rows.length === 0) return [];
    const all = this.db
      .prepare('SELECT * FROM post_attempts WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .all(JSON.stringify(rows.map((r) => r.id))) as AttemptRow[];
    const by = new Map<string, AttemptRecord[]>();
    for (const a of all) {
      const list = by.get(a.post_id) ?? [];
      list.push(toAttempt(a));
      by.set(a.post_id, list);
    }
    return rows.map((r) => toPost(r, by.get(r.id) ?? []));
  }

  /** Newest first. */
  /** Newest first; `before` continues below a (createdAt, id) position, for paging. */
  list(q: { statuses?: readonly PostStatus[] | undefined; limit: number; before?: { createdAt: string; id: string } | undefined }): PostRecord[] {
    const where = [
      ...(q.statuses ? ['status IN (SELECT value FROM json_each(@statuses))'] : []),
      ...(q.before ? ['(created_at, id) < (@beforeAt, @beforeId)'] : []),
    ];
    const rows = this.db
      .prepare(`SELECT * FROM posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`)
      .all({
        limit: q.limit,
        ...(q.statuses ? { statuses: JSON.stringify(q.statuses) } : {}),
        ...(q.before ? { beforeAt: q.before.createdAt, beforeId: q.before.id } : {}),
      }) as PostRow[];
    return this.withAttempts(rows);
  }

  byStatus(statuses: readonly PostStatus[], accountId?: string): PostRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM posts WHERE status IN (SELECT value FROM json_each(?)) ${accountId !== undefined ? 'AND account_id = ?' : ''} ORDER BY scheduled_at, id`,
      )
      .all(JSON.stringify(statuses), ...(accountId !== undefined ? [accountId] : [])) as PostRow[];
    return this.withAttempts(rows);
  }

  /** Scheduled posts whose time (and retry wait, if any) has come: the scheduler's work list. */
  due(nowIso: string): Array<{ id: string; revision: number; accountId: string }> {
    return (
      this.db
        .prepare(
          `SELECT id, revision, account_id FROM posts
           WHERE status = 'scheduled' AND scheduled_at <= ? AND (not_before IS NULL OR not_before <= ?)
           ORDER BY scheduled_at, id`,
        )
        .all(nowIso, nowIso) as Array<{ id: string; revision: number; account_id: string }>
    ).map((r) => ({ id: r.id, revision: r.revision, accountId: r.account_id }));
  }

  /** Scheduled posts whose time has passed (≤ now), due or waiting for a retry. */
  scheduledUpTo(nowIso: string): PostRecord[] {
    const rows = this.db.prepare(`SELECT * FROM posts WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id`).all(nowIso) as PostRow[];
    return this.withAttempts(rows);
  }

  /** A remote status already recorded as some post's publication (reconciliation must not claim it twice). */
  remoteIdTaken(remoteId: string, exceptPostId: string): boolean {
    return this.db.prepare('SELECT 1 FROM posts WHERE remote_id = ? AND id != ?').get(remoteId, exceptPostId) !== undefined;
  }

  insertAttempt(a: NewAttempt): AttemptRecord {
    const info = this.db
      .prepare('INSERT INTO post_attempts (post_id, revision, freeze_epoch, idempotency_key, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(a.postId, a.revision, a.freezeEpoch, a.idempotencyKey, a.startedAt);
    return toAttempt(this.db.prepare('SELECT * FROM post_attempts WHERE id = ?').get(Number(info.lastInsertRowid)) as AttemptRow);
  }

  finishAttempt(id: number, f: { outcome: Exclude<PostAttempt['outcome'], null>; finishedAt: string; error: string | null; remoteId?: string | null; remoteUrl?: string | null }): void {
    this.db
      .prepare('UPDATE post_attempts SET outcome = ?, finished_at = ?, error = ?, remote_id = COALESCE(?, remote_id), remote_url = COALESCE(?, remote_url) WHERE id = ?')
      .run(f.outcome, f.finishedAt, f.error, f.remoteId ?? null, f.remoteUrl ?? null, id);
  }

  /** Sends that were on the wire (outcome not known yet). */
  openAttempts(): AttemptRecord[] {
    return (this.db.prepare('SELECT * FROM post_attempts WHERE outcome IS NULL ORDER BY id').all() as AttemptRow[]).map(toAttempt);
  }

  countByAccount(accountId: string, statuses: readonly PostStatus[]): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM posts WHERE account_id = ? AND status IN (SELECT value FROM json_each(?))').get(accountId, JSON.stringify(statuses)) as {
        n: number;
      }
    ).n;
  }
}
