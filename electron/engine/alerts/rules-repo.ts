import type Database from 'better-sqlite3';
import { alertRuleSchema, type AlertRule } from '../../../shared/alerts.js';

/** Alert rules as leads saved them (validated again on the way out: a hand-edited row can't break the engine). */
export class RulesRepo {
  constructor(private readonly db: Database.Database) {}

  /** Valid rules, and the ids of rows that no longer parse (with the reason). */
  list(): { rules: AlertRule[]; invalid: Array<{ id: string; reason: string }> } {
    const rows = this.db.prepare('SELECT id, rule FROM alert_rules ORDER BY id').all() as Array<{ id: string; rule: string }>;
    const rules: AlertRule[] = [];
    const invalid: Array<{ id: string; reason: string }> = [];
    for (const row of rows) {
      let json: unknown;
      try {
        json = JSON.parse(row.rule);
      } catch {
        invalid.push({ id: row.id, reason: 'not JSON' });
        continue;
      }
      const parsed = alertRuleSchema.safeParse(json);
      if (parsed.success) rules.push(parsed.data);
      else invalid.push({ id: row.id, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
    return { rules, invalid };
  }

  save(rule: AlertRule, by: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO alert_rules (id, rule, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(rule.id, JSON.stringify(rule), at, by);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }
}
