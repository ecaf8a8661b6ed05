import type Database from 'better-sqlite3';
import type { Platform, SourceConfig, SourceStatus, SourceView } from '../../../shared/domain.js';

interface DbRow {
  id: string;
  platform: Platform;
  name: string;
  config: string;
  has_token: number;
  paused: number;
  status: SourceStatus;
  last_poll_at: string | null;
  last_error: string | null;
  created_at: string;
}

function toView(r: DbRow): SourceView {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    config: JSON.parse(r.config) as SourceConfig,
    hasToken: r.has_token === 1,
    paused: r.paused === 1,
    status: r.paused === 1 ? 'paused' : r.status,
    lastPollAt: r.last_poll_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

export interface NewSource {
  id: string;
  platform: Platform;
  name: string;
  config: SourceConfig;
  hasToken: boolean;
  createdAt: string;
}

export class SourcesRepo {
  constructor(private readonly db: Database.Database) {}

  add(s: NewSource): SourceView {
    this.db
      .prepare(
        'INSERT INTO sources (id, platform, name, config, has_token, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(s.id, s.platform, s.name, JSON.stringify(s.config), s.hasToken ? 1 : 0, s.createdAt);
    return this.get(s.id)!;
  }

  get(id: string): SourceView | null {
    const r = this.db.prepare('SELECT * FROM sources WHERE id = ? AND removed_at IS NULL').get(id) as DbRow | undefined;
    return r ? toView(r) : null;
  }

  list(): SourceView[] {
    return (this.db.prepare('SELECT * FROM sources WHERE removed_at IS NULL ORDER BY created_at, id').all() as DbRow[]).map(toView);
  }

  remove(id: string, at: string): boolean {
    return this.db.prepare('UPDATE sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id).changes === 1;
  }

  update(id: string, s: { name: string; config: SourceConfig; hasToken: boolean }): void {
    this.db
      .prepare('UPDATE sources SET name = ?, config = ?, has_token = ? WHERE id = ?')
      .run(s.name, JSON.stringify(s.config), s.hasToken ? 1 : 0, id);
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE sources SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
  }

  setHealth(id: string, h: { status: Exclude<SourceStatus, 'paused'>; lastPollAt: string | null; lastError: string | null }): void {
    this.db
      .prepare('UPDATE sources SET status = ?, last_poll_at = ?, last_error = ? WHERE id = ?')
      .run(h.status, h.lastPollAt, h.lastError, id);
  }

  getCursor(sourceId: string, key: string): string | null {
    const r = this.db.prepare('SELECT value FROM source_cursors WHERE source_id = ? AND key = ?').get(sourceId, key) as
      | { value: string }
      | undefined;
    return r?.value ?? null;
  }

  setCursor(sourceId: string, key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO source_cursors (source_id, key, value) VALUES (?, ?, ?) ON CONFLICT (source_id, key) DO UPDATE SET value = excluded.value',
      )
      .run(sourceId, key, value);
  }
}
