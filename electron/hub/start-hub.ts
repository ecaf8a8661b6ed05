import { alertsOptionsFrom } from './alerts-options.js';
import { seedDemoAlerts } from './demo-alerts.js';
import type { AlertsOptions } from '../engine/index.js';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from '../../shared/clock.js';
import { createEngine, openDataDir, type EngineWithInternals, type Logger, type PublishOptions, type Store } from '../engine/index.js';
import { seedDemoTopics } from './demo-topics.js';
import { createSandbox, type Sandbox } from '../sandbox/create-sandbox.js';
import { createFileSecrets } from './file-secrets.js';
import { startHubServer } from './http-server.js';
import { consoleLogger } from './logger.js';
import { seedDemoQueue } from './demo-queue.js';
import { alertLinkFor, parsePublicUrl } from './public-url.js';

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
  /** Trends and alerts (epoch length, delivery overrides); unset fields come from the environment, then defaults. */
  alerts?: AlertsOptions;
  /**
   * Where people reach the hub (e.g. https://newsroom.example behind a proxy): alert messages
   * link to `<publicUrl>/#/alerts/<id>`, and its origin is allowed like an --origin. Default:
   * NEWSROOM_PUBLIC_URL, else the hub's own address.
   */
  publicUrl?: string;
}

export interface Hub {
  url: string;
  /** The base of the links in alert messages. */
  publicUrl: string;
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

/** The demo's source and publishing account: the sandbox, through the same services as sources.add and accounts.add. */
async function seedSandbox(engine: EngineWithInternals, sandbox: Sandbox, withAccount: boolean): Promise<void> {
  await engine.seed.source({
    platform: 'mastodon',
    name: 'Sandbox',
    config: { instanceUrl: sandbox.url, hashtags: sandbox.hashtags, terms: sandbox.terms, mentions: true },
    accessToken: sandbox.brandToken,
  });
  if (!withAccount) return;
  await engine.seed.account({
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

export async function startHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger();
  const configuredUrl = opts.publicUrl ?? process.env.NEWSROOM_PUBLIC_URL;
  // Known before the engine starts when configured; else the listen address, once listening.
  let publicUrl = configuredUrl ? parsePublicUrl(configuredUrl) : null;
  const dataDir = resolve(opts.dataDir);
  const demo = opts.demo !== undefined && opts.demo !== null;
  const { store, adminToken, tokens } = openDataDir(dataDir, { clock, demoUsers: demo });
  const secrets = createFileSecrets(join(dataDir, 'secrets.json'));
  const port = opts.port ?? DEFAULT_PORT;
  let sandbox: Sandbox | null = null;
  try {
    const engine = createEngine({
      clock,
      store,
      http: fetch,
      secrets,
      log,
      ...(opts.pollIntervalMs !== undefined ? { pollIntervalMs: opts.pollIntervalMs } : {}),
      publish: { ...publishOptionsFromEnv(process.env), ...opts.publish },
      alerts: { alertLink: (id) => (publicUrl ? alertLinkFor(publicUrl, id) : null), ...alertsOptionsFrom(process.env, opts.alerts, demo ? (opts.speed ?? 1) : undefined) },
    });
    if (demo || opts.replay) {
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
      await seedSandbox(engine, sandbox, demo);
      if (demo) seedDemoTopics(engine, opts.demo || 'default');
      if (demo) seedDemoQueue(engine);
      if (demo && (opts.demo ?? 'default') === 'default') await seedDemoAlerts(engine, clock, opts.speed ?? 1);
    }
    await engine.start();
    const server = await startHubServer({
      engine,
      log,
      host: opts.host ?? '127.0.0.1',
      port,
      staticDir: opts.staticDir ?? resolve('out/renderer'),
      origins: [...(opts.origins ?? []), ...(publicUrl ? [new URL(publicUrl).origin] : [])],
      ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    });
    publicUrl ??= server.url;
    const sb = sandbox;
    return {
      url: server.url,
      publicUrl,
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
