import type Database from 'better-sqlite3';
import type { Alert, DeadLetter } from '../../../shared/alerts.js';

/** Most letters kept: a channel broken for weeks must not fill the disk. The oldest go first. */
export const MAX_DEAD_LETTERS = 1000;

/**
 * Deliveries that failed for good. Each keeps a copy of its alert (the alert list may have been
 * pruned by the time someone retries) and the channel id, never the channel's secret.
 */
export class DeadLetterRepo {
  constructor(private readonly db: Database.Database) {}

  add(letter: Omit<DeadLetter, 'id' | 'alertId'>, alert: Alert): number {
    const id = Number(
      this.db
        .prepare(
          'INSERT INTO alert_dead_letters (channel_id, alert_id, alert, attempts, error, first_attempt_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(letter.channelId, alert.id, JSON.stringify(alert), letter.attempts, letter.error.slice(0, 2000), letter.firstAttemptAt, letter.lastAttemptAt)
        .lastInsertRowid,
    );
    this.db.prepare('DELETE FROM alert_dead_letters WHERE id IN (SELECT id FROM alert_dead_letters ORDER BY id DESC LIMIT -1 OFFSET ?)').run(MAX_DEAD_LETTERS);
    return id;
  }

  list(limit = 100): DeadLetter[] {
    return this.db
      .prepare(
        `SELECT id, channel_id AS channelId, alert_id AS alertId, attempts, error, first_attempt_at AS firstAttemptAt,
           last_attempt_at AS lastAttemptAt FROM alert_dead_letters ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as DeadLetter[];
  }

  get(id: number): { letter: DeadLetter; alert: Alert } | null {
    const row = this.db
      .prepare(
        `SELECT id, channel_id AS channelId, alert_id AS alertId, attempts, error, first_attempt_at AS firstAttemptAt,
           last_attempt_at AS lastAttemptAt, alert FROM alert_dead_letters WHERE id = ?`,
      )
      .get(id) as (DeadLetter & { alert: string }) | undefined;
    if (!row) return null;
    const { alert, ...letter } = row;
    return { letter, alert: JSON.parse(alert) as Alert };
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM alert_dead_letters WHERE id = ?').run(id).changes > 0;
  }
}
