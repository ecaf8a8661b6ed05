import type { Alert, TrendTerm, TrendTopic } from '../../../shared/alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { UserView } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import type { MethodName } from '../../../shared/methods.js';
import type { AlertsRuntime } from '../alerts/alerts-runtime.js';
import { channelSecretKey, channelView, splitChannelInput } from '../alerts/channels/channel-config.js';
import type { SecretStore } from '../engine-types.js';
import type { Store } from '../store/store.js';
import { createAlertRuleRemoveHandler } from './alert-rules-remove.js';
import type { Handlers } from './handlers.js';

export interface AlertsHandlerDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  alerts: AlertsRuntime;
}

type AlertsMethod = Extract<MethodName, `trends.${string}` | `alerts.${string}` | `walls.${string}`>;

const SERIES_WINDOW_MS = 24 * 3600_000;

/** The wall sees figures and terms, never which posts (a wall is a screen in a room). */
const forRole = <T extends TrendTerm | TrendTopic>(user: UserView, x: T): T => (user.role === 'wall' ? { ...x, itemIds: [] } : x);
const visible = (user: UserView, a: Alert) => user.role !== 'wall' || a.private !== true;

/** trends.*, alerts.*, walls.*: thin adapters over the alerts runtime and its repositories. */
export function createAlertsHandlers(d: AlertsHandlerDeps): Pick<Handlers, AlertsMethod> {
  const { store, clock, alerts } = d;
  const { repos } = alerts;
  const iso = () => new Date(clock.now()).toISOString();

  async function channelViewOf(id: string) {
    const config = repos.channels.get(id);
    if (!config) return null;
    return channelView(config, (await d.secrets.get(channelSecretKey(id))) !== null);
  }

  return {
    'trends.top': (user, p) => {
      const report = alerts.detector.lastReport();
      const live = alerts.detector.trending();
      const seen = new Set(live.map((t) => t.term));
      const terms = [...live, ...(report?.terms ?? []).filter((t) => !seen.has(t.term))];
      const topics = report?.topics ?? repos.series.topics(new Date(clock.now() - SERIES_WINDOW_MS).toISOString(), p.limit);
      return {
        terms: terms.slice(0, p.limit).map((t) => forRole(user, t)),
        topics: topics.slice(0, p.limit).map((t) => forRole(user, t)),
        epochStart: alerts.detector.epochStart(),
        epochMs: alerts.detector.options.epochMs,
      };
    },
    'trends.series': (_user, p) => ({
      key: p.key,
      points: repos.series.series(p.key, p.since ?? new Date(clock.now() - SERIES_WINDOW_MS).toISOString(), p.limit),
    }),
    'alerts.list': (user, p) => {
      const list = repos.alerts.list({ limit: p.limit, ...(p.before ? { before: p.before } : {}), unacknowledged: p.unacknowledged });
      return { alerts: list.filter((a) => visible(user, a)) };
    },
    'alerts.ack': (user, p) => {
      const at = iso();
      return store.write(() => {
        const before = repos.alerts.get(p.id);
        if (!before) throw new RpcError('not_found', `no alert "${p.id}"`);
        const alert = repos.alerts.ack(p.id, user.name, at)!;
        if (before.ack === null) store.changes.append({ kind: 'alert.acked', alert }, at);
        return { alert };
      });
    },
    ...createAlertRuleRemoveHandler(d),
    'alerts.rules.list': () => ({ ...repos.rules.list(), errors: alerts.evaluator.ruleErrors() }),
    'alerts.rules.save': (user, p) => {
      const at = iso();
      for (const id of p.rule.channels) {
        if (!repos.channels.get(id)) throw new RpcError('invalid_input', `no alert channel "${id}": save the channel first (alerts.channels.list shows them)`);
      }
      store.write(() => {
        repos.rules.save(p.rule, user.name, at);
        store.changes.append({ kind: 'alert_rule.saved', rule: p.rule }, at);
      });
      alerts.reloadRules();
      const error = alerts.evaluator.ruleErrors()[p.rule.id];
      if (error) throw new RpcError('invalid_input', `saved, but the rule cannot run: ${error}`);
      return { rule: p.rule };
    },
    'alerts.channels.list': async () => {
      const channels = await Promise.all(repos.channels.list().map((c) => channelViewOf(c.id)));
      return { channels: channels.filter((c) => c !== null) };
    },
    'alerts.channels.save': async (_user, p) => {
      let split;
      try {
        split = splitChannelInput(p.channel, repos.channels.get(p.channel.id));
      } catch (err) {
        throw new RpcError('invalid_input', err instanceof Error ? err.message : String(err));
      }
      // The secret first: a channel never points at a secret that is not there.
      if (split.secret !== undefined) await d.secrets.set(channelSecretKey(split.config.id), split.secret);
      const at = iso();
      const channel = (await channelViewOf(split.config.id)) ?? null;
      const view = { ...split.config, hasSecret: split.secret !== undefined || (channel?.hasSecret ?? false) };
      store.write(() => {
        repos.channels.save(split.config, at);
        store.changes.append({ kind: 'alert_channel.saved', channel: view }, at);
      });
      return { channel: view };
    },
    'alerts.deadLetters.list': (_user, p) => ({ deadLetters: repos.deadLetters.list(p.limit) }),
    'alerts.deadLetters.retry': async (_user, p) => {
      const report = await alerts.dispatcher.retryDeadLetter(p.id);
      if (!report) throw new RpcError('not_found', `no dead letter ${p.id}`);
      const at = iso();
      store.write(() => {
        if (!repos.deadLetters.get(p.id)) store.changes.append({ kind: 'dead_letter.removed', id: p.id }, at);
        if (report.deadLetterId !== undefined) {
          const fresh = repos.deadLetters.get(report.deadLetterId);
          if (fresh) store.changes.append({ kind: 'dead_letter.added', letter: fresh.letter }, at);
        }
      });
      return { report };
    },
    'walls.get': (_user, p) => repos.walls.get(p.wallId),
    'walls.save': (user, p) => {
      const at = iso();
      return store.write(() => {
        const saved = repos.walls.save(p.wallId, p.layout, user.name, at);
        store.changes.append({ kind: 'wall.saved', wall: saved }, at);
        return saved;
      });
    },
  };
}
