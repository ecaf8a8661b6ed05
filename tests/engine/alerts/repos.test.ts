import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AlertsRepo } from '../../../electron/engine/alerts/alerts-repo.js';
import { DeadLetterRepo, MAX_DEAD_LETTERS } from '../../../electron/engine/alerts/dead-letter-repo.js';
import { RulesRepo } from '../../../electron/engine/alerts/rules-repo.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { applyTrendsAlertsSchema, TRENDS_ALERTS_MIGRATION } from '../../../electron/engine/trends/migration.js';
import { alert } from './channel-helpers.js';
import { rule } from './helpers.js';

function db() {
  const d = new Database(':memory:');
  applyTrendsAlertsSchema(d);
  return d;
}

describe('trends and alerts storage', () => {
  it("is in the store's migrations, after the shipped ones, and a fresh store has its tables", () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'nr-11-')), 'data.db'));
    const i = MIGRATIONS.findIndex((m) => m.sql === TRENDS_ALERTS_MIGRATION.sql);
    expect(i).toBeGreaterThan(0);
    expect(MIGRATIONS[i]!.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['trend_series', 'trend_topics', 'alert_rules', 'alerts', 'alert_channels', 'alert_dead_letters', 'wall_layouts']));
    store.close();
  });

  it('lists alerts newest first, pages, filters the unacknowledged, and keeps the first acknowledgement', () => {
    const repo = new AlertsRepo(db());
    for (let i = 1; i <= 5; i++) repo.insert(alert({ id: `a${i}`, createdAt: `2026-11-22T12:0${i}:00.000Z` }));
    expect(repo.list({ limit: 3 }).map((a) => a.id)).toEqual(['a5', 'a4', 'a3']);
    expect(repo.list({ limit: 10, before: '2026-11-22T12:03:00.000Z' }).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(repo.ack('a4', 'lead', '2026-11-22T13:00:00.000Z')!.ack).toEqual({ by: 'lead', at: '2026-11-22T13:00:00.000Z' });
    expect(repo.ack('a4', 'crisis', '2026-11-22T14:00:00.000Z')!.ack).toEqual({ by: 'lead', at: '2026-11-22T13:00:00.000Z' });
    expect(repo.ack('nope', 'lead', '2026-11-22T13:00:00.000Z')).toBeNull();
    expect(repo.list({ limit: 10, unacknowledged: true }).map((a) => a.id)).toEqual(['a5', 'a3', 'a2', 'a1']);
    expect(repo.get('a1')!.evidence.numbers.significance).toBe(19.1);
    expect(repo.since('2026-11-22T12:04:00.000Z')).toEqual([
      { ruleId: 'news', subject: 'term:shooting', createdAt: '2026-11-22T12:04:00.000Z' },
      { ruleId: 'news', subject: 'term:shooting', createdAt: '2026-11-22T12:05:00.000Z' },
    ]);
    expect(repo.prune('2026-11-22T12:02:00.000Z', 2)).toBe(3);
    expect(repo.list({ limit: 10 }).map((a) => a.id)).toEqual(['a5', 'a4']);
  });

  it('returns valid rules and names the rows that no longer parse', () => {
    const d = db();
    const repo = new RulesRepo(d);
    repo.save(rule({ id: 'q', name: 'Refunds', kind: 'query_match', severity: 'info', query: 'refund' }), 'lead', '2026-11-22T12:00:00.000Z');
    d.prepare("INSERT INTO alert_rules VALUES ('broken', '{\"kind\":\"volume_spike\"}', 'x', 'y'), ('junk', 'not json', 'x', 'y')").run();
    const { rules, invalid } = repo.list();
    expect(rules.map((r) => r.id)).toEqual(['q']);
    expect(rules[0]).toMatchObject({ cooldownMinutes: 30, channels: [], quietHours: null, enabled: true });
    expect(invalid.map((i) => i.id)).toEqual(['broken', 'junk']);
    expect(repo.remove('q')).toBe(true);
    expect(repo.list().rules).toEqual([]);
  });

  it('caps the dead letters, dropping the oldest', () => {
    const repo = new DeadLetterRepo(db());
    const t = '2026-11-22T12:00:00.000Z';
    let last = 0;
    for (let i = 0; i < MAX_DEAD_LETTERS + 5; i++) last = repo.add({ channelId: 'ch', attempts: 5, error: 'x'.repeat(5000), firstAttemptAt: t, lastAttemptAt: t }, alert({ id: `a${i}` }));
    const list = repo.list(MAX_DEAD_LETTERS + 10);
    expect(list).toHaveLength(MAX_DEAD_LETTERS);
    expect(list[0]!.id).toBe(last);
    expect(list.at(-1)!.alertId).toBe('a5');
    expect(list[0]!.error).toHaveLength(2000);
  });
});
