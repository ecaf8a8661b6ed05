import Database from 'better-sqlite3';
import type { Alert, ChannelConfig } from '../../../shared/alerts.js';
import type { Clock } from '../../../shared/clock.js';
import { channelSecretKey } from '../../../electron/engine/alerts/channels/channel-config.js';
import { ChannelsRepo } from '../../../electron/engine/alerts/channels/channels-repo.js';
import { DeadLetterRepo } from '../../../electron/engine/alerts/dead-letter-repo.js';
import { applyTrendsAlertsSchema } from '../../../electron/engine/trends/migration.js';

/**
 * A clock for delivery tests: waits up to `maxFireMs` (retry backoff) pass at once and are
 * recorded; longer timers (the request timeout) never fire unless the test asks for it.
 */
export class RecordingClock implements Clock {
  t = Date.parse('2026-11-22T12:00:00Z');
  readonly waits: number[] = [];
  private next = 1;
  private readonly live = new Set<number>();
  constructor(private readonly maxFireMs = 15 * 60_000) {}
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    if (ms > this.maxFireMs) return id;
    this.waits.push(ms);
    this.live.add(id);
    setImmediate(() => {
      if (!this.live.delete(id)) return;
      this.t += ms;
      fn();
    });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.live.delete(handle as number);
  }
}

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    ruleId: 'news',
    ruleName: 'Sensitive news',
    kind: 'sensitive_event',
    severity: 'crisis',
    subject: 'term:shooting',
    title: 'Sensitive news: “shooting” in the news',
    why: '“shooting” is on the sensitive-events list and trending: 48 posts this epoch vs 0.2 ± 0.4 usually (significance 19.1 ≥ 3).',
    evidence: { itemIds: [11, 12], terms: ['shooting'], seriesKey: 'topic:t-1', series: [], numbers: { count: 48, expected: 0.2, sd: 0.4, significance: 19.1 } },
    createdAt: '2026-11-22T12:00:00.000Z',
    quiet: false,
    channels: ['ch'],
    ack: null,
    ...over,
  };
}

/** A store with issue 11's tables, one channel and its secret. */
export function channelWorld(config: ChannelConfig, secret: string | null) {
  const db = new Database(':memory:');
  applyTrendsAlertsSchema(db);
  const channels = new ChannelsRepo(db);
  channels.save(config, '2026-11-22T12:00:00.000Z');
  const deadLetters = new DeadLetterRepo(db);
  const store = new Map<string, string>(secret === null ? [] : [[channelSecretKey(config.id), secret]]);
  const secrets = { get: async (key: string) => store.get(key) ?? null };
  return { db, channels, deadLetters, secrets, store };
}
