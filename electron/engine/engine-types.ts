import type { AlertsOptions } from './alerts/alerts-runtime.js';
import type { ChangeEnvelope } from '../../shared/changes.js';
import type { Clock } from '../../shared/clock.js';
import type { SourceView, UserView } from '../../shared/domain.js';
import type { MethodName, Results } from '../../shared/methods.js';
import type { PipelineHooks } from './ingest/hooks.js';
import type { PublishOptions } from './publish/publishing.js';
import type { ChangeStream, StreamOptions, StreamSink, StreamStart } from './stream/change-stream.js';
import type { Store } from './store/store.js';
import type { Session } from './team/sessions.js';
import type { UnderstandingOptions } from './topics/understanding-runtime.js';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Where platform tokens live: the OS keychain (safeStorage) on a desk, a 0600 file on a hub. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export type HttpFetch = typeof fetch;

export interface EngineDeps {
  clock: Clock;
  store: Store;
  http: HttpFetch;
  secrets: SecretStore;
  log: Logger;
  /** Poll interval floor for connectors, ms (tests shorten it). */
  pollIntervalMs?: number;
  /** Scheduler and outbox timing, and publisher overrides (tests inject fakes). */
  publish?: PublishOptions;
  /** Enrichment rules and the language detector's loader (tests turn the detector off). */
  understanding?: UnderstandingOptions;
  /** Trends and alerts: epoch length, channel delivery overrides, the brand's names (issue 11). */
  alerts?: AlertsOptions;
  /** Ingest hooks a host adds to the engine's own (see ingest/hooks.ts). */
  ingestHooks?: PipelineHooks;
}

export interface HealthReport {
  ok: boolean;
  version: string;
  seq: number;
  sources: Array<Pick<SourceView, 'id' | 'platform' | 'status' | 'lastPollAt' | 'lastError'> & { name: string }>;
}

export interface Engine {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The user a bearer token belongs to, or null. */
  authenticate(token: string): UserView | null;
  /**
   * A signed-in connection (a WebSocket): `onEnd` is called at once when the token is revoked or
   * rotated (users.remove / users.rotate here, or `hub user …` from another process), with the
   * words to show. Null for a token that is not valid.
   */
  openSession(token: string, onEnd: (message: string) => void): Session | null;
  /** Validates params against the contract, enforces the caller's role, runs the method. Throws RpcError. */
  call<M extends MethodName>(user: UserView, method: M | string, params: unknown): Promise<Results[M]>;
  currentSeq(): number;
  changesSince(seq: number, limit: number): ChangeEnvelope[];
  /** Called after each committed batch of changes, in seq order. */
  onChanges(listener: (envs: ChangeEnvelope[]) => void): () => void;
  /** Names this engine's change feed; a replaced data dir has another. */
  feedId(): string;
  /** The change stream for one client (see stream/change-stream.ts); throws RpcError('conflict') for a refused stale start. */
  stream(user: UserView, start: StreamStart, sink: StreamSink, options?: StreamOptions): ChangeStream;
  health(): HealthReport;
}
