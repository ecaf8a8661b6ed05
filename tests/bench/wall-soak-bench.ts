import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import type { IngestOp } from '../../electron/engine/ingest/types.js';
import { startHub } from '../../electron/hub/start-hub.js';

const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WallSoakOptions {
  /** How long the load runs (after a 10 s warm-up). NEWSROOM_WALL_SOAK_SECONDS or `npm run bench -- wall-soak SECONDS`. */
  seconds: number;
  rate: number;
  burstEverySec: number;
  burstSize: number;
  sampleEverySec: number;
}

export const WALL_SOAK_DEFAULTS: WallSoakOptions = { seconds: 600, rate: 40, burstEverySec: 30, burstSize: 200, sampleEverySec: 30 };

interface Sample {
  atSec: number;
  heapMB: number;
  /** Every DOM node the page retains after a collection (attached or not: a leak shows here). */
  domNodes: number;
  /** Elements in the document. */
  elements: number;
  listeners: number;
  replica: Record<string, number>;
  shown: number;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

const WORDS = 'app down again double charged refund card order waiting queue coffee cold brew barista store help login broken'.split(' ');

function post(n: number, now: number): IngestOp {
  const words = Array.from({ length: 18 }, (_, k) => WORDS[(n * 7 + k * 5) % WORDS.length]).join(' ');
  const tagged = n % 2 === 0;
  return {
    op: 'upsert',
    post: {
      platform: 'mastodon',
      nativeId: `https://soak.example/users/u${n % 300}/statuses/${n}`,
      url: `https://soak.example/@u${n % 300}/${n}`,
      author: { handle: `u${n % 300}@soak.example`, name: `Soak user ${n % 300}`, url: `https://soak.example/@u${n % 300}`, avatarUrl: null },
      html: `<p>${n % 5 === 0 ? 'Refund please: ' : ''}${words} ${tagged ? '<a href="https://soak.example/tags/fernwood" class="mention hashtag" rel="tag">#<span>fernwood</span></a>' : ''}</p>`,
      lang: 'en',
      tags: tagged ? ['fernwood'] : [],
      createdAt: new Date(now).toISOString(),
      replyTo: null,
      editedAt: null,
    },
  };
}

/**
 * What the page holds. A garbage collection first (through the DevTools protocol), so heap and node
 * counts are what is retained, not what is waiting to be collected; the long task that collection
 * may cause is ours, and its time window is returned so it isn't counted against the wall.
 */
async function sample(page: Page, cdp: CDPSession, atSec: number): Promise<{ sample: Sample; gcWindow: [number, number] }> {
  const before = await page.evaluate(() => performance.now());
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await page.evaluate(() => performance.now());
  const counters = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  const inPage = await page.evaluate(async () => {
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
    const replica = await new Promise<Record<string, number>>((resolve) => {
      const open = indexedDB.open('newsroom');
      open.onsuccess = () => {
        const idb = open.result;
        const names = [...idb.objectStoreNames];
        const tx = idb.transaction(names, 'readonly');
        const out: Record<string, number> = {};
        for (const n of names) {
          const req = tx.objectStore(n).count();
          req.onsuccess = () => (out[n] = req.result);
        }
        tx.oncomplete = () => {
          idb.close();
          resolve(out);
        };
      };
    });
    return { heap, replica, elements: document.getElementsByTagName('*').length, shown: document.querySelectorAll('[data-testid="wall-item"]').length };
  });
  return {
    sample: {
      atSec,
      heapMB: Math.round((inPage.heap / 1048576) * 10) / 10,
      domNodes: counters.nodes,
      elements: inPage.elements,
      listeners: counters.jsEventListeners,
      replica: inPage.replica,
      shown: inPage.shown,
    },
    gcWindow: [before, after + 20],
  };
}

function series(samples: Sample[], pick: (s: Sample) => number) {
  const values = samples.map(pick);
  const afterFirstMinute = samples.find((s) => s.atSec >= 60) ?? samples[0]!;
  const last = values.at(-1)!;
  return { first: values[0], afterFirstMinute: pick(afterFirstMinute), last, max: Math.max(...values), flat: last <= 1.2 * pick(afterFirstMinute) };
}

/**
 * The wall in Chromium at crisis rates for a long time: posts go straight into the hub's ingest
 * pipeline (the same path a connector's fetch takes, without the platform's rate limits pacing
 * it), `rate` a second with a burst of `burstSize` at once every `burstEverySec`. Reports long
 * tasks, heap, DOM nodes, listeners and replica table sizes sampled over time, posts shown per
 * second and arrival (ingestedAt) → on screen.
 */
export async function benchWallSoak(opts: WallSoakOptions = WALL_SOAK_DEFAULTS) {
  const hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'nr-bench-soak-')), port: 0, demo: 'quiet', log: QUIET, pollIntervalMs: 1000 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const timer: { t: ReturnType<typeof setInterval> | null } = { t: null };
  try {
    const sourceId = hub.store.sources.list()[0]!.id;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await page.addInitScript(() => {
      // Three columns: everything, a hashtag (half the posts) and a term (a fifth of them).
      localStorage.setItem(
        'newsroom.wall.main',
        JSON.stringify({
          columns: [
            { id: 'all', title: '', filter: { kind: 'all' } },
            { id: 'tag', title: '', filter: { kind: 'hashtag', tag: 'fernwood' } },
            { id: 'term', title: '', filter: { kind: 'term', term: 'refund' } },
          ],
        }),
      );
      const w = window as unknown as { __soak: { long: Array<[number, number]>; seen: Array<[number, number]> } };
      w.__soak = { long: [], seen: [] };
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__soak.long.push([Math.round(e.startTime), Math.round(e.duration)]);
      }).observe({ type: 'longtask', buffered: true });
      const known = new Set<number>();
      // No named inner functions here: the bench runs under tsx, whose helpers don't exist in the page.
      new MutationObserver((records) => {
        const t = performance.timeOrigin + performance.now();
        const added: HTMLElement[] = [];
        for (const r of records)
          for (const n of r.addedNodes) {
            if (!(n instanceof HTMLElement)) continue;
            if (n.dataset.itemId) added.push(n);
            else added.push(...n.querySelectorAll<HTMLElement>('[data-item-id]'));
          }
        for (const el of added) {
          const id = Number(el.dataset.itemId);
          if (id && !known.has(id)) {
            known.add(id);
            w.__soak.seen.push([id, t]);
          }
        }
        // Bounded: ids only ever grow, the oldest can go.
        if (known.size > 2_000) for (const id of [...known].slice(0, 1_000)) known.delete(id);
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${hub.url}/#/wall?token=${hub.tokens!.wall}`);
    await page.getByTestId('connection-state').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 10_000));
    const drain = () => page.evaluate(() => {
      const s = (window as unknown as { __soak: { long: Array<[number, number]>; seen: Array<[number, number]> } }).__soak;
      return { long: s.long.splice(0), seen: s.seen.splice(0) };
    });
    await drain(); // start-up is not what this measures

    let n = 0;
    let injected = 0;
    const startedAt = Date.now();
    let nextBurst = startedAt + opts.burstEverySec * 1000;
    const perTick = opts.rate / 10;
    let owed = 0;
    timer.t = setInterval(() => {
      const now = Date.now();
      owed += perTick;
      const ops: IngestOp[] = [];
      while (owed >= 1) {
        ops.push(post(++n, now));
        owed -= 1;
      }
      if (now >= nextBurst) {
        for (let i = 0; i < opts.burstSize; i++) ops.push(post(++n, now));
        nextBurst += opts.burstEverySec * 1000;
      }
      if (ops.length) injected += hub.engine.pipeline.ingest(sourceId, ops).added;
    }, 100);

    const gcWindows: Array<[number, number]> = [];
    const take = async (at: number) => {
      const r = await sample(page, cdp, at);
      gcWindows.push(r.gcWindow);
      return r.sample;
    };
    const samples: Sample[] = [await take(0)];
    const longTasks: number[] = [];
    let measurementGcTasks = 0;
    const arrivalToScreen: number[] = [];
    const shownPerSecond: number[] = [];
    const account = (d: { long: Array<[number, number]>; seen: Array<[number, number]> }, spanSec: number) => {
      for (const [start, dur] of d.long) {
        if (gcWindows.some(([a, b]) => start >= a && start <= b)) measurementGcTasks += 1;
        else longTasks.push(dur);
      }
      for (const [id, at] of d.seen) {
        const item = hub.store.items.get(id);
        if (item) arrivalToScreen.push(at - Date.parse(item.ingestedAt));
      }
      shownPerSecond.push(Math.round((d.seen.length / spanSec) * 10) / 10);
    };
    for (let at = opts.sampleEverySec; at <= opts.seconds; at += opts.sampleEverySec) {
      await new Promise((r) => setTimeout(r, startedAt + at * 1000 - Date.now()));
      account(await drain(), opts.sampleEverySec);
      samples.push(await take(at));
      console.error(`bench: wall soak ${at}/${opts.seconds} s: heap ${samples.at(-1)!.heapMB} MB, ${samples.at(-1)!.domNodes} nodes, ${longTasks.length} long tasks so far`);
    }
    clearInterval(timer.t);
    timer.t = null;
    await new Promise((r) => setTimeout(r, 3_000));
    account(await drain(), 3);
    shownPerSecond.pop();
    arrivalToScreen.sort((a, b) => a - b);
    const heap = series(samples, (s) => s.heapMB);
    const dom = series(samples, (s) => s.domNodes);
    return {
      load: { seconds: opts.seconds, postsPerSecond: opts.rate, burst: `${opts.burstSize} every ${opts.burstEverySec} s`, injected, viewport: '1920x1080', columns: 3 },
      longTasksOver50ms: { count: longTasks.length, maxMs: longTasks.length ? Math.max(...longTasks) : 0, all: longTasks, duringOurForcedGc: measurementGcTasks },
      heapMB: heap,
      domNodes: dom,
      elements: series(samples, (s) => s.elements),
      listeners: series(samples, (s) => s.listeners),
      replicaRows: { first: samples[0]!.replica, last: samples.at(-1)!.replica },
      postsShownPerSecond: { mean: Math.round((shownPerSecond.reduce((a, b) => a + b, 0) / Math.max(1, shownPerSecond.length)) * 10) / 10, perSample: shownPerSecond },
      arrivalToScreenMs: { samples: arrivalToScreen.length, p50: pct(arrivalToScreen, 50), p95: pct(arrivalToScreen, 95), max: pct(arrivalToScreen, 100) },
      goal: { zeroLongTasks: longTasks.length === 0, heapFlat: heap.flat, domFlat: dom.flat },
      samples,
    };
  } finally {
    if (timer.t) clearInterval(timer.t);
    await browser.close();
    await hub.close();
  }
}
