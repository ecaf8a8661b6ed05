import { createPipeline, type Pipeline } from '../../../electron/engine/ingest/pipeline.js';
import type { HttpFetch, Logger, SecretStore } from '../../../electron/engine/engine-types.js';
import { sourceTokenKey } from '../../../electron/engine/sources/connector-types.js';
import { createSourceManager, type SourceManager, type SourceManagerDeps } from '../../../electron/engine/sources/source-manager.js';
import { openStore, type Store } from '../../../electron/engine/store/store.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/create-sandbox.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import type { Item, SourceConfig } from '../../../shared/domain.js';
import { FakeClock } from '../helpers/fake-clock.js';

export const TAG = 'brewco';

export class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  async get(key: string) {
    return this.data.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.data.set(key, value);
  }
  async delete(key: string) {
    this.data.delete(key);
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown> | undefined;
}

/** A logger that keeps every line, for tests to look at. */
export function memoryLog(): { logs: LogLine[]; log: Logger } {
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (msg, data) => logs.push({ level: 'info', msg, data }),
    warn: (msg, data) => logs.push({ level: 'warn', msg, data }),
    error: (msg, data) => logs.push({ level: 'error', msg, data }),
  };
  return { logs, log };
}

export interface Harness {
  store: Store;
  pipeline: Pipeline;
  clock: FakeClock;
  sandbox: Sandbox;
  secrets: MemorySecrets;
  logs: LogLine[];
  log: Logger;
  /** Every request the connectors made: path + query. */
  requests: string[];
  /** HTTP status of every response the connectors got. */
  statuses: number[];
  inFlight(): number;
  changes: ChangeEnvelope[];
  manager: SourceManager;
  addSource(config?: Partial<SourceConfig>, opts?: { id?: string; token?: string | null }): string;
  /** Stops the manager and starts a fresh one on the same store (a restart). */
  restart(): Promise<void>;
  items(): Item[];
  source(id: string): NonNullable<ReturnType<Store['sources']['get']>>;
  faults(faults: Array<Record<string, unknown>>): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: Partial<SandboxOptions>;
  /** The sandbox's rate limiter runs on the test's fake clock (default true). */
  shareClock?: boolean;
  manager?: Partial<Omit<SourceManagerDeps, 'store' | 'pipeline' | 'clock' | 'http' | 'secrets' | 'log'>>;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const clock = new FakeClock();
  const store = openStore(':memory:');
  const pipeline = createPipeline({ store, clock });
  // scenario null: no generated traffic, every post comes from the test's inject().
  const sandbox = await createSandbox({ scenario: null, ...(opts.shareClock === false ? {} : { clock }), ...opts.sandbox });
  const secrets = new MemorySecrets();
  const { logs, log } = memoryLog();
  const requests: string[] = [];
  const statuses: number[] = [];
  let inFlight = 0;
  const http: HttpFetch = async (input, init) => {
    const u = new URL(input instanceof Request ? input.url : String(input));
    requests.push(u.pathname + u.search);
    inFlight++;
    try {
      const res = await fetch(input, init);
      statuses.push(res.status);
      return res;
    } finally {
      inFlight--;
    }
  };
  const changes: ChangeEnvelope[] = [];
  store.changes.subscribe((envs) => changes.push(...envs));
  const makeManager = () =>
    createSourceManager({
      store,
      pipeline,
      clock,
      http,
      secrets,
      log,
      pollIntervalMs: 2_000,
      requestTimeoutMs: 1_000,
      random: () => 0.5,
      recheckEvery: 1_000_000,
      ...opts.manager,
    });
  let n = 0;
  const h: Harness = {
    store,
    pipeline,
    clock,
    sandbox,
    secrets,
    logs,
    log,
    requests,
    statuses,
    inFlight: () => inFlight,
    changes,
    manager: makeManager(),
    addSource(config = {}, o = {}) {
      const id = o.id ?? `src${++n}`;
      const token = o.token === undefined ? null : o.token;
      if (token) secrets.data.set(sourceTokenKey(id), token);
      const at = new Date(clock.now()).toISOString();
      store.write(() => {
        const s = store.sources.add({
          id,
          platform: 'mastodon',
          name: `Sandbox ${id}`,
          config: { instanceUrl: sandbox.url, hashtags: [TAG], terms: [], mentions: false, ...config },
          hasToken: token !== null,
          createdAt: at,
        });
        store.changes.append({ kind: 'source.added', source: s }, at);
      });
      h.manager.sync();
      return id;
    },
    async restart() {
      await h.manager.stop();
      h.manager = makeManager();
      h.manager.start();
    },
    items: () => store.items.list({ limit: 100_000 }),
    source(id) {
      const s = store.sources.get(id);
      if (!s) throw new Error(`no source ${id}`);
      return s;
    },
    async faults(faults) {
      const res = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) });
      if (!res.ok) throw new Error(`faults: HTTP ${res.status} ${await res.text()}`);
    },
    async clearFaults() {
      const res = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
    },
    async close() {
      await h.manager.stop();
      await sandbox.close();
      store.close();
    },
  };
  h.manager.start();
  return h;
}

/** Injects `count` posts tagged with TAG; returns their sandbox ids. */
export function injectMany(sandbox: Sandbox, count: number, prefix = 'post'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(sandbox.inject({ author: `user${i % 7}`, text: `${prefix} ${i} #${TAG}`, tags: [TAG] }).id);
  return ids;
}

/** nativeIds stored more than once (must be empty). */
export function duplicates(items: Item[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const i of items) {
    if (seen.has(i.nativeId)) dup.push(i.nativeId);
    seen.add(i.nativeId);
  }
  return dup;
}
