import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from '../../shared/clock.js';
import { createEngine, type EngineWithInternals } from '../engine/create-engine.js';
import type { Logger } from '../engine/engine-types.js';
import { ensureKnownAccount } from '../engine/publish/accounts-service.js';
import type { PublishOptions } from '../engine/publish/publishing.js';
import { sourceTokenKey } from '../engine/sources/connector-types.js';
import { openStore, type Store } from '../engine/store/store.js';
import { createSandbox, type Sandbox } from '../sandbox/create-sandbox.js';
import { createFileSecrets } from './file-secrets.js';
import { DB_FILE, ensureAdmin, ensureDataDir, ensureDemoUsers } from './data-dir.js';
import { startHubServer } from './http-server.js';
import { consoleLogger } from './logger.js';

export interface HubOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** Scenario name for --demo (demo users + sandbox + a source on it); null = no demo. */
  demo?: string | null;
  replay?: string | null;
  speed?: number;
  origins?: string[];
  staticDir?: string;
  clock?: Clock;
  log?: Logger;
  pollIntervalMs?: number;
  /** Scheduler/outbox timing; unset fields come from NEWSROOM_SCHEDULER_TICK_MS / NEWSROOM_PUBLISH_SETTLE_MS, then defaults. */
  publish?: PublishOptions;
  /** WebSocket heartbeat period (tests shorten it; default HEARTBEAT_MS). */
  heartbeatMs?: number;
}

export interface Hub {
  url: string;
  dataDir: string;
  store: Store;
  engine: EngineWithInternals;
  sandbox: Sandbox | null;
  adminToken: string | null;
  tokens: Record<string, string> | null;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4780;

async function sandboxOnFreePort(first: number, opts: Parameters<typeof createSandbox>[0]): Promise<Sandbox> {
  for (let port = first; port < first + 20; port++) {
    try {
      return await createSandbox({ ...opts, port });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  return createSandbox({ ...opts, port: 0 });
}

/** The demo's one source listens to the sandbox; on a restart it is pointed at the sandbox's new address. */
async function ensureSandboxSource(hub: { store: Store; clock: Clock; secrets: ReturnType<typeof createFileSecrets> }, sandbox: Sandbox) {
  const { store, clock } = hub;
  const config = { instanceUrl: sandbox.url, hashtags: sandbox.hashtags, terms: sandbox.terms, mentions: true };
  const existing = store.sources.list().find((s) => s.name === 'Sandbox');
  const id = existing?.id ?? `sandbox-${randomBytes(4).toString('hex')}`;
  await hub.secrets.set(sourceTokenKey(id), sandbox.brandToken);
  const now = new Date(clock.now()).toISOString();
  store.write(() => {
    if (existing) {
      store.sources.update(id, { name: 'Sandbox', config, hasToken: true });
      store.changes.append({ kind: 'source.updated', source: store.sources.get(id)! }, now);
    } else {
      const source = store.sources.add({ id, platform: 'mastodon', name: 'Sandbox', config, hasToken: true, createdAt: now });
      store.changes.append({ kind: 'source.added', source }, now);
    }
  });
}

/** Timing knobs from the environment, so a test can drive a real hub process (kill -9 drills) quickly. */
function publishOptionsFromEnv(env: NodeJS.ProcessEnv): PublishOptions {
  const num = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${v}"`);
    return n;
  };
  const tickMs = num('NEWSROOM_SCHEDULER_TICK_MS');
  const settleMs = num('NEWSROOM_PUBLISH_SETTLE_MS');
  return { ...(tickMs !== undefined ? { tickMs } : {}), ...(settleMs !== undefined ? { settleMs } : {}) };
}

/** The demo's publishing account: the sandbox brand, approval on, pointed at the sandbox's current address. */
async function ensureSandboxAccount(hub: { store: Store; clock: Clock; secrets: ReturnType<typeof createFileSecrets> }, sandbox: Sandbox) {
  await ensureKnownAccount({ store: hub.store, clock: hub.clock, secrets: hub.secrets }, 'admin', {
    name: 'Kettlebird (sandbox)',
    platform: 'mastodon',
    instanceUrl: sandbox.url,
    token: sandbox.brandToken,
    handle: `${sandbox.brand.acct}@${new URL(sandbox.url).host}`,
    remoteAccountId: sandbox.brand.id,
    profileUrl: `${sandbox.url}/@${sandbox.brand.acct}`,
    requireApproval: true,
  });
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger();
  const dataDir = resolve(opts.dataDir);
  ensureDataDir(dataDir);
  const store = openStore(join(dataDir, DB_FILE));
  const secrets = createFileSecrets(join(dataDir, 'secrets.json'));
  const port = opts.port ?? DEFAULT_PORT;
  let sandbox: Sandbox | null = null;
  try {
    const adminToken = ensureAdmin(store, clock, dataDir);
    const tokens = opts.demo !== undefined && opts.demo !== null ? ensureDemoUsers(store, clock, dataDir) : null;
    if (tokens || opts.replay) {
      // The brand token outlives restarts so the source's stored token stays valid.
      let brandToken = await secrets.get('sandbox:brand-token');
      if (!brandToken) {
        brandToken = randomBytes(24).toString('base64url');
        await secrets.set('sandbox:brand-token', brandToken);
      }
      sandbox = await sandboxOnFreePort(port === 0 ? 0 : port + 1, {
        host: opts.host === '0.0.0.0' ? '127.0.0.1' : (opts.host ?? '127.0.0.1'),
        scenario: opts.replay ? null : (opts.demo ?? 'default'),
        ...(opts.replay ? { replay: opts.replay } : {}),
        ...(opts.speed ? { speed: opts.speed } : {}),
        brandToken,
        clock,
      });
      await ensureSandboxSource({ store, clock, secrets }, sandbox);
      if (tokens) await ensureSandboxAccount({ store, clock, secrets }, sandbox);
    }
    const engine = createEngine({
      clock,
      store,
      http: fetch,
      secrets,
      log,
      ...(opts.pollIntervalMs !== undefined ? { pollIntervalMs: opts.pollIntervalMs } : {}),
      publish: { ...publishOptionsFromEnv(process.env), ...opts.publish },
    });
    await engine.start();
    const server = await startHubServer({
      engine,
      log,
      host: opts.host ?? '127.0.0.1',
      port,
      staticDir: opts.staticDir ?? resolve('out/renderer'),
      origins: opts.origins ?? [],
      ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    });
    const sb = sandbox;
    return {
      url: server.url,
      dataDir,
      store,
      engine,
      sandbox,
      adminToken,
      tokens,
      async close() {
        await server.close();
        await engine.stop();
        await sb?.close();
        store.close();
      },
    };
  } catch (err) {
    await sandbox?.close();
    store.close();
    throw err;
  }
}
