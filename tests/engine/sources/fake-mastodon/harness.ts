import { createPipeline, type Pipeline } from '../../../../electron/engine/ingest/pipeline.js';
import { sourceTokenKey } from '../../../../electron/engine/sources/connector-types.js';
import { createSourceManager, type SourceManager, type SourceManagerDeps } from '../../../../electron/engine/sources/source-manager.js';
import { openStore, type Store } from '../../../../electron/engine/store/store.js';
import type { ChangeEnvelope } from '../../../../shared/changes.js';
import type { Item, SourceConfig } from '../../../../shared/domain.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { MemorySecrets, memoryLog, type LogLine } from '../harness.js';
import { FakeMastodon, type FakeMastodonOptions } from './fake-mastodon.js';

export const TOKEN = 'brand-token';

export interface FakeHarness {
  clock: FakeClock;
  server: FakeMastodon;
  store: Store;
  pipeline: Pipeline;
  manager: SourceManager;
  logs: LogLine[];
  changes: ChangeEnvelope[];
  addSource(config?: Partial<SourceConfig>, token?: string | null): string;
  poll(id: string): Promise<void>;
  /** Polls while moving the clock on, so a request that hangs times out. */
  pollThroughTimeout(id: string, ms: number): Promise<void>;
  restart(): Promise<void>;
  items(): Item[];
  item(uri: string): Item | null;
  source(id: string): NonNullable<ReturnType<Store['sources']['get']>>;
  close(): Promise<void>;
}

/**
 * The Mastodon connector with the real ingest pipeline and an in-memory SQLite store, talking to
 * a FakeMastodon through the injected fetch, on a fake clock (so no timer in the connector runs
 * unless the test moves time).
 */
export function createFakeHarness(
  server: Partial<Omit<FakeMastodonOptions, 'now'>> = {},
  manager: Partial<Omit<SourceManagerDeps, 'store' | 'pipeline' | 'clock' | 'http' | 'secrets' | 'log'>> = {},
): FakeHarness {
  const clock = new FakeClock();
  const fake = new FakeMastodon({ token: TOKEN, ...server, now: () => clock.now() });
  const store = openStore(':memory:');
  const pipeline = createPipeline({ store, clock });
  const secrets = new MemorySecrets();
  const { logs, log } = memoryLog();
  const changes: ChangeEnvelope[] = [];
  store.changes.subscribe((envs) => changes.push(...envs));
  const make = () =>
    createSourceManager({ store, pipeline, clock, http: fake.fetch, secrets, log, pollIntervalMs: 2_000, requestTimeoutMs: 1_000, random: () => 0.5, recheckEvery: 1_000_000, ...manager });
  let n = 0;
  const h: FakeHarness = {
    clock,
    server: fake,
    store,
    pipeline,
    manager: make(),
    logs,
    changes,
    addSource(config = {}, token = TOKEN) {
      const id = `src${++n}`;
      if (token) secrets.data.set(sourceTokenKey(id), token);
      const at = new Date(clock.now()).toISOString();
      store.write(() => {
        const s = store.sources.add({
          id,
          platform: 'mastodon',
          name: `Fake ${id}`,
          config: { instanceUrl: fake.apiOrigin, hashtags: ['brew'], terms: [], mentions: false, ...config },
          hasToken: token !== null,
          createdAt: at,
        });
        store.changes.append({ kind: 'source.added', source: s }, at);
      });
      h.manager.sync();
      return id;
    },
    poll: (id) => h.manager.pollNow(id),
    async pollThroughTimeout(id, ms) {
      const p = h.manager.pollNow(id);
      for (let waited = 0; waited < ms; waited += 250) {
        await new Promise((r) => setImmediate(r));
        clock.advance(250);
      }
      await p;
    },
    async restart() {
      await h.manager.stop();
      h.manager = make();
      h.manager.start();
    },
    items: () => store.items.list({ limit: 100_000 }),
    item: (uri) => store.items.findByNative('mastodon', uri),
    source(id) {
      const s = store.sources.get(id);
      if (!s) throw new Error(`no source ${id}`);
      return s;
    },
    async close() {
      await h.manager.stop();
      store.close();
    },
  };
  h.manager.start();
  return h;
}
