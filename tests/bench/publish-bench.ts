import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerMessage } from '../../shared/api.js';
import { systemClock } from '../../shared/clock.js';
import type { UserView } from '../../shared/domain.js';
import { createEngine } from '../../electron/engine/create-engine.js';
import type { SecretStore } from '../../electron/engine/engine-types.js';
import { ensureKnownAccount } from '../../electron/engine/publish/accounts-service.js';
import { createMastodonPublisher } from '../../electron/engine/publish/mastodon/mastodon-publisher.js';
import type { Publisher } from '../../electron/engine/publish/publisher.js';
import { openStore } from '../../electron/engine/store/store.js';
import { startHub } from '../../electron/hub/start-hub.js';
import { createSandbox, type Sandbox } from '../../electron/sandbox/create-sandbox.js';
import { DEFAULT_RATE_LIMIT } from '../../electron/sandbox/rate-limit.js';
import WebSocket from 'ws';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BRAND_TOKEN = 'bench-brand-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rpc<T>(url: string, token: string, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${url}/api/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(params) });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

type Trigger = { afterSends: number } | { atDue: true };

/**
 * One trial: a hub on a fresh data dir posting to the sandbox over HTTP; 1,000 posts all due at the
 * same second; a crisis lead freezes over HTTP either when the n-th send has started or at the due
 * instant itself. Every publish() the scheduler starts is counted against the moment the freeze
 * committed (the engine's change listener fires inside the commit) and the moment freeze.set returned.
 */
async function freezeTrial(sandbox: Sandbox, n: number, trigger: Trigger) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nr-bench-freeze-'));
  const real = createMastodonPublisher({ http: fetch, clock: systemClock, timeoutMs: 30_000 });
  let started = 0;
  let afterCommit = 0;
  let afterReturn = 0;
  let committed = false;
  let returned = false;
  let fire: (() => void) | null = null;
  const counted: Publisher = {
    ...real,
    platform: real.platform,
    verify: real.verify.bind(real),
    findRecent: real.findRecent.bind(real),
    publish(post, key, signal) {
      started += 1;
      if (committed) afterCommit += 1;
      if (returned) afterReturn += 1;
      if ('afterSends' in trigger && started === trigger.afterSends) fire?.();
      return real.publish(post, key, signal);
    },
  };
  const hub = await startHub({ dataDir, port: 0, log: quiet, staticDir: join(dataDir, 'none'), publish: { tickMs: 50, publishers: { mastodon: counted } } });
  const admin = hub.adminToken!;
  const ws = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/api/ws`);
  let wsSawFreezeAt = 0;
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    if (m.type === 'change' && m.change.kind === 'freeze.changed' && m.change.freeze.frozen && !wsSawFreezeAt) wsSawFreezeAt = performance.now();
  });
  await new Promise((ok) => ws.once('open', ok));
  ws.send(JSON.stringify({ type: 'auth', token: admin, since: null }));
  const off = hub.engine.onChanges((envs) => {
    if (envs.some((e) => e.change.kind === 'freeze.changed' && e.change.freeze.frozen)) committed = true;
  });
  try {
    const { account } = await rpc<{ account: { id: string } }>(hub.url, admin, 'accounts.add', {
      platform: 'mastodon',
      name: `Bench brand ${n}`,
      instanceUrl: sandbox.url,
      accessToken: BRAND_TOKEN,
      requireApproval: false,
    });
    // Far enough ahead that all 1,000 exist before the second they share begins.
    const dueMs = Math.ceil((Date.now() + 4_000) / 1000) * 1000;
    const prefix = `bench ${n} ${dueMs}`;
    for (let i = 0; i < 1000; i++) await rpc(hub.url, admin, 'posts.create', { accountIds: [account.id], text: `${prefix} post ${i}`, scheduledAt: new Date(dueMs).toISOString() });
    if (Date.now() >= dueMs) throw new Error('creating the posts took longer than the lead time; raise it');

    let freezeStart = 0;
    let freezeEnd = 0;
    let response: { held: unknown[]; mayHavePublished: unknown[] } | null = null;
    const done = new Promise<void>((resolve, reject) => {
      fire = () => {
        fire = null;
        freezeStart = performance.now();
        rpc<{ held: unknown[]; mayHavePublished: unknown[] }>(hub.url, admin, 'freeze.set', { frozen: true, reason: 'bench: crisis at the due second' }).then((r) => {
          freezeEnd = performance.now();
          returned = true;
          response = r;
          resolve();
        }, reject);
      };
    });
    if ('atDue' in trigger) setTimeout(() => fire?.(), dueMs - Date.now());
    await done;
    // Let every send that did start finish, and the WebSocket deliver.
    const end = Date.now() + 30_000;
    while ((hub.engine.publishing.scheduler.inFlight() > 0 || !wsSawFreezeAt) && Date.now() < end) await sleep(20);
    const posts = (await rpc<{ posts: Array<{ text: string; status: string }> }>(hub.url, admin, 'posts.list', { limit: 5000 })).posts.filter((p) => p.text.startsWith(prefix));
    const byStatus: Record<string, number> = {};
    for (const p of posts) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    const onPlatform = sandbox.published().filter((s) => (s.content ?? '').includes(prefix)).length;
    const r = response as { held: unknown[]; mayHavePublished: unknown[] } | null;
    return {
      trigger: 'atDue' in trigger ? 'at the due second' : `after send ${trigger.afterSends} started`,
      sendsStarted: started,
      sendsStartedAfterFreezeCommitted: afterCommit,
      sendsStartedAfterFreezeSetReturned: afterReturn,
      freezeSetMs: round(freezeEnd - freezeStart),
      freezeToWebSocketMs: round(wsSawFreezeAt - freezeStart),
      heldByFreeze: r?.held.length ?? 0,
      listedMayHavePublished: r?.mayHavePublished.length ?? 0,
      publishedOnSandbox: onPlatform,
      statuses: byStatus,
    };
  } finally {
    off();
    ws.close();
    await hub.close();
  }
}

/** 1,000 posts due in the same second, a freeze at that second: four trials at different moments of the burst. */
export async function benchFreeze() {
  const sandbox = await createSandbox({ port: 0, scenario: null, brandToken: BRAND_TOKEN, rateLimit: { ...DEFAULT_RATE_LIMIT, limit: 1_000_000 } });
  try {
    const trials = [];
    const triggers: Trigger[] = [{ atDue: true }, { afterSends: 1 }, { afterSends: 300 }, { afterSends: 800 }];
    for (const [i, t] of triggers.entries()) trials.push(await freezeTrial(sandbox, i, t));
    return {
      trials,
      sendsStartedAfterFreezeSetReturned: trials.reduce((s, t) => s + t.sendsStartedAfterFreezeSetReturned, 0),
      sendsStartedAfterFreezeCommitted: trials.reduce((s, t) => s + t.sendsStartedAfterFreezeCommitted, 0),
      note: 'hub in-process, sandbox over HTTP on 127.0.0.1, freeze.set over HTTP; a send = a publish() call the scheduler started. Must be 0 after the freeze committed.',
    };
  } finally {
    await sandbox.close();
  }
}

const admin: UserView = { name: 'admin', role: 'admin' };

/** 100,000 scheduled posts (next week) in the store: the process's memory and the cost of one scheduler tick. */
export async function benchSchedulerScale() {
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-sched-'));
  const secrets = new Map<string, string>();
  const secretStore: SecretStore = { get: async (k) => secrets.get(k) ?? null, set: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) };
  const store = openStore(join(dir, 'newsroom.db'));
  const engine = createEngine({ clock: systemClock, store, http: fetch, secrets: secretStore, log: quiet, publish: { autoTick: false } });
  await engine.start();
  const gc = (globalThis as { gc?: () => void }).gc;
  const mem = () => {
    gc?.();
    const m = process.memoryUsage();
    return { rssMb: round(m.rss / 2 ** 20), heapUsedMb: round(m.heapUsed / 2 ** 20) };
  };
  try {
    const account = await ensureKnownAccount({ store, clock: systemClock, secrets: secretStore }, 'admin', {
      name: 'Bench brand',
      platform: 'mastodon',
      instanceUrl: 'http://127.0.0.1:9',
      token: 'unused',
      handle: 'brand@127.0.0.1',
      remoteAccountId: '1',
      profileUrl: null,
      requireApproval: false,
    });
    const tickTimes = async (n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await engine.publishing.scheduler.tick();
        ms.push(performance.now() - t0);
      }
      return { p50Ms: round(pct(ms, 50), 3), p95Ms: round(pct(ms, 95), 3) };
    };
    const before = mem();
    const emptyTick = await tickTimes(50);
    const week = Date.now() + 7 * 86_400_000;
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) {
      // Spread over a week so the index has real work to do; none of them is due.
      await engine.call(admin, 'posts.create', { accountIds: [account.id], text: `Scheduled post ${i}`, scheduledAt: new Date(week + i * 6_000).toISOString() });
    }
    const createMs = performance.now() - t0;
    const after = mem();
    const fullTick = await tickTimes(50);
    return {
      scheduledPosts: 100_000,
      createPostsPerSec: Math.round(100_000 / (createMs / 1000)),
      memoryEmpty: before,
      memoryWith100k: after,
      tickEmpty: emptyTick,
      tickWith100k: fullTick,
      gcForced: gc !== undefined,
      note: 'posts.create through the engine (validation, audit, change feed); a tick = freeze expiry check + due query + unconfirmed query with nothing due. Scheduled posts live in SQLite, not in the scheduler.',
    };
  } finally {
    await engine.stop();
    store.close();
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
