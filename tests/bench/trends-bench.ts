import { monitorEventLoopDelay } from 'node:perf_hooks';
import { alertRuleSchema, type AlertRule } from '../../shared/alerts.js';
import type { Clock } from '../../shared/clock.js';
import { defaultSensitiveTerms } from '../../electron/engine/alerts/sensitive-terms.js';
import { createAlertEvaluator, type AlertPost } from '../../electron/engine/alerts/evaluator.js';
import { tokenize } from '../../electron/engine/trends/tokenize.js';
import { createTrendDetector } from '../../electron/engine/trends/trend-detector.js';
import { seeded } from '../engine/trends/stream.js';

/** A clock the bench moves by hand (no timer fires: the bench closes epochs itself). */
function manualClock(start: number): Clock & { t: number } {
  return { t: start, now() { return this.t; }, setTimeout: () => 0, clearTimeout: () => undefined };
}

const COMMON = 'coffee latte espresso order app store refund queue barista morning oat milk price card loyalty'.split(' ');

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * setImmediate/performance.now, as in the engine, that also times each slice in CPU time: on a
 * loaded machine a slice's wall time includes the time the OS gave other processes.
 */
function measuringScheduler() {
  const cpuSlices: number[] = [];
  let sliceStart = 0;
  return {
    cpuSlices,
    begin(): void {
      sliceStart = cpuMs();
    },
    end(): void {
      cpuSlices.push(cpuMs() - sliceStart);
    },
    defer(fn: () => void): void {
      cpuSlices.push(cpuMs() - sliceStart);
      setImmediate(() => {
        sliceStart = cpuMs();
        fn();
      });
    },
    now: () => performance.now(),
  };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function memory(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Trend update cost per post and epoch close time with a million distinct words in the epoch,
 * the state's memory, and alert evaluation per post with 1,000 rules.
 */
export async function benchTrends(posts = 60_000) {
  const random = seeded(1);
  let unique = 0;
  const texts = Array.from({ length: posts }, () => {
    const words: string[] = [];
    // 17 never-seen words and 3 everyday ones per post: 1.02 million distinct words, plus their bigrams.
    for (let i = 0; i < 17; i++) words.push(`w${(unique++).toString(36)}`);
    for (let i = 0; i < 3; i++) words.splice(Math.floor(random() * words.length), 0, COMMON[Math.floor(random() * COMMON.length)]!);
    return words.join(' ');
  });

  const before = memory();
  const clock = manualClock(Date.parse('2026-11-22T12:00:00Z'));
  const scheduler = measuringScheduler();
  const detector = createTrendDetector({ clock, random, scheduler }, { warmupEpochs: 0 });
  const options = detector.options;
  // Warm-up epoch (JIT, and a baseline), then the measured one.
  for (let i = 0; i < 5000; i++) detector.ingest({ itemId: i, text: texts[i]!, lang: 'en', sentiment: 0 });
  clock.t += options.epochMs;
  await detector.rollover();

  let start = performance.now();
  for (let i = 0; i < posts; i++) detector.ingest({ itemId: 10_000 + i, text: texts[i]!, lang: 'en', sentiment: random() * 2 - 1 });
  const ingestMs = performance.now() - start;
  const tokens = texts.slice(0, 1000).reduce((n, t) => n + tokenize(t, [], 'en').length, 0) / 1000;
  const stateBytes = memory() - before;
  const stats = detector.stats();

  clock.t += options.epochMs;
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  start = performance.now();
  scheduler.cpuSlices.length = 0;
  scheduler.begin();
  await detector.rollover();
  scheduler.end();
  const closeWallMs = performance.now() - start;
  lag.disable();
  const close = detector.lastCloseStats()!;

  const alerts = benchAlertRules(texts.slice(0, 20_000));

  return {
    sketch: { depth: options.depth, width: options.width, cells: options.depth * options.width },
    distinctWordsInEpoch: unique,
    termsPerPost: Math.round(tokens * 10) / 10,
    updatePerPostUs: Math.round(((ingestMs * 1000) / posts) * 100) / 100,
    postsPerSecond: Math.round(posts / (ingestMs / 1000)),
    epochClose: {
      slices: close.slices,
      maxSliceMs: Math.round(close.maxSliceMs * 100) / 100,
      maxSliceCpuMs: Math.round(Math.max(...scheduler.cpuSlices) * 100) / 100,
      busyMs: Math.round(close.busyMs * 10) / 10,
      wallMs: Math.round(closeWallMs * 10) / 10,
      sliceBudgetMs: options.sliceBudgetMs,
      eventLoopDelayMaxMs: Math.round((lag.max / 1e6) * 10) / 10,
    },
    memory: {
      stateMiB: Math.round((stateBytes / 2 ** 20) * 10) / 10,
      approxStateMiB: Math.round((stats.approxBytes / 2 ** 20) * 10) / 10,
      sketchMiB: stats.sketchBytes / 2 ** 20,
      budgetMiB: 64,
    },
    alerts,
  };
}

/** 1,000 rules of every kind against real-looking posts; the query predicate is a word test (issue 10's matcher comes later). */
function benchAlertRules(texts: string[]) {
  const clock = manualClock(Date.parse('2026-11-22T12:00:00Z'));
  const words = (q: string) => {
    const w = q.split(' ');
    return (p: AlertPost) => w.every((x) => p.text.includes(x));
  };
  const rules: AlertRule[] = [];
  const kinds: Array<[number, (i: number) => unknown]> = [
    [700, (i) => ({ kind: 'query_match', query: `${COMMON[i % COMMON.length]} w${i.toString(36)}` })],
    [100, (i) => ({ kind: 'author', handles: [`vip${i}@social.example`], minFollowers: 100_000 })],
    [100, (i) => ({ kind: 'volume_spike', target: { kind: 'query', query: COMMON[i % COMMON.length] } })],
    [50, (i) => ({ kind: 'sentiment_drop', target: { kind: 'query', query: COMMON[i % COMMON.length] } })],
    [25, () => ({ kind: 'brand_trend', brandTerms: ['kettlebird', 'coffee'] })],
    [25, () => ({ kind: 'sensitive_event', terms: defaultSensitiveTerms() })],
  ];
  for (const [n, make] of kinds) for (let i = 0; i < n; i++) rules.push(alertRuleSchema.parse({ id: `r${rules.length}`, name: `Rule ${rules.length}`, severity: 'warning', ...(make(i) as object) }));
  const ev = createAlertEvaluator({ clock, compileQuery: words }, { epochMs: 60_000, halfLifeEpochs: 10, beta: 2, warmupEpochs: 3 });
  ev.setRules(rules);
  const postsFor = texts.map((text, i) => {
    const tokens = tokenize(text, [], 'en');
    return { itemId: i, text, tokens, lang: 'en', author: { handle: `user${i % 500}@social.example`, followers: i % 1000 }, sentiment: 0 } satisfies AlertPost;
  });
  for (const p of postsFor.slice(0, 2000)) ev.onPost({ ...p, itemId: p.itemId + 1e6 });
  let raised = 0;
  const start = performance.now();
  for (const p of postsFor) {
    raised += ev.onPost(p).length;
    clock.t += 3;
  }
  const ms = performance.now() - start;
  return { rules: rules.length, posts: postsFor.length, perPostUs: Math.round(((ms * 1000) / postsFor.length) * 10) / 10, postsPerSecond: Math.round(postsFor.length / (ms / 1000)), alertsRaised: raised };
}
