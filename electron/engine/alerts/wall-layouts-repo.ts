import type Database from 'better-sqlite3';
import { DEFAULT_WALL_LAYOUT, wallLayoutSchema, type SavedWallLayout, type WallLayout } from '../../../shared/alerts.js';

/** Which panels each wall shows (chosen by leads); a wall nobody arranged gets the default. */
export class WallLayoutsRepo {
  constructor(private readonly db: Database.Database) {}

  get(wallId: string): SavedWallLayout {
    const row = this.db.prepare('SELECT layout, updated_by, updated_at FROM wall_layouts WHERE wall_id = ?').get(wallId) as
      | { layout: string; updated_by: string; updated_at: string }
      | undefined;
    const parsed = row ? wallLayoutSchema.safeParse(JSON.parse(row.layout)) : null;
    if (!row || !parsed?.success) return { wallId, layout: DEFAULT_WALL_LAYOUT, updatedBy: null, updatedAt: null };
    return { wallId, layout: parsed.data, updatedBy: row.updated_by, updatedAt: row.updated_at };
  }

  save(wallId: string, layout: WallLayout, by: string, at: string): SavedWallLayout {
    this.db
      .prepare(
        `INSERT INTO wall_layouts (wall_id, layout, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (wall_id) DO UPDATE SET layout = excluded.layout, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(wallId, JSON.stringify(layout), by, at);
    return { wallId, layout, updatedBy: by, updatedAt: at };
  }
}
