import type { ChangeEnvelope } from '../../shared/changes.js';
import type { Engine, EngineDeps, HealthReport } from './engine-types.js';
import { createAlertsRuntime, type AlertsRuntime } from './alerts/alerts-runtime.js';
import type { AfterCommitHook, InTransactionHook } from './ingest/hooks.js';
import { createPipeline, type Pipeline } from './ingest/pipeline.js';
import { ensureKnownAccount, type KnownAccount } from './publish/accounts-service.js';
import { createPublishing, type Publishing } from './publish/publishing.js';
import { createQueueService, type QueueService } from './queue/wiring/queue-service.js';
import { createReplyParentResolver } from './publish/reply-parent.js';
import { dispatch } from './rpc/dispatch.js';
import { createHandlers } from './rpc/handlers.js';
import { ensureSource, type SourceInput } from './sources-service.js';
import { createSourceManager } from './sources/source-manager.js';
import { openChangeStream, type ChangeStream } from './stream/change-stream.js';
import { SYSTEM_ACTOR } from './team/audit.js';
import { topicSlug } from '../../shared/topics.js';
import { createRetagger, type Retagger } from './topics/retag.js';
import { saveTopic, type TopicInput } from './topics/topics-service.js';
import { createUnderstandingRuntime, type UnderstandingRuntime } from './topics/understanding-runtime.js';
import { SessionRegistry } from './team/sessions.js';
import { authenticate } from './team/users.js';
import { VERSION } from './version.js';

export interface EngineWithInternals extends Engine {
  readonly pipeline: Pipeline;
  /** The scheduler (tick/drain for tests) and suggestFreeze() for the alerts. */
  readonly publishing: Publishing;
  /** The enricher and topic matcher; `detectorReady` resolves once the language detector loaded (after start()). */
  readonly understanding: UnderstandingRuntime;
  /** Background re-tags after topic edits (`idle()` for tests). */
  readonly retagger: Retagger;
  /** The assignment queue (issue 12): its ingest hook, actions, settings and SLA ticker. */
  readonly queue: QueueService;
  /** Trends and alerts (issue 11): the detector, evaluator, channels and their stores. */
  readonly alerts: AlertsRuntime;
  /** Setting up a demo: the same services as sources.add and accounts.add, keyed by name so a restart updates in place. */
  readonly seed: {
    source(p: SourceInput & { accessToken: string }): Promise<void>;
    account(k: KnownAccount): Promise<void>;
    /** A topic, by name: a restart updates it in place (and re-tags only if its query changed). */
    topic(t: TopicInput): void;
  };
}

export function createEngine(deps: EngineDeps): EngineWithInternals {
  const { store, clock, log } = deps;
  const understanding = createUnderstandingRuntime(store, log, deps.understanding);
  // The pipeline's hooks, in the order they run. Issue 12 (queue placement, triage, assignment)
  // registers in-transaction hooks here, issue 11 (trends, alerts) after-commit ones.
  const publishing = createPublishing({ store, clock, http: deps.http, secrets: deps.secrets, log, options: deps.publish });
  const replyParent = createReplyParentResolver({ secrets: deps.secrets, publisherFor: publishing.publisherFor });
  const queue = createQueueService({ store, clock, log, enricher: understanding.understanding.enricher, replyParent });
  const inTransaction: InTransactionHook[] = [queue.hook, ...(deps.ingestHooks?.inTransaction ?? [])];
  const alerts = createAlertsRuntime({ store, clock, http: deps.http, secrets: deps.secrets, log, options: deps.alerts });
  const afterCommit: AfterCommitHook[] = [alerts.hook, ...(deps.ingestHooks?.afterCommit ?? [])];
  const pipeline = createPipeline({ store, clock, log, understanding: understanding.understanding, hooks: { inTransaction, afterCommit } });
  const sources = createSourceManager({
    store,
    pipeline,
    clock,
    http: deps.http,
    secrets: deps.secrets,
    log,
    ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
  });
  const sessions = new SessionRegistry(store, clock);
  let running = false;
  const retagger = createRetagger({ store, clock, log, matcher: understanding.understanding.topics });
  const topicsDeps = { store, clock, matcher: understanding.understanding.topics, retagger };
  const sourcesChanged = () => {
    if (running) sources.sync();
  };
  const handlers = createHandlers({
    store,
    clock,
    secrets: deps.secrets,
    sourcesChanged,
    usersChanged: () => sessions.revalidate(),
    publishing,
    log,
    topics: { matcher: understanding.understanding.topics, retagger },
    queue,
    alerts,
  });
  /** Open change streams: stop() ends them, since a transport may close its socket only later. */
  const streams = new Set<ChangeStream>();
  const feed = {
    currentSeq: () => store.changes.currentSeq(),
    changesSince: (seq: number, limit: number) => store.changes.changesSince(seq, limit),
    onChanges: (listener: (envs: ChangeEnvelope[]) => void) => store.changes.subscribe(listener),
    feedId: () => store.feedId,
  };

  return {
    pipeline,
    publishing,
    understanding,
    retagger,
    queue,
    alerts,
    seed: {
      source: async (p) => void (await ensureSource({ store, clock, secrets: deps.secrets, sourcesChanged }, p)),
      account: async (k) => void (await ensureKnownAccount({ store, clock, secrets: deps.secrets }, SYSTEM_ACTOR, k)),
      topic: (t) => {
        const id = topicSlug(t.name);
        const existing = store.topics.get(id);
        if (existing && existing.query === t.query && existing.kind === t.kind && existing.name === t.name) return;
        saveTopic(topicsDeps, { ...t, id: existing ? id : undefined }, SYSTEM_ACTOR);
      },
    },
    async start() {
      if (running) return;
      running = true;
      understanding.startLoading();
      sources.start();
      sessions.start();
      alerts.start();
      // Claims happen only while the engine runs; start() first turns cut-off sends into unconfirmed ones.
      publishing.scheduler.start();
      queue.sla.start();
    },
    async stop() {
      // A stream's next page must not read a store its owner closes right after stop().
      for (const s of streams) s.close();
      streams.clear();
      if (!running) return;
      running = false;
      sessions.stop();
      retagger.stop();
      await retagger.idle();
      queue.sla.stop();
      queue.sessions.stop();
      await alerts.stop();
      await publishing.scheduler.stop();
      await sources.stop();
    },
    authenticate: (token) => authenticate(store, token),
    openSession: (token, onEnd) => queue.sessions.wrap(sessions.open(token, onEnd)),
    call: (user, method, params) => dispatch(handlers, log, user, method, params) as never,
    ...feed,
    stream: (user, start, sink, options) => {
      const opened = openChangeStream(feed, user, start, sink, options);
      streams.add(opened);
      return {
        get sent() {
          return opened.sent;
        },
        get live() {
          return opened.live;
        },
        close: () => {
          streams.delete(opened);
          opened.close();
        },
      };
    },
    health(): HealthReport {
      const list = sources.health();
      return { ok: true, version: VERSION, seq: store.changes.currentSeq(), sources: list };
    },
  };
}
