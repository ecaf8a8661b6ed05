import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../shared/publishing.js';

interface DbRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: AuditEntry['entity'];
  entity_id: string;
  from_state: string | null;
  to_state: string | null;
  details: string | null;
}

function toEntry(r: DbRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    from: r.from_state,
    to: r.to_state,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
  };
}

export interface AuditQuery {
  limit: number;
  before?: number | undefined;
  entity?: AuditEntry['entity'] | undefined;
  entityId?: string | undefined;
}

/** Append-only: there is no update or delete, on purpose. */
export class AuditRepo {
  constructor(private readonly db: Database.Database) {}

  add(e: Omit<AuditEntry, 'id'>): AuditEntry {
    const info = this.db
      .prepare('INSERT INTO audit (at, actor, action, entity, entity_id, from_state, to_state, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.entity, e.entityId, e.from, e.to, e.details === null ? null : JSON.stringify(e.details));
    return { ...e, id: Number(info.lastInsertRowid) };
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: q.limit };
    if (q.before !== undefined) {
      where.push('id < @before');
      args.before = q.before;
    }
    if (q.entity !== undefined) {
      where.push('entity = @entity');
      args.entity = q.entity;
    }
    if (q.entityId !== undefined) {
      where.push('entity_id = @entityId');
      args.entityId = q.entityId;
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as DbRow[]).map(toEntry);
  }
}
