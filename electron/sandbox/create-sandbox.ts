/**
 * createSandbox(): a local practice platform speaking Mastodon's REST API, driven by a scenario
 * and/or a replay file, with a control API for tests and drills. See DESIGN "The sandbox".
 */
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../shared/clock.js';
import { ActionRunner } from './action-runner.js';
import { FaultRegistry } from './faults.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { loadReplay } from './replay.js';
import { htmlToPlain } from './render.js';
import { mastodonRoutes } from './routes-api.js';
import { controlHandler, type InjectPost } from './routes-control.js';
import { planScenario, type BoostAction, type PostAction } from './scenario-plan.js';
import { loadScenario, parseScenario, phaseAt, scenarioDurationMs, type ResolvedScenario, type Scenario } from './scenario-schema.js';
import { serializeStatus } from './serialize.js';
import { createSandboxServer } from './server.js';
import { mediaFile } from './media-files.js';
import { SandboxStore, type EmojiRecord, type MediaRecord } from './store.js';
import { TrafficExecutor, type AuthorProfile } from './traffic.js';
import type { MastodonStatus, PublishedStatus } from './types.js';

export type { MastodonAccount, MastodonNotification, MastodonStatus, PublishedStatus } from './types.js';
export type { Scenario, ResolvedScenario } from './scenario-schema.js';
export type { InjectPost } from './routes-control.js';

export interface SandboxOptions {
  /** 0 or undefined = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Scenario name under resources/scenarios, a path to a .json file, or an object; null = no
   *  generated traffic (the default scenario still names the brand). Undefined = 'default',
   *  except with `replay`, where undefined means replay-only traffic. */
  scenario?: string | Scenario | null;
  /** Deterministic generation; defaults to the scenario's seed. */
  seed?: number;
  /** Time multiplier (2 = twice as fast). */
  speed?: number;
  /** JSONL replay file (DESIGN "Replay files"). */
  replay?: string;
  /** All scenario/replay timing goes through it. */
  clock?: Clock;
  rateLimit?: RateLimitConfig;
  /** Bearer token of the brand account (random if absent). */
  brandToken?: string;
  /** Don't start traffic until start() is called. */
  paused?: boolean;
  log?: (msg: string) => void;
}

export interface InjectInput {
  author: string;
  text?: string;
  html?: string;
  tags?: string[];
  inReplyTo?: string;
  lang?: string;
  createdAt?: string;
  mentionBrand?: boolean;
  visibility?: 'public' | 'unlisted' | 'private' | 'direct';
  spoilerText?: string;
  sensitive?: boolean;
  /** url null (or left out): the sandbox serves a placeholder image for it. */
  media?: Array<Partial<MediaRecord> & Pick<MediaRecord, 'type'>>;
  poll?: { options: string[]; votes?: number[]; multiple?: boolean; expiresInSec?: number };
  /** Emoji from the post's own server; the sandbox's own (`customEmojis`) are found in the text. */
  emojis?: EmojiRecord[];
}

export interface Sandbox {
  url: string;
  port: number;
  brandToken: string;
  brand: { id: string; acct: string };
  hashtags: string[];
  terms: string[];
  inject(post: InjectInput): MastodonStatus;
  /** `author` boosts status `id`; returns the boost (its `reblog` is the boosted status). */
  boost(author: string, id: string): MastodonStatus;
  edit(id: string, text: string): void;
  remove(id: string): void;
  /** Everything the brand account posted, oldest first; removed ones flagged `deleted: true`. */
  published(): PublishedStatus[];
  statusCount(): number;
  start(): void;
  close(): Promise<void>;
}

async function resolveScenario(s: string | Scenario): Promise<ResolvedScenario> {
  return typeof s === 'string' ? loadScenario(s) : parseScenario(s, 'scenario object');
}

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => {});
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
  const runScenario = opts.scenario !== null && !(opts.scenario === undefined && opts.replay !== undefined);
  const scenario = await resolveScenario(opts.scenario ?? 'default');
  const replayActions: Array<PostAction | BoostAction> | null = opts.replay !== undefined ? await loadReplay(opts.replay) : null;
  const seed = opts.seed ?? scenario.seed;
  const brandToken = opts.brandToken ?? randomBytes(32).toString('base64url');
  const host = opts.host ?? '127.0.0.1';

  let store: SandboxStore | null = null;
  const st = (): SandboxStore => {
    if (!store) throw new Error('sandbox not ready');
    return store;
  };
  const faults = new FaultRegistry();
  const limiter = new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, clock);
  let base = '';
  let traffic: TrafficExecutor | null = null;
  const runners: ActionRunner[] = [];
  let scenarioRunner: ActionRunner | null = null;
  let replayRunner: ActionRunner | null = null;

  const published = (): PublishedStatus[] =>
    st()
      .statuses.filter((s) => s.accountId === st().brandId)
      .map((s) => {
        const out = serializeStatus(st(), s, { viewerId: st().brandId });
        return s.deleted ? { ...out, deleted: true as const } : out;
      });

  const inject = (post: InjectInput | InjectPost): MastodonStatus => {
    const extra: Partial<InjectInput> = post;
    const s = st();
    const author = traffic ? traffic.account(post.author) : s.ensureAccount(post.author);
    const brand = s.accountById(s.brandId);
    let text: string | null = post.text ?? null;
    if (post.mentionBrand && brand) {
      // html is served verbatim, so the mention lives in the source text (which drives mentions,
      // notifications and search); for html-only posts that text is the html's plain form.
      const mention = `@${brand.username}`;
      const plain = text ?? (post.html !== undefined ? htmlToPlain(post.html).trim() : '');
      if (!plain.toLowerCase().includes(mention.toLowerCase())) text = `${mention} ${plain}`.trimEnd();
    }
    if (text === null && post.html === undefined) text = '';
    let inReplyToId: string | null = null;
    if (post.inReplyTo !== undefined) {
      if (!s.getStatus(post.inReplyTo)) throw new Error(`inReplyTo: status ${post.inReplyTo} not found`);
      inReplyToId = post.inReplyTo;
    }
    let createdAt: number | undefined;
    if (post.createdAt !== undefined) {
      createdAt = Date.parse(post.createdAt);
      if (Number.isNaN(createdAt)) throw new Error(`createdAt is not a date: ${post.createdAt}`);
    }
    const rec = s.createStatus({
      accountId: author.id,
      text,
      html: post.html ?? null,
      tags: post.tags ?? [],
      inReplyToId,
      lang: post.lang ?? 'en',
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(post.visibility !== undefined ? { visibility: post.visibility } : {}),
      application: author.domain ? null : 'Web',
      ...(extra.spoilerText !== undefined ? { spoilerText: extra.spoilerText } : {}),
      ...(extra.sensitive !== undefined ? { sensitive: extra.sensitive } : {}),
      ...(extra.media ? { media: extra.media.map((m) => ({ type: m.type, description: m.description ?? null, url: m.url ?? null, previewUrl: m.previewUrl ?? null })) } : {}),
      ...(extra.poll
        ? {
            poll: {
              options: extra.poll.options.map((title, i) => ({ title, votes: extra.poll!.votes?.[i] ?? 0 })),
              multiple: extra.poll.multiple ?? false,
              expiresAt: clock.now() + (extra.poll.expiresInSec ?? 86_400) * 1000,
              votersCount: null,
            },
          }
        : {}),
      ...(extra.emojis ? { emojis: extra.emojis } : {}),
    });
    return serializeStatus(s, rec, { viewerId: null });
  };

  const state = () => {
    const s = st();
    const total = scenarioRunner?.scenarioMs() ?? null;
    const cycleMs = scenarioDurationMs(scenario);
    const within = total === null ? null : scenario.loop ? total % cycleMs : total;
    return {
      now: new Date(clock.now()).toISOString(),
      startedAt: scenarioRunner?.startedAt != null ? new Date(scenarioRunner.startedAt).toISOString() : replayRunner?.startedAt != null ? new Date(replayRunner.startedAt).toISOString() : null,
      speed,
      seed,
      scenario: scenario.name,
      traffic: runScenario,
      phase: !runScenario ? null : within === null ? 'not started' : phaseAt(scenario, within),
      scenarioTimeSec: within === null ? null : Math.round(within) / 1000,
      cycle: scenarioRunner?.currentCycle ?? null,
      pendingActions: scenarioRunner?.pending() ?? 0,
      statuses: s.liveCount(),
      deleted: s.statuses.length - s.liveCount(),
      notifications: s.notifications.filter((n) => !n.deleted).length,
      published: s.statuses.filter((x) => x.accountId === s.brandId && !x.deleted).length,
      replay: replayRunner && replayActions ? { total: replayActions.length, published: replayRunner.executed } : null,
      faults: faults.list().length,
    };
  };

  const sv = createSandboxServer({
    routes: [],
    control: controlHandler({ faults, published, state, inject: (p) => inject(p) }),
    files: (pathname) => (store ? mediaFile(store, pathname) : null),
    faults,
    limiter,
    brandToken,
    brandId: () => st().brandId,
    base: () => base,
    now: () => clock.now(),
    log,
  });
  const port = await sv.listen(opts.port ?? 0, host);
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  store = new SandboxStore(base, clock, scenario.instance?.domain);
  for (const code of scenario.customEmojis) store.addCustomEmoji(code);
  const brand = store.ensureAccount(scenario.brand.handle, { displayName: scenario.brand.displayName ?? scenario.brand.name, note: scenario.brand.note, followers: 12_480 });
  store.brandId = brand.id;

  const profiles = new Map<string, AuthorProfile>();
  for (const a of scenario.authors) profiles.set(a.handle.replace(/^@/, '').toLowerCase(), { displayName: a.displayName, lang: a.lang, ...(a.note ? { note: a.note } : {}), bot: a.bot, ...(a.followers !== undefined ? { followers: a.followers } : {}) });
  traffic = new TrafficExecutor({ store, clock, speed, profiles, scenario: runScenario ? scenario : null, seed, log });
  // Cast accounts exist from the start, so @mentions of them resolve and their ids are stable.
  if (runScenario) for (const a of scenario.authors) traffic.account(a.handle);

  const deps = {
    store,
    now: () => clock.now(),
    instance: { title: scenario.instance?.title ?? `${scenario.brand.name} sandbox`, description: scenario.instance?.description ?? scenario.description, contactAcct: brand.username },
    onBrandPost: (s: Parameters<TrafficExecutor['onBrandPost']>[0]) => traffic?.onBrandPost(s),
  };
  sv.setRoutes(mastodonRoutes(deps));

  const onError = (err: unknown) => log(`sandbox: action failed: ${(err as Error).message}`);
  if (runScenario) {
    scenarioRunner = new ActionRunner({
      clock,
      speed,
      actions: planScenario(scenario, seed, 0),
      exec: traffic.exec,
      onError,
      ...(scenario.loop ? { loop: { cycleMs: scenarioDurationMs(scenario), next: (cycle: number) => planScenario(scenario, seed, cycle) } } : {}),
    });
    runners.push(scenarioRunner);
  }
  if (replayActions) {
    replayRunner = new ActionRunner({ clock, speed, actions: replayActions, exec: traffic.exec, onError });
    runners.push(replayRunner);
  }

  let closing: Promise<void> | null = null;
  const sandbox: Sandbox = {
    url: base,
    port,
    brandToken,
    brand: { id: brand.id, acct: brand.username },
    hashtags: [...scenario.hashtags],
    terms: [...scenario.terms],
    inject,
    boost(author, id) {
      const s = st();
      const by = traffic ? traffic.account(author) : s.ensureAccount(author);
      return serializeStatus(s, s.boostStatus(by.id, id), { viewerId: null });
    },
    edit(id, text) {
      st().editStatus(id, text);
    },
    remove(id) {
      if (!st().deleteStatus(id)) throw new Error(`status ${id} not found`);
    },
    published,
    statusCount: () => st().liveCount(),
    start() {
      if (traffic) traffic.active = true;
      for (const r of runners) r.start();
    },
    close() {
      // Idempotent: the hub and tests may both close the same sandbox.
      closing ??= (async () => {
        for (const r of runners) r.stop();
        traffic?.close();
        await sv.close();
      })();
      return closing;
    },
  };
  log(`sandbox: ${base} scenario=${runScenario ? scenario.name : '(none)'}${opts.replay ? ` replay=${opts.replay}` : ''} speed=${speed} seed=${seed}`);
  if (!opts.paused) sandbox.start();
  return sandbox;
}
