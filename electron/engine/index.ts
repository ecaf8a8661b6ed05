/**
 * The engine's one public entry: hosts (electron/hub, electron/main) import from here and nothing
 * deeper (lint enforces it), so what the engine offers a host is this list.
 */
export { createEngine, type EngineWithInternals } from './create-engine.js';
export type { Engine, EngineDeps, HealthReport, HttpFetch, Logger, SecretStore } from './engine-types.js';
export { DB_FILE, ADMIN_TOKEN_FILE, DEMO_TOKENS_FILE, localAdmin, openDataDir, openDataStore, prepareDataDir, type DataDir } from './data-dir.js';
export type { PublishOptions } from './publish/publishing.js';
export type { AlertsOptions } from './alerts/alerts-runtime.js';
export type { KnownAccount } from './publish/accounts-service.js';
export type { SourceInput } from './sources-service.js';
export { toWireError } from './rpc/wire-error.js';
export type { ChangeStream, FeedSource, ReadyInfo, StaleStart, StreamOptions, StreamSink, StreamStart } from './stream/change-stream.js';
export type { Session } from './team/sessions.js';
export { REVOKED_MESSAGE } from './team/sessions.js';
export { addUser, listUsers, removeUser, rotateToken, UserError } from './team/users.js';
export type { Store } from './store/store.js';
export { VERSION } from './version.js';
export type { TopicInput } from './topics/topics-service.js';
