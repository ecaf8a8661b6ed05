import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserView } from '../../../shared/domain.js';
import { createEngine, type EngineWithInternals } from '../../../electron/engine/create-engine.js';
import type { SecretStore } from '../../../electron/engine/engine-types.js';
import { ensureKnownAccount } from '../../../electron/engine/publish/accounts-service.js';
import type { PublishOptions } from '../../../electron/engine/publish/publishing.js';
import { PublishError, type OutgoingPost, type Publisher, type PublishResult, type PublishTarget, type RecentOwnPost } from '../../../electron/engine/publish/publisher.js';
import { openStore, type Store } from '../../../electron/engine/store/store.js';
import { afterEach } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const users = {
  admin: { name: 'admin', role: 'admin' },
  crisis: { name: 'crisis', role: 'crisis' },
  crisis2: { name: 'crisis2', role: 'crisis' },
  lead: { name: 'lead', role: 'lead' },
  agent: { name: 'agent1', role: 'agent' },
  agent2: { name: 'agent2', role: 'agent' },
  wall: { name: 'wall', role: 'wall' },
} satisfies Record<string, UserView>;

export function tmpDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'nr-publish-')), 'newsroom.db');
}

export function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    set: async (k, v) => void data.set(k, v),
    delete: async (k) => void data.delete(k),
  };
}

export interface RemotePost {
  remoteId: string;
  key: string;
  text: string;
  createdAt: string;
}

/** A platform that dedupes by idempotency key, the way Mastodon does within its hour. */
export class FakePlatform {
  readonly posts: RemotePost[] = [];
  /** Sends the client gave up on that the server is still working on (they may still arrive). */
  readonly limbo: Array<{ key: string; text: string; startedAt: number }> = [];
  private n = 0;
  constructor(private readonly now: () => number) {}

  nowMs(): number {
    return this.now();
  }

  accepted(key: string): RemotePost | undefined {
    return this.posts.find((p) => p.key === key);
  }

  accept(key: string, text: string): RemotePost {
    const hit = this.accepted(key);
    if (hit) return hit;
    const p = { remoteId: `r${++this.n}`, key, text, createdAt: new Date(this.now()).toISOString() };
    this.posts.push(p);
    return p;
  }

  /** Post id from the key newsroom-<postId>-r<revision>. */
  static postIdOf(key: string): string {
    return key.replace(/^newsroom-/, '').replace(/-r\d+$/, '');
  }

  countFor(postId: string): number {
    return this.posts.filter((p) => FakePlatform.postIdOf(p.key) === postId).length;
  }
}

export interface FakeCall {
  key: string;
  postId: string;
  text: string;
  signal: AbortSignal;
  startedAt: number;
  settled: boolean;
  resolve(r: PublishResult): void;
  reject(e: unknown): void;
}

/** late: the client times out while the server is still working; the post may arrive later (see FakePlatform.limbo). */
export type Outcome = 'success' | 'transient' | 'rate-limited' | 'rejected' | 'accept-then-timeout' | 'timeout' | 'late';

/** A publisher whose sends the test ends, one by one, the way it likes. */
export class FakePublisher implements Publisher {
  readonly platform = 'mastodon' as const;
  readonly calls: FakeCall[] = [];
  readsFail = false;
  onPublish: ((call: FakeCall) => void) | null = null;

  constructor(readonly remote: FakePlatform) {}

  async verify(): Promise<{ handle: string; remoteAccountId: string; profileUrl: string | null }> {
    return { handle: 'brand@fake.example', remoteAccountId: '1', profileUrl: 'https://fake.example/@brand' };
  }

  publish(post: OutgoingPost, key: string, signal: AbortSignal): Promise<PublishResult> {
    return new Promise<PublishResult>((resolve, reject) => {
      const call: FakeCall = { key, postId: FakePlatform.postIdOf(key), text: post.text, signal, startedAt: this.remote.nowMs(), settled: false, resolve, reject };
      this.calls.push(call);
      this.onPublish?.(call);
    });
  }

  async findRecent(_t: PublishTarget, sinceIso: string): Promise<RecentOwnPost[]> {
    if (this.readsFail) throw new PublishError('transient', 'reads fail (test)');
    return this.remote.posts
      .filter((p) => p.createdAt >= sinceIso)
      .reverse()
      .map((p) => ({ remoteId: p.remoteId, url: `https://fake.example/@brand/${p.remoteId}`, text: p.text, createdAt: p.createdAt }));
  }

  pending(): FakeCall[] {
    return this.calls.filter((c) => !c.settled);
  }

  end(call: FakeCall, outcome: Outcome, nowMs = 0): void {
    if (call.settled) return;
    call.settled = true;
    switch (outcome) {
      case 'success': {
        const r = this.remote.accept(call.key, call.text);
        call.resolve({ remoteId: r.remoteId, url: `https://fake.example/@brand/${r.remoteId}` });
        return;
      }
      case 'accept-then-timeout':
        this.remote.accept(call.key, call.text);
        call.reject(new PublishError('unknown', 'no answer (test)'));
        return;
      case 'timeout':
        call.reject(new PublishError('unknown', 'no answer (test)'));
        return;
      case 'late':
        this.remote.limbo.push({ key: call.key, text: call.text, startedAt: call.startedAt });
        call.reject(new PublishError('unknown', 'no answer (test)'));
        return;
      case 'transient':
        call.reject(new PublishError('transient', 'HTTP 503 (test)'));
        return;
      case 'rate-limited':
        call.reject(new PublishError('rate-limited', 'HTTP 429 (test)', nowMs + 30_000));
        return;
      case 'rejected':
        call.reject(new PublishError('rejected', 'Validation failed: Text is bad (test)'));
        return;
    }
  }
}

export interface TestEngine {
  engine: EngineWithInternals;
  store: Store;
  call<T = Record<string, unknown>>(user: UserView, method: string, params?: unknown): Promise<T>;
  tick(): Promise<void>;
}

export const MODEL_OPTIONS: PublishOptions = { autoTick: false, settleMs: 120_000, reconcileEveryMs: 5_000, backoffBaseMs: 2_000, backoffCapMs: 60_000, random: () => 0.5 };

/** Opens (or reopens, after a "crash") the engine on a file. No fake publisher: the real one, over the real fetch. */
export async function openEngine(path: string, clock: FakeClock, secrets: SecretStore, publisher: Publisher | null, options: PublishOptions = MODEL_OPTIONS): Promise<TestEngine> {
  const store = openStore(path);
  const engine = createEngine({
    clock,
    store,
    http: publisher ? ((() => Promise.reject(new Error('no network in this test'))) as typeof fetch) : fetch,
    secrets,
    log: quietLog,
    publish: { ...options, ...(publisher ? { publishers: { mastodon: publisher } } : {}) },
    // Hundreds of engines a run: a small trend sketch (the trends have their own tests).
    alerts: { trends: { width: 2 ** 10 } },
  });
  await engine.start();
  return {
    engine,
    store,
    call: (user, method, params = {}) => engine.call(user, method, params) as never,
    async tick() {
      await engine.publishing.scheduler.tick();
      await engine.publishing.scheduler.drain();
      await flush();
    },
  };
}

/** Lets promise callbacks (settling a send) run. */
/** The engines a test file opens, stopped and closed after each test: push every one you open. */
export function stoppedAfterEach(): TestEngine[] {
  const open: TestEngine[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) {
      await t.engine.stop();
      t.store.close();
    }
  });
  return open;
}

export const flush = () => new Promise<void>((r) => setImmediate(r));

export async function addAccount(t: { store: Store }, clock: FakeClock, secrets: SecretStore, name: string, requireApproval: boolean): Promise<string> {
  const a = await ensureKnownAccount({ store: t.store, clock, secrets }, 'admin', {
    name,
    platform: 'mastodon',
    instanceUrl: 'https://fake.example',
    token: `token-${name}`,
    handle: `${name}@fake.example`,
    remoteAccountId: '1',
    profileUrl: 'https://fake.example/@brand',
    requireApproval,
  });
  return a.id;
}
