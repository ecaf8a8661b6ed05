import { isPrivate, type Item } from '../../../shared/domain.js';
import type { Alert } from '../../../shared/alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { HttpFetch, Logger, SecretStore } from '../engine-types.js';
import type { AfterCommitHook, IngestedItem } from '../ingest/hooks.js';
import { createMatcher, parseQuery, type MatchInput } from '../../../shared/listen/index.js';
import { suggestFreeze } from '../publish/freeze-service.js';
import type { Store } from '../store/store.js';
import { SeriesRepo } from '../trends/series-repo.js';
import { tokenize } from '../trends/tokenize.js';
import { createTrendDetector, type TrendDetector, type TrendOptions } from '../trends/trend-detector.js';
import { AlertsRepo } from './alerts-repo.js';
import { ChannelsRepo } from './channels/channels-repo.js';
import { createAlertDispatcher, type AlertDispatcher, type DispatcherDeps } from './channels/dispatcher.js';
import type { EvidenceItem } from './channels/payloads.js';
import { DeadLetterRepo } from './dead-letter-repo.js';
import { defaultAlertRules } from './default-rules.js';
import { createAlertEvaluator, type AlertEvaluator, type AlertPost } from './evaluator.js';
import { RulesRepo } from './rules-repo.js';
import { WallLayoutsRepo } from './wall-layouts-repo.js';

/** Who raises the engine's own freeze suggestions, in the audit. */
export const ALERTS_ACTOR = 'alerts';
const KEEP_ALERTS_MS = 30 * 24 * 3600_000;
const MAX_ALERTS = 10_000;
const SUGGESTION_ITEMS = 5;
/** The alert list is trimmed (30 days, 10,000 alerts) once an hour of one-minute epochs. */
const PRUNE_EVERY_EPOCHS = 60;

export interface AlertsOptions {
  /** Trend detector options (tests and the demo shorten the epoch). */
  trends?: Partial<TrendOptions>;
  /** Channel delivery overrides (tests: a mail transport, a fast retry policy). */
  dispatch?: Pick<DispatcherDeps, 'mailTransport' | 'policy' | 'random' | 'webhookTimeoutMs'>;
  /** The brand's names, for the default rules a fresh install starts with. */
  brandTerms?: readonly string[];
  /** The link to an alert in the app, for webhook and email messages (the hub's public URL); none when unset. */
  alertLink?: DispatcherDeps['alertLink'];
}

export interface AlertsRuntimeDeps {
  store: Store;
  clock: Clock;
  http: HttpFetch;
  secrets: SecretStore;
  log: Logger;
  options?: AlertsOptions | undefined;
}

type PostWithMatch = AlertPost & { match: MatchInput };

function matchInputOfItem(item: Item): MatchInput {
  const e = item.enrichment;
  return {
    text: item.contentWarning ? `${item.contentWarning}\n${item.text}` : item.text,
    hashtags: item.tags,
    mentions: [],
    author: item.author.handle,
    platform: item.platform,
    lang: e?.lang.value ?? item.lang,
    url: item.url,
    isReply: item.replyTo !== null,
    hasMedia: item.media.length > 0,
    sentiment: e?.sentiment.label ?? null,
    intent: e?.intent.label ?? null,
    stage: e?.stage.label ?? null,
    topics: [],
  };
}

/** One query as a predicate over posts (the listening matcher, one query at a time). */
function compileQuery(query: string): (post: AlertPost) => boolean {
  const matcher = createMatcher();
  matcher.set('q', parseQuery(query));
  return (post) => {
    const m = (post as Partial<PostWithMatch>).match;
    return m !== undefined && matcher.match(m).length > 0;
  };
}

export interface AlertsRuntime {
  readonly detector: TrendDetector;
  readonly evaluator: AlertEvaluator;
  readonly dispatcher: AlertDispatcher;
  readonly repos: { alerts: AlertsRepo; rules: RulesRepo; channels: ChannelsRepo; deadLetters: DeadLetterRepo; series: SeriesRepo; walls: WallLayoutsRepo };
  readonly hook: AfterCommitHook;
  /** Rules changed (alerts.rules.save): the evaluator takes the stored set. */
  reloadRules(): void;
  /** Settles once every alert raised so far is stored, suggested and handed to its channels (tests). */
  idle(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Trends and alerts inside the engine: an after-commit ingest hook feeds the trend detector
 * (public posts only: what trends may reach the wall) and the alert evaluator (every post); the
 * detector's onsets and epoch reports feed the evaluator too. Each alert is stored with a change
 * event, pushed to its channels (dead letters on failure), and a crisis alert suggests a freeze.
 */
export function createAlertsRuntime(deps: AlertsRuntimeDeps): AlertsRuntime {
  const { store, clock, log } = deps;
  const db = store.db;
  const repos = {
    alerts: new AlertsRepo(db),
    rules: new RulesRepo(db),
    channels: new ChannelsRepo(db),
    deadLetters: new DeadLetterRepo(db),
    series: new SeriesRepo(db),
    walls: new WallLayoutsRepo(db),
  };
  const detector = createTrendDetector({ clock, repo: repos.series, log }, deps.options?.trends ?? {});
  const o = detector.options;
  const evaluator = createAlertEvaluator({ clock, compileQuery }, { epochMs: o.epochMs, halfLifeEpochs: o.halfLifeEpochs, beta: o.beta, warmupEpochs: o.warmupEpochs });
  const iso = () => new Date(clock.now()).toISOString();
  const pending = new Set<Promise<unknown>>();
  let epochsClosed = 0;

  const dispatcher = createAlertDispatcher({
    clock,
    http: deps.http,
    channels: repos.channels,
    secrets: deps.secrets,
    deadLetters: repos.deadLetters,
    evidenceItems: (ids) =>
      ids.slice(-SUGGESTION_ITEMS).flatMap((id): EvidenceItem[] => {
        const item = store.items.get(id);
        return item ? [{ author: item.author.handle, text: item.text, url: item.url }] : [];
      }),
    log,
    ...(deps.options?.alertLink ? { alertLink: deps.options.alertLink } : {}),
    ...deps.options?.dispatch,
  });

  // A fresh store gets the default rules; a store whose lead removed every rule (the audit says so) stays empty.
  const everRemoved = db.prepare("SELECT 1 FROM audit WHERE entity = 'alert_rule' AND action = 'alert_rule.removed' LIMIT 1").get() !== undefined;
  if (!everRemoved && repos.rules.list().rules.length === 0 && (db.prepare('SELECT COUNT(*) AS n FROM alert_rules').get() as { n: number }).n === 0) {
    const at = iso();
    for (const rule of defaultAlertRules(deps.options?.brandTerms ?? [])) repos.rules.save(rule, ALERTS_ACTOR, at);
  }

  function reloadRules(): void {
    evaluator.setRules(repos.rules.list().rules);
  }
  reloadRules();
  const cooldownWindow = 7 * 24 * 3600_000;
  evaluator.seedCooldowns(repos.alerts.since(new Date(clock.now() - cooldownWindow).toISOString()));

  function track(p: Promise<unknown>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function suggestFromAlert(alert: Alert): void {
    if (store.freeze.get().frozen) return;
    const items = alert.evidence.itemIds
      .slice(-SUGGESTION_ITEMS)
      .map((id) => store.items.get(id))
      .filter((i): i is Item => i !== null && i !== undefined && !isPrivate(i.visibility));
    suggestFreeze(
      { store, clock },
      {
        reason: `${alert.title}: ${alert.why}`.slice(0, 500),
        evidence: [
          { text: `Alert ${alert.id} (${alert.severity}, rule “${alert.ruleName}”)` },
          ...items.map((i) => ({ text: `@${i.author.handle}: ${i.text}`.slice(0, 1000), ...(i.url && /^https?:/.test(i.url) ? { url: i.url } : {}) })),
        ],
        by: ALERTS_ACTOR,
      },
    );
  }

  /**
   * An alert only private posts show stays off the wall (and suggests no freeze). One that public
   * posts show too stays public: its private posts leave the evidence (they are in the queue), so a
   * DM among a crisis's posts can neither hide the crisis nor reach the wall.
   */
  function withPrivacy(raw: Alert): Alert {
    const privateIds = new Set(
      raw.evidence.itemIds.filter((id) => {
        const item = store.items.get(id);
        return item ? isPrivate(item.visibility) : false;
      }),
    );
    if (privateIds.size === 0) return { ...raw, private: false };
    if (privateIds.size === raw.evidence.itemIds.length) return { ...raw, private: true };
    return { ...raw, private: false, evidence: { ...raw.evidence, itemIds: raw.evidence.itemIds.filter((id) => !privateIds.has(id)) } };
  }

  function raise(alerts: readonly Alert[]): void {
    for (const raw of alerts) {
      try {
        const alert = withPrivacy(raw);
        store.write(() => {
          repos.alerts.insert(alert);
          store.changes.append({ kind: 'alert.raised', alert }, alert.createdAt);
        });
        if (alert.severity === 'crisis' && !alert.private) suggestFromAlert(alert);
        if (alert.channels.length > 0) {
          track(
            dispatcher.dispatch(alert).then((reports) => {
              for (const r of reports) {
                if (r.status !== 'dead_letter' || r.deadLetterId === undefined) continue;
                const found = repos.deadLetters.get(r.deadLetterId);
                if (found) store.write(() => store.changes.append({ kind: 'dead_letter.added', letter: found.letter }, iso()));
              }
            }),
          );
        }
      } catch (err) {
        log.error('alerts: could not store or deliver an alert', { alert: raw.id, rule: raw.ruleId, error: String(err) });
      }
    }
  }

  function safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      log.error(`alerts: ${what} failed; ingest goes on`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }

  detector.onOnset((onset) =>
    safely('a trend onset', () => {
      store.write(() => store.changes.append({ kind: 'trends.onset', term: onset.term.term }, iso()));
      raise(evaluator.onOnset(onset));
    }),
  );
  detector.onEpoch((report) =>
    safely('an epoch report', () => {
      raise(evaluator.tick());
      raise(evaluator.onEpoch(report));
      store.write(() => store.changes.append({ kind: 'trends.epoch', epochStart: report.epochStart, posts: report.posts }, iso()));
      if (++epochsClosed % PRUNE_EVERY_EPOCHS === 0) repos.alerts.prune(new Date(clock.now() - KEEP_ALERTS_MS).toISOString(), MAX_ALERTS);
    }),
  );

  function onItem({ change, item }: IngestedItem): void {
    if (change === 'deleted' || item.deletedAt !== null) return;
    const sentiment = item.enrichment?.sentiment.score ?? null;
    const lang = item.enrichment?.lang.value ?? item.lang;
    const tokens = tokenize(item.contentWarning ? `${item.contentWarning}\n${item.text}` : item.text, item.tags, lang);
    // A private conversation's words never reach the trends (the wall shows them); alerts see everything.
    if (change === 'added' && !isPrivate(item.visibility)) detector.ingestTokens(item.id, tokens, sentiment);
    const post: PostWithMatch = { itemId: item.id, text: item.text, tags: item.tags, author: { handle: item.author.handle, followers: item.author.followers }, lang, sentiment, tokens, match: matchInputOfItem(item) };
    raise(evaluator.onPost(post));
  }

  const hook: AfterCommitHook = {
    name: 'trends-and-alerts',
    afterCommit(items) {
      for (const ingested of items) safely('a post', () => onItem(ingested));
    },
  };

  return {
    detector,
    evaluator,
    dispatcher,
    repos,
    hook,
    reloadRules,
    async idle() {
      await detector.idle();
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await dispatcher.idle();
    },
    start() {
      detector.start();
    },
    async stop() {
      await detector.stop();
      await dispatcher.idle();
    },
  };
}
