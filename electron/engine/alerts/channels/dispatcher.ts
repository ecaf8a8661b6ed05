import { severityAtLeast, type Alert, type ChannelConfig, type DeliveryReport } from '../../../../shared/alerts.js';
import type { Clock } from '../../../../shared/clock.js';
import type { HttpFetch, Logger } from '../../engine-types.js';
import type { DeadLetterRepo } from '../dead-letter-repo.js';
import { channelSecretKey } from './channel-config.js';
import { alertEmail, sendMail, smtpTransport, type EmailChannel, type MailTransport } from './email.js';
import { webhookPayload, type EvidenceItem, type MessageContext } from './payloads.js';
import { DEFAULT_RETRY_POLICY, withRetries, type DeliveryOutcome, type RetryPolicy } from './retry.js';
import { postWebhook } from './webhook.js';

export interface DispatcherDeps {
  clock: Clock;
  http: HttpFetch;
  random?: () => number;
  channels: { get(id: string): ChannelConfig | null };
  /** The host's secret store (webhook URLs and SMTP passwords, see channelSecretKey). */
  secrets: { get(key: string): Promise<string | null> };
  deadLetters: DeadLetterRepo;
  mailTransport?: (config: EmailChannel, password: string | null) => MailTransport;
  /** The posts behind an alert, for the message (the host reads them from the store). */
  evidenceItems?: (itemIds: readonly number[]) => EvidenceItem[];
  /** Link to an alert in the app, e.g. id => `https://hub.example/#/alerts/${id}`. */
  alertLink?: (alertId: string) => string | null;
  policy?: Partial<RetryPolicy>;
  /** Deliveries waiting per channel before new ones go straight to the dead letters. */
  maxQueuePerChannel?: number;
  webhookTimeoutMs?: number;
  log?: Logger;
}

export type { DeliveryReport } from '../../../../shared/alerts.js';

export type AlertDispatcher = ReturnType<typeof createAlertDispatcher>;

/**
 * Pushes alerts to their rules' channels. Deliveries to one channel go one at a time (a flood
 * of alerts doesn't open a flood of connections); what fails for good lands in the dead letters
 * with the reason, to be retried from there once the channel is fixed.
 */
export function createAlertDispatcher(deps: DispatcherDeps) {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  const maxQueue = deps.maxQueuePerChannel ?? 100;
  const tails = new Map<string, Promise<unknown>>();
  const waiting = new Map<string, number>();
  const inFlight = new Set<Promise<unknown>>();
  const retrying = new Set<number>();

  function context(alert: Alert): MessageContext {
    let items: EvidenceItem[] = [];
    try {
      items = deps.evidenceItems?.(alert.evidence.itemIds) ?? [];
    } catch (err) {
      deps.log?.warn('alerts: could not read the evidence posts for a message', { error: String(err) });
    }
    return { items, link: deps.alertLink?.(alert.id) ?? null };
  }

  async function attempt(channel: ChannelConfig, alert: Alert): Promise<DeliveryOutcome> {
    const secret = await deps.secrets.get(channelSecretKey(channel.id));
    const now = new Date(deps.clock.now()).toISOString();
    if (channel.kind === 'webhook') {
      if (!secret) return { ok: false, attempts: 0, error: 'no webhook URL is stored for this channel: save the channel again with its URL', firstAttemptAt: now, lastAttemptAt: now };
      const payload = webhookPayload(channel.format, alert, context(alert));
      return withRetries(() => postWebhook({ http: deps.http, clock: deps.clock, timeoutMs: deps.webhookTimeoutMs }, secret, payload), policy, deps);
    }
    const message = alertEmail(channel, alert, context(alert));
    const make = deps.mailTransport ?? smtpTransport;
    return withRetries(() => sendMail(make(channel, secret), message, channel.host), policy, deps);
  }

  async function deliver(channel: ChannelConfig, alert: Alert): Promise<DeliveryReport> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await attempt(channel, alert);
    } catch (err) {
      const now = new Date(deps.clock.now()).toISOString();
      outcome = { ok: false, attempts: 1, error: `delivery failed: ${err instanceof Error ? err.message : String(err)}`, firstAttemptAt: now, lastAttemptAt: now };
    }
    if (outcome.ok) return { channelId: channel.id, status: 'delivered', attempts: outcome.attempts };
    return deadLetter(channel.id, alert, outcome.attempts, outcome.error, outcome.firstAttemptAt, outcome.lastAttemptAt);
  }

  function deadLetter(channelId: string, alert: Alert, attempts: number, error: string, first: string, last: string): DeliveryReport {
    try {
      const id = deps.deadLetters.add({ channelId, attempts, error, firstAttemptAt: first, lastAttemptAt: last }, alert);
      deps.log?.warn('alerts: delivery failed for good, kept in the dead letters', { channelId, alertId: alert.id, error });
      return { channelId, status: 'dead_letter', attempts, reason: error, deadLetterId: id };
    } catch (err) {
      // The alert itself is in the in-app list already; only this delivery's record is lost.
      deps.log?.error('alerts: could not store a dead letter', { channelId, alertId: alert.id, error, storeError: String(err) });
      return { channelId, status: 'dead_letter', attempts, reason: error };
    }
  }

  /** Queues behind the channel's earlier deliveries; refuses (dead letter) when too many wait. */
  function enqueue(channel: ChannelConfig, alert: Alert): Promise<DeliveryReport> {
    const queued = waiting.get(channel.id) ?? 0;
    if (queued >= maxQueue) {
      const now = new Date(deps.clock.now()).toISOString();
      return Promise.resolve(deadLetter(channel.id, alert, 0, `the channel has ${queued} deliveries waiting; this one was not tried`, now, now));
    }
    waiting.set(channel.id, queued + 1);
    const run = (tails.get(channel.id) ?? Promise.resolve()).then(() => deliver(channel, alert));
    const tail = run.finally(() => {
      const left = (waiting.get(channel.id) ?? 1) - 1;
      if (left === 0) waiting.delete(channel.id);
      else waiting.set(channel.id, left);
      if (tails.get(channel.id) === tail) tails.delete(channel.id);
      inFlight.delete(tail);
    });
    tails.set(channel.id, tail);
    inFlight.add(tail);
    return run;
  }

  function skip(channelId: string, reason: string): DeliveryReport {
    return { channelId, status: 'skipped', attempts: 0, reason };
  }

  return {
    /** Sends an alert to each of its channels; resolves when every delivery is settled. */
    dispatch(alert: Alert): Promise<DeliveryReport[]> {
      return Promise.all(
        alert.channels.map((id) => {
          const channel = deps.channels.get(id);
          if (!channel) return skip(id, 'no such channel (it was removed?)');
          if (!channel.enabled) return skip(id, 'the channel is turned off');
          if (alert.quiet) return skip(id, "raised in the rule's quiet hours: in the app only");
          if (!severityAtLeast(alert.severity, channel.minSeverity)) return skip(id, `the channel takes ${channel.minSeverity} and above`);
          return enqueue(channel, alert);
        }),
      );
    },

    /** Tries a dead letter again; on success it leaves the list, on failure a fresh letter replaces it. */
    async retryDeadLetter(id: number): Promise<DeliveryReport | null> {
      const found = deps.deadLetters.get(id);
      if (!found) return null;
      const channel = deps.channels.get(found.letter.channelId);
      if (!channel) return skip(found.letter.channelId, 'no such channel (it was removed?)');
      if (retrying.has(id)) return skip(found.letter.channelId, 'this dead letter is being retried already');
      retrying.add(id);
      try {
        const report = await enqueue(channel, found.alert);
        // Removed only once settled: a crash mid-retry leaves the letter (a failure left a fresh one).
        deps.deadLetters.remove(id);
        return report;
      } finally {
        retrying.delete(id);
      }
    },

    /** Waits for every delivery under way (engine stop). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
