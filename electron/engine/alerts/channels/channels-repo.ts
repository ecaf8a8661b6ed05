import type Database from 'better-sqlite3';
import type { ChannelConfig } from '../../../../shared/alerts.js';

/** Channel settings without their secrets (those are in the secret store, see channelSecretKey). */
export class ChannelsRepo {
  constructor(private readonly db: Database.Database) {}

  save(config: ChannelConfig, at: string): void {
    this.db
      .prepare(
        `INSERT INTO alert_channels (id, config, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
      )
      .run(config.id, JSON.stringify(config), at);
  }

  get(id: string): ChannelConfig | null {
    const row = this.db.prepare('SELECT config FROM alert_channels WHERE id = ?').get(id) as { config: string } | undefined;
    return row ? (JSON.parse(row.config) as ChannelConfig) : null;
  }

  list(): ChannelConfig[] {
    return (this.db.prepare('SELECT config FROM alert_channels ORDER BY id').all() as Array<{ config: string }>).map((r) => JSON.parse(r.config) as ChannelConfig);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM alert_channels WHERE id = ?').run(id).changes > 0;
  }
}
