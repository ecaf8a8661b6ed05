import type Database from 'better-sqlite3';
import type { Alert } from '../../../shared/alerts.js';

interface Row {
  data: string;
  ack_by: string | null;
  ack_at: string | null;
}

function fromRow(r: Row): Alert {
  const alert = JSON.parse(r.data) as Alert;
  return { ...alert, ack: r.ack_by !== null && r.ack_at !== null ? { by: r.ack_by, at: r.ack_at } : null };
}

/** The in-app alert list: every alert with its evidence, and who acknowledged it when. */
export class AlertsRepo {
  constructor(private readonly db: Database.Database) {}

  insert(alert: Alert): void {
    this.db
      .prepare('INSERT INTO alerts (id, rule_id, subject, severity, data, created_at, ack_by, ack_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(alert.id, alert.ruleId, alert.subject, alert.severity, JSON.stringify({ ...alert, ack: null }), alert.createdAt, alert.ack?.by ?? null, alert.ack?.at ?? null);
  }

  get(id: string): Alert | null {
    const row = this.db.prepare('SELECT data, ack_by, ack_at FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Newest first; `before` pages back by creation time; `unacknowledged` hides handled ones. */
  list(opts: { limit: number; before?: string; unacknowledged?: boolean }): Alert[] {
    const where = ['1 = 1'];
    const args: unknown[] = [];
    if (opts.before) {
      where.push('created_at < ?');
      args.push(opts.before);
    }
    if (opts.unacknowledged) where.push('ack_at IS NULL');
    const rows = this.db
      .prepare(`SELECT data, ack_by, ack_at FROM alerts WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(...args, opts.limit) as Row[];
    return rows.map(fromRow);
  }

  /** Acknowledges once: the first person and time stand (a second ack returns the alert unchanged). */
  ack(id: string, by: string, at: string): Alert | null {
    this.db.prepare('UPDATE alerts SET ack_by = ?, ack_at = ? WHERE id = ? AND ack_at IS NULL').run(by, at, id);
    return this.get(id);
  }

  /** Alerts still inside a cooldown window, to re-seed the evaluator after a restart. */
  since(at: string): Array<Pick<Alert, 'ruleId' | 'subject' | 'createdAt'>> {
    return this.db
      .prepare('SELECT rule_id AS ruleId, subject, created_at AS createdAt FROM alerts WHERE created_at >= ? ORDER BY created_at')
      .all(at) as Array<Pick<Alert, 'ruleId' | 'subject' | 'createdAt'>>;
  }

  /** Drops alerts older than `keepSince` and all but the newest `maxRows`. */
  prune(keepSince: string, maxRows: number): number {
    const old = this.db.prepare('DELETE FROM alerts WHERE created_at < ?').run(keepSince).changes;
    const over = this.db
      .prepare('DELETE FROM alerts WHERE id IN (SELECT id FROM alerts ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)')
      .run(maxRows).changes;
    return old + over;
  }
}
