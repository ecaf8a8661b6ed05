import type Database from 'better-sqlite3';
import type { FreezeScope, FreezeState, FreezeSuggestion } from '../../../shared/publishing.js';

interface StateRow {
  frozen: number;
  epoch: number;
  reason: string | null;
  scope: string;
  by_user: string | null;
  since: string | null;
  expires_at: string | null;
  pending_lift_by: string | null;
  pending_lift_at: string | null;
  lift_requires_second_person: number;
}

interface SuggestionRow {
  id: string;
  reason: string;
  evidence: string;
  by_user: string;
  at: string;
  resolved_at: string | null;
}

function toState(r: StateRow): FreezeState {
  return {
    frozen: r.frozen === 1,
    epoch: r.epoch,
    reason: r.reason,
    scope: JSON.parse(r.scope) as FreezeScope,
    by: r.by_user,
    since: r.since,
    expiresAt: r.expires_at,
    pendingLift: r.pending_lift_by !== null && r.pending_lift_at !== null ? { by: r.pending_lift_by, at: r.pending_lift_at } : null,
    liftRequiresSecondPerson: r.lift_requires_second_person === 1,
  };
}

function toSuggestion(r: SuggestionRow): FreezeSuggestion {
  return {
    id: r.id,
    reason: r.reason,
    evidence: JSON.parse(r.evidence) as FreezeSuggestion['evidence'],
    by: r.by_user,
    at: r.at,
    resolvedAt: r.resolved_at,
  };
}

/** The one freeze row (migration 2 creates it) and the suggestions to freeze. */
export class FreezeRepo {
  private readonly getStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare('SELECT * FROM freeze_state WHERE id = 1');
  }

  get(): FreezeState {
    return toState(this.getStmt.get() as StateRow);
  }

  set(s: FreezeState): FreezeState {
    this.db
      .prepare(
        `UPDATE freeze_state SET frozen = ?, epoch = ?, reason = ?, scope = ?, by_user = ?, since = ?, expires_at = ?,
         pending_lift_by = ?, pending_lift_at = ?, lift_requires_second_person = ? WHERE id = 1`,
      )
      .run(
        s.frozen ? 1 : 0,
        s.epoch,
        s.reason,
        JSON.stringify(s.scope),
        s.by,
        s.since,
        s.expiresAt,
        s.pendingLift?.by ?? null,
        s.pendingLift?.at ?? null,
        s.liftRequiresSecondPerson ? 1 : 0,
      );
    return this.get();
  }

  addSuggestion(s: FreezeSuggestion): FreezeSuggestion {
    this.db
      .prepare('INSERT INTO freeze_suggestions (id, reason, evidence, by_user, at) VALUES (?, ?, ?, ?, ?)')
      .run(s.id, s.reason, JSON.stringify(s.evidence), s.by, s.at);
    return this.getSuggestion(s.id)!;
  }

  getSuggestion(id: string): FreezeSuggestion | null {
    const r = this.db.prepare('SELECT * FROM freeze_suggestions WHERE id = ?').get(id) as SuggestionRow | undefined;
    return r ? toSuggestion(r) : null;
  }

  openSuggestions(): FreezeSuggestion[] {
    return (this.db.prepare('SELECT * FROM freeze_suggestions WHERE resolved_at IS NULL ORDER BY at, id').all() as SuggestionRow[]).map(toSuggestion);
  }

  resolveSuggestion(id: string, at: string, by: string, resolution: 'frozen' | 'dismissed'): FreezeSuggestion | null {
    const n = this.db
      .prepare('UPDATE freeze_suggestions SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL')
      .run(at, by, resolution, id).changes;
    return n === 1 ? this.getSuggestion(id) : null;
  }
}
