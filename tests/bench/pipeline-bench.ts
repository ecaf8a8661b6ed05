import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPipeline, type Pipeline } from '../../electron/engine/ingest/pipeline.js';
import { sanitizePlatformHtml, htmlToText } from '../../electron/engine/ingest/sanitize.js';
import type { IngestOp } from '../../electron/engine/ingest/types.js';
import { normalizeStatus } from '../../electron/engine/sources/mastodon/normalize-status.js';
import { MIGRATIONS } from '../../electron/engine/store/migrations.js';
import { openStore } from '../../electron/engine/store/store.js';
import { createEnricher, loadLanguageDetector } from '../../electron/engine/enrich/index.js';
import { createTopicMatcher } from '../../electron/engine/topics/topic-matcher.js';
import { queries } from './understanding-bench.js';
import { systemClock } from '../../shared/clock.js';
import type { Topic } from '../../shared/topics.js';
import type { Item } from '../../shared/domain.js';
import { createEngine } from '../../electron/engine/create-engine.js';
import { seedDemoQueue } from '../../electron/hub/demo-queue.js';

const WORDS = 'coffee beans roast morning latte grinder recall refund order delivery cold brew espresso store app login broken love great terrible'.split(' ');

/** Mastodon Status JSON as the sandbox serves it. */
export function status(i: number) {
  const words = Array.from({ length: 24 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' ');
  return {
    id: String(110_000_000_000_000 + i),
    uri: `https://bench.example/users/u${i % 500}/statuses/${i}`,
    url: `https://bench.example/@u${i % 500}/${i}`,
    created_at: new Date(Date.parse('2026-11-22T10:00:00Z') + i * 100).toISOString(),
    edited_at: null,
    content: `<p>${words} <a href="https://bench.example/tags/brewco" class="mention hashtag" rel="tag">#<span>BrewCo</span></a></p>`,
    spoiler_text: '',
    visibility: 'public',
    sensitive: false,
    language: 'en',
    in_reply_to_id: i % 10 === 0 ? String(110_000_000_000_000 + i - 1) : null,
    in_reply_to_account_id: null,
    account: {
      id: String(i % 500),
      username: `u${i % 500}`,
      acct: `u${i % 500}`,
      display_name: `User ${i % 500}`,
      url: `https://bench.example/@u${i % 500}`,
      avatar: `https://bench.example/avatars/${i % 500}.png`,
      avatar_static: `https://bench.example/avatars/${i % 500}.png`,
      header: '',
      header_static: '',
      note: '',
      locked: false,
      bot: false,
      group: false,
      discoverable: true,
      created_at: '2024-01-01T00:00:00.000Z',
      followers_count: 1,
      following_count: 1,
      statuses_count: 1,
      last_status_at: '2026-11-22',
      emojis: [],
      fields: [],
    },
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'brewco', url: 'https://bench.example/tags/brewco' }],
    emojis: [],
    reblogs_count: 0,
    favourites_count: 0,
    replies_count: 0,
    reblog: null,
    poll: null,
    card: null,
  };
}

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

/** Status JSON → the pipeline in batches, as the connector feeds it: wall time and this process's CPU seconds. */
function feed(pipeline: Pipeline, payloads: ReturnType<typeof status>[], batch: number): { ms: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i += batch) {
    const ops: IngestOp[] = [];
    for (const s of payloads.slice(i, i + batch)) {
      const post = normalizeStatus(s, 'https://bench.example');
      if (post) ops.push({ op: 'upsert', post });
    }
    pipeline.ingest('bench', ops, { 'tag:brewco': String(i) });
  }
  return { ms: performance.now() - t0, cpu: cpuSeconds(cpu0) };
}

/** Topics as a brand writes them (coffee words posts do contain) plus generated ones up to 1,000 query literals. */
function benchTopics(): Topic[] {
  const at = '2026-11-01T00:00:00.000Z';
  const topic = (id: string, query: string) => ({ id, name: id, kind: 'product' as const, query, createdAt: at, updatedAt: at, updatedBy: 'bench' });
  return [
    topic('coffee', 'coffee OR latte OR espresso OR "cold brew"'),
    topic('complaints', '(refund OR broken OR terrible) AND (order OR delivery OR app)'),
    ...queries(1_000).map((q, i) => topic(`t${i}`, q)),
  ];
}

/** The pipeline as the issue defines it: normalize → enrich → match (1,000 literals) → store → change feed, no hooks. */
export async function benchFullPipeline(payloads: ReturnType<typeof status>[], dir: string, batch: number, file = 'full.db') {
  const store = openStore(join(dir, file));
  const detector = await loadLanguageDetector();
  const enricher = createEnricher({ detector });
  const topics = createTopicMatcher();
  topics.load(benchTopics());
  const pipeline = createPipeline({ store, clock: systemClock, understanding: { enricher, topics } });
  const { ms, cpu } = feed(pipeline, payloads, batch);
  const items = store.items.list({ limit: payloads.length });
  if (items.length !== payloads.length || items.some((it) => it.enrichment === null)) throw new Error('full pipeline: an item was not stored or not enriched');
  const taggedShare = Number((items.filter((it) => it.topics.length > 0).length / items.length).toFixed(2));
  const queryCount = topics.size();
  store.close();
  return { ms, cpu, queries: queryCount, taggedShare };
}

const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * What the product does: createEngine's own pipeline, with the same topics (saved in the store, as
 * a lead saves them) and language detector, and its hooks: queue placement, triage and assignment
 * in the transaction (the demo's teams, two agents online), trends and alerts after the commit.
 * The engine is not started (no sources, no timers): only ingest is measured.
 */
export async function benchEnginePipeline(payloads: ReturnType<typeof status>[], dir: string, batch: number) {
  const store = openStore(join(dir, 'engine.db'));
  for (const t of benchTopics()) store.topics.save(t);
  const detector = await loadLanguageDetector();
  const engine = createEngine({
    clock: systemClock,
    store,
    http: fetch,
    secrets: { get: async () => null, set: async () => undefined, delete: async () => undefined },
    log: QUIET,
    understanding: { loadDetector: async () => detector },
  });
  for (const u of ['agent1', 'agent2', 'lead']) store.users.add(u, u === 'lead' ? 'lead' : 'agent', `h-${u}`, new Date().toISOString());
  seedDemoQueue(engine);
  store.write(() => {
    for (const u of ['agent1', 'agent2']) engine.queue.core.repo.putPresence({ user: u, status: 'online', conversation: null, activity: null, at: new Date().toISOString() });
  });
  engine.understanding.startLoading();
  if (!(await engine.understanding.detectorReady)) throw new Error('engine pipeline: the language detector did not load');
  const { ms, cpu } = feed(engine.pipeline, payloads, batch);
  if (store.items.count() !== payloads.length) throw new Error(`engine pipeline stored ${store.items.count()}, expected ${payloads.length}`);
  const conversations = (store.db.prepare('SELECT COUNT(*) AS n FROM queue_conversations').get() as { n: number }).n;
  await engine.stop();
  store.close();
  return { ms, cpu, conversations };
}

const WARMUP = 2_000;

/** The raw baseline: stored rows written back with plain batched INSERTs into the same schema, nothing else. */
function openRaw(path: string) {
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec(MIGRATIONS.map((m) => m.sql).join('\n'));
  const insert = raw.prepare(
    'INSERT INTO items (seq, source_id, platform, native_id, url, author_handle, author_name, author_url, author_avatar, text, html, lang, tags, created_at, ingested_at, reply_to, edited_at, deleted_at, visibility, ' +
      'content_warning, sensitive, media, poll, emojis, author_emojis, boosted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    /** One transaction: wall time and this process's CPU seconds. */
    insertBatch(rows: Item[]): { ms: number; cpu: number } {
      const cpu = process.cpuUsage();
      const t = performance.now();
      raw.transaction(() => {
        for (const r of rows) {
          insert.run(r.seq, r.sourceId, r.platform, r.nativeId, r.url, r.author.handle, r.author.name, r.author.url, r.author.avatarUrl, r.text, r.html, r.lang, JSON.stringify(r.tags), r.createdAt, r.ingestedAt, r.replyTo, r.editedAt, r.deletedAt, r.visibility,
            r.contentWarning, r.sensitive ? 1 : 0, JSON.stringify(r.media), r.poll === null ? null : JSON.stringify(r.poll), JSON.stringify(r.emojis), JSON.stringify(r.author.emojis), JSON.stringify(r.boostedBy));
        }
      })();
      return { ms: performance.now() - t, cpu: cpuSeconds(cpu) };
    },
    close: () => raw.close(),
  };
}

export async function benchPipeline(total = 20_000, batch = 500) {
  const payloads = Array.from({ length: total }, (_, i) => status(i));
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-'));

  // Ours: Status JSON → validate/normalize → sanitize → dedupe → store → change feed, batched.
  // Baseline: the very same rows, raw batched INSERTs into the same schema, nothing else. The two
  // take turns batch by batch, so other load on the machine falls on both alike.
  // Sustained rates: a warm-up of WARMUP posts (and rows) into throwaway files first, so the figures
  // are of compiled code, as in a hub that has been running.
  const warm = openStore(join(dir, 'warm.db'));
  const warmRaw = openRaw(join(dir, 'warm-raw.db'));
  const warmPipeline = createPipeline({ store: warm, clock: systemClock });
  for (let i = 0; i < WARMUP; i += batch) {
    feed(warmPipeline, payloads.slice(i, i + batch), batch);
    warmRaw.insertBatch(warm.items.list({ limit: batch }).reverse());
  }
  warm.close();
  warmRaw.close();
  await benchFullPipeline(payloads.slice(0, WARMUP), dir, batch, 'warm-full.db');

  const store = openStore(join(dir, 'pipeline.db'));
  const raw = openRaw(join(dir, 'raw.db'));
  const pipeline = createPipeline({ store, clock: systemClock });
  let fed = 0;
  store.changes.subscribe((envs) => (fed += envs.length));
  let pipelineMs = 0;
  let pipelineCpu = 0;
  let rawMs = 0;
  let rawCpu = 0;
  for (let i = 0; i < total; i += batch) {
    const ours = feed(pipeline, payloads.slice(i, i + batch), batch);
    pipelineMs += ours.ms;
    pipelineCpu += ours.cpu;
    const theirs = raw.insertBatch(store.items.list({ limit: batch }).reverse());
    rawMs += theirs.ms;
    rawCpu += theirs.cpu;
  }
  raw.close();
  if (fed !== total || store.items.count() !== total) throw new Error(`pipeline stored ${store.items.count()}, fed ${fed}, expected ${total}`);
  // Re-feeding the same payloads: the dedupe path (what every overlapping poll costs).
  const t1 = performance.now();
  for (let i = 0; i < total; i += batch) {
    const ops = payloads.slice(i, i + batch).map((s) => ({ op: 'upsert' as const, post: normalizeStatus(s, 'https://bench.example')! }));
    pipeline.ingest('bench', ops);
  }
  const dedupeMs = performance.now() - t1;
  store.close();

  // The pipeline as issue 10 defines it: + enrichment + topic matching over 1,000 literals (no hooks).
  const full = await benchFullPipeline(payloads, dir, batch);
  // The same, as the engine runs it: + its hooks (queue placement in the transaction, trends and alerts after it).
  const withHooks = await benchEnginePipeline(payloads, dir, batch);

  // Where the time goes: sanitizing alone over the same payloads.
  const t3 = performance.now();
  for (const s of payloads) htmlToText(sanitizePlatformHtml(s.content));
  const sanitizeMs = performance.now() - t3;

  const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
  return {
    posts: total,
    batch,
    warmupPosts: WARMUP,
    pipelinePostsPerSec: perSec(total, pipelineMs),
    pipelineCpuCores: Number((pipelineCpu / (pipelineMs / 1000)).toFixed(2)),
    // The budget: 5,000 posts/s on at most half a core.
    coresNeededAt5000PerSec: Number(((pipelineCpu / total) * 5000).toFixed(3)),
    rawInsertRowsPerSec: perSec(total, rawMs),
    ratioPipelineToRaw: Number((rawMs / pipelineMs).toFixed(3)),
    // The same ratio on this process's CPU seconds: on a shared machine, even less sensitive to other load than wall time.
    rawInsertRowsPerCpuSecond: Math.round(total / rawCpu),
    pipelinePostsPerCpuSecond: Math.round(total / pipelineCpu),
    ratioPipelineToRawCpu: Number((rawCpu / pipelineCpu).toFixed(3)),
    dedupeRefeedPostsPerSec: perSec(total, dedupeMs),
    // The budget: with enrichment and 1,000 query literals still 5,000 posts/s on one core.
    fullPipelinePostsPerSec: perSec(total, full.ms),
    fullPipelinePostsPerCpuSecond: Math.round(total / full.cpu),
    fullPipelineTopicQueries: full.queries,
    fullPipelineTaggedShare: full.taggedShare,
    // What the product does: the full pipeline + the engine's hooks (queue placement in-transaction, trends and alerts after commit).
    engineWithHooksPostsPerSec: perSec(total, withHooks.ms),
    engineWithHooksPostsPerCpuSecond: Math.round(total / withHooks.cpu),
    engineWithHooksConversations: withHooks.conversations,
    sanitizeOnlyPostsPerSec: perSec(total, sanitizeMs),
  };
}
