import type { ChangeEnvelope } from '../../shared/changes.js';
import type { Engine, EngineDeps, HealthReport } from './engine-types.js';
import { createPipeline, type Pipeline } from './ingest/pipeline.js';
import { createPublishing, type Publishing } from './publish/publishing.js';
import { dispatch } from './rpc/dispatch.js';
import { createHandlers } from './rpc/handlers.js';
import { createSourceManager } from './sources/source-manager.js';
import { authenticate } from './team/users.js';
import { VERSION } from './version.js';

export interface EngineWithInternals extends Engine {
  readonly pipeline: Pipeline;
  /** The scheduler (tick/drain for tests) and suggestFreeze() for the alerts. */
  readonly publishing: Publishing;
}

export function createEngine(deps: EngineDeps): EngineWithInternals {
  const { store, clock, log } = deps;
  const pipeline = createPipeline({ store, clock });
  const sources = createSourceManager({
    store,
    pipeline,
    clock,
    http: deps.http,
    secrets: deps.secrets,
    log,
    ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
  });
  const publishing = createPublishing({ store, clock, http: deps.http, secrets: deps.secrets, log, options: deps.publish });
  let running = false;
  const handlers = createHandlers({
    store,
    clock,
    secrets: deps.secrets,
    sourcesChanged: () => {
      if (running) sources.sync();
    },
    publishing,
    log,
  });

  return {
    pipeline,
    publishing,
    async start() {
      if (running) return;
      running = true;
      sources.start();
      // Claims happen only while the engine runs; start() first turns cut-off sends into unconfirmed ones.
      publishing.scheduler.start();
    },
    async stop() {
      if (!running) return;
      running = false;
      await publishing.scheduler.stop();
      await sources.stop();
    },
    authenticate: (token) => authenticate(store, token),
    call: (user, method, params) => dispatch(handlers, log, user, method, params) as never,
    currentSeq: () => store.changes.currentSeq(),
    changesSince: (seq, limit) => store.changes.changesSince(seq, limit),
    onChanges: (listener: (envs: ChangeEnvelope[]) => void) => store.changes.subscribe(listener),
    health(): HealthReport {
      const list = sources.health();
      return { ok: true, version: VERSION, seq: store.changes.currentSeq(), sources: list };
    },
  };
}
