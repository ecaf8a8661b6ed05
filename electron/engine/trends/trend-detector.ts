import type { SeriesPoint, TermKind, TrendTerm } from '../../../shared/alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../engine-types.js';
import { alphaForHalfLife, Ewma } from './ewma.js';
import { sentimentScore, type TrendPost } from './post.js';
import { Reservoir, type SampledPost } from './reservoir.js';
import type { SeriesRepo } from './series-repo.js';
import { SignificanceSketch, type TermEstimate } from './sketch.js';
import { immediateScheduler, runSliced, type SliceScheduler, type SliceStats } from './sliced.js';
import { SpaceSaving } from './space-saving.js';
import { tokenize, type Token } from './tokenize.js';
import { clusterTerms, DEFAULT_TOPIC_OPTIONS, TopicRegistry } from './topics.js';
import { DEFAULT_TREND_OPTIONS, type EpochReport, type TrendOnset, type TrendOptions, type TrendStats } from './trend-options.js';

export { DEFAULT_TREND_OPTIONS } from './trend-options.js';
export type { EpochReport, TrendOnset, TrendOptions, TrendStats } from './trend-options.js';

export interface TrendDetectorDeps {
  clock: Clock;
  scheduler?: SliceScheduler;
  repo?: SeriesRepo | null;
  random?: () => number;
  log?: Logger;
}

interface Followed {
  term: TrendTerm;
}

interface EpochSnapshot {
  start: number;
  end: number;
  skipped: number;
  frequent: SpaceSaving<TermKind>;
  followed: Map<string, Followed>;
  sample: { posts: readonly SampledPost[]; total: number };
  posts: number;
  sentimentSum: number;
  sentimentCount: number;
}

export type TrendDetector = ReturnType<typeof createTrendDetector>;

/** Signi-Trend over the post stream: see DEFAULT_TREND_OPTIONS and the README's "How trends are scored". */
export function createTrendDetector(deps: TrendDetectorDeps, options: Partial<TrendOptions> = {}) {
  const opts: TrendOptions = { ...DEFAULT_TREND_OPTIONS, ...options, topics: { ...DEFAULT_TOPIC_OPTIONS, ...options.topics } };
  const { clock } = deps;
  const scheduler = deps.scheduler ?? immediateScheduler;
  const random = deps.random ?? Math.random;
  const alpha = alphaForHalfLife(opts.halfLifeEpochs);
  const sketch = new SignificanceSketch({ depth: opts.depth, width: opts.width, alpha, beta: opts.beta });
  const topics = new TopicRegistry(opts.topics, opts.epochMs);
  const allVolume = new Ewma(alpha);
  const onsetListeners = new Set<(o: TrendOnset) => void>();
  const epochListeners = new Set<(r: EpochReport) => void>();

  let frequent = new SpaceSaving<TermKind>(opts.topK);
  let spare = new SpaceSaving<TermKind>(opts.topK);
  let followed = new Map<string, Followed>();
  let trendedLastEpoch = new Set<string>();
  const reservoir = new Reservoir(opts.sampleSize, random);
  let posts = 0;
  let sentimentSum = 0;
  let sentimentCount = 0;
  let epochStart = Math.floor(clock.now() / opts.epochMs) * opts.epochMs;
  let closedEpochs = 0;
  let closing: Promise<EpochReport | null> | null = null;
  let timer: unknown = null;
  let running = false;
  let lastClose: SliceStats | null = null;
  let lastReport: EpochReport | null = null;

  const warmingUp = () => closedEpochs < opts.warmupEpochs;
  const iso = (ms: number) => new Date(ms).toISOString();

  function toTerm(term: string, kind: TermKind, est: TermEstimate, start: number, itemIds: number[]): TrendTerm {
    return { term, kind, count: est.count, expected: est.expected, sd: est.sd, significance: est.significance, epochStart: iso(start), itemIds };
  }

  function notify<T>(listeners: Set<(x: T) => void>, x: T): void {
    for (const l of listeners) {
      try {
        l(x);
      } catch (err) {
        deps.log?.error('trends: a listener failed', { error: String(err) });
      }
    }
  }

  /** After `sketch.add(token.term)`: keeps a trending term's figures and posts, and announces an onset. */
  function follow(token: Token, sig: number, itemId: number): void {
    const known = followed.get(token.term);
    if (known) {
      const ids = known.term.itemIds;
      if (ids[ids.length - 1] !== itemId) ids.push(itemId);
      if (ids.length > opts.itemIdsPerTerm) ids.shift();
      known.term = toTerm(token.term, token.kind, sketch.lastEstimate(), epochStart, ids);
      return;
    }
    if (sig < opts.threshold || sketch.lastAddCount < opts.minCount || warmingUp()) return;
    const est = sketch.lastEstimate();
    if (followed.size >= opts.maxTrending) {
      let weakest: string | null = null;
      let low = Infinity;
      for (const [k, f] of followed) if (f.term.significance < low) [weakest, low] = [k, f.term.significance];
      if (low >= est.significance || weakest === null) return;
      followed.delete(weakest);
    }
    const entry = { term: toTerm(token.term, token.kind, est, epochStart, [itemId]) };
    followed.set(token.term, entry);
    if (trendedLastEpoch.has(token.term)) return;
    const related = relatedTerms(token.term);
    const topicId = [token.term, ...related].map((t) => topics.topicOf(t)).find((id) => id !== null) ?? null;
    notify(onsetListeners, { term: { ...entry.term, itemIds: [...entry.term.itemIds] }, related, topicId });
  }

  /** Trending terms in at least linkFraction of the sampled posts that contain `term` (one scan; onsets are rare). */
  function relatedTerms(term: string): string[] {
    let withTerm = 0;
    const together = new Map<string, number>();
    for (const p of reservoir.sample()) {
      if (!p.terms.includes(term)) continue;
      withTerm++;
      for (const t of p.terms) if (t !== term && followed.has(t)) together.set(t, (together.get(t) ?? 0) + 1);
    }
    return [...together]
      .filter(([, n]) => n >= 2 && n >= opts.topics.linkFraction * withTerm)
      .sort((a, b) => b[1] - a[1])
      .map(([t]) => t);
  }

  /** Counts one post's terms. Epoch boundaries come from the injected clock, not the post's date. */
  function ingestTokens(itemId: number, tokens: readonly Token[], sentiment: number | null): void {
    if (clock.now() >= epochStart + opts.epochMs && !closing) void close();
    posts++;
    if (sentiment !== null) {
      sentimentSum += sentiment;
      sentimentCount++;
    }
    for (const token of tokens) {
      const sig = sketch.add(token.term);
      frequent.offer(token.term, token.kind);
      follow(token, sig, itemId);
    }
    // Sampled posts keep at most 48 terms: bounded memory, and plenty to see what goes together.
    reservoir.offer({ itemId, sentiment, terms: tokens.slice(0, 48).map((t) => t.term) });
  }

  function* scoreEpoch(snap: EpochSnapshot): Generator<void, TrendTerm[], void> {
    const out: TrendTerm[] = [];
    const candidates = new Map<string, { kind: TermKind; itemIds: number[] }>();
    for (const [k, f] of snap.followed) candidates.set(k, { kind: f.term.kind, itemIds: f.term.itemIds });
    for (const e of snap.frequent.entries()) if (!candidates.has(e.key)) candidates.set(e.key, { kind: e.meta, itemIds: [] });
    let n = 0;
    for (const [term, c] of candidates) {
      const est = sketch.estimateClosing(term);
      if (est.significance >= opts.threshold && est.count >= opts.minCount) out.push(toTerm(term, c.kind, est, snap.start, c.itemIds));
      if (++n % 128 === 0) yield;
    }
    return out.sort((a, b) => b.significance - a.significance).slice(0, opts.maxReportTerms);
  }

  function* reportEpoch(snap: EpochSnapshot, wasWarmingUp: boolean): Generator<void, EpochReport, void> {
    const terms = wasWarmingUp ? [] : yield* scoreEpoch(snap);
    const clusters = yield* clusterTerms(terms, snap.sample.posts, opts.topics.linkFraction);
    const topicEpoch = yield* topics.update(snap.start, clusters, snap.sample, (term) => sketch.estimateClosing(term));
    const allSig = allVolume.epochs > 0 ? allVolume.significance(snap.posts, opts.beta) : null;
    const allPoint: SeriesPoint = {
      at: iso(snap.start),
      volume: snap.posts,
      sentiment: snap.sentimentCount > 0 ? snap.sentimentSum / snap.sentimentCount : null,
      sentimentCount: snap.sentimentCount,
      expected: allVolume.epochs > 0 ? allVolume.mean : null,
      significance: allSig,
    };
    allVolume.update(snap.posts);
    const points = [{ key: 'all', point: allPoint }, ...topicEpoch.points];
    // Epochs nobody posted in (the host slept): zero points keep the chart honest. Bounded.
    for (let k = 1; k <= Math.min(snap.skipped, 60); k++) {
      points.push({ key: 'all', point: { at: iso(snap.start + k * opts.epochMs), volume: 0, sentiment: null, sentimentCount: 0, expected: allVolume.mean, significance: null } });
      allVolume.update(0);
    }
    const report: EpochReport = { epochStart: iso(snap.start), epochEnd: iso(snap.end), posts: snap.posts, warmingUp: wasWarmingUp, terms, topics: topicEpoch.topics, points };
    try {
      deps.repo?.writeEpoch(points, topicEpoch.topics, iso(clock.now() - opts.retentionMs));
    } catch (err) {
      // The series are a view; losing one epoch of them must not stop detection.
      deps.log?.error('trends: could not store the epoch series', { error: String(err) });
    }
    for (const t of terms) trendedLastEpoch.add(t.term);
    lastReport = report;
    notify(epochListeners, report);
    return report;
  }

  function* closeWork(snap: EpochSnapshot, wasWarmingUp: boolean): Generator<void, EpochReport | null, void> {
    let report: EpochReport | null = null;
    try {
      report = yield* reportEpoch(snap, wasWarmingUp);
    } catch (err) {
      deps.log?.error('trends: closing the epoch failed; its report is lost, detection goes on', { error: String(err) });
    }
    yield;
    // Always folded in: the baselines must move on and the buffer must be free for the next close.
    yield* sketch.sweep(opts.chunkCells, snap.skipped);
    return report;
  }

  function armTimer(): void {
    if (!running) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      // During a close the boundary is picked up when that close ends (and re-arms the timer).
      if (!closing) void close();
    }, Math.max(0, epochStart + opts.epochMs - clock.now()));
  }

  /**
   * Closes the live epoch: the swap is immediate (new posts count into the next epoch at once),
   * the scoring, clustering, storing and folding into the baselines run in slices.
   */
  function close(): Promise<EpochReport | null> {
    if (closing) return closing.then(() => close());
    const now = clock.now();
    const nextStart = Math.max(epochStart + opts.epochMs, Math.floor(now / opts.epochMs) * opts.epochMs);
    const snap: EpochSnapshot = {
      start: epochStart,
      end: epochStart + opts.epochMs,
      skipped: Math.max(0, Math.round((nextStart - epochStart) / opts.epochMs) - 1),
      frequent,
      followed,
      sample: reservoir.takeAndReset(),
      posts,
      sentimentSum,
      sentimentCount,
    };
    const wasWarmingUp = warmingUp();
    // A term that trended in the closing epoch is no news in the next one.
    trendedLastEpoch = new Set(followed.keys());
    sketch.beginClose();
    spare.clear();
    [frequent, spare] = [spare, frequent];
    followed = new Map();
    posts = 0;
    sentimentSum = 0;
    sentimentCount = 0;
    epochStart = nextStart;
    closedEpochs++;
    armTimer();
    const work = closeWork(snap, wasWarmingUp);
    let report: EpochReport | null = null;
    const driven = (function* () {
      report = yield* work;
    })();
    // The work starts after the caller's turn: a post that triggered the close is not held up by it.
    closing = Promise.resolve()
      .then(() => runSliced(driven, scheduler, opts.sliceBudgetMs))
      .then((stats) => {
        lastClose = stats;
        closing = null;
        // A boundary passed while this close ran: the next one starts now.
        if (running && clock.now() >= epochStart + opts.epochMs) void close();
        return report;
      });
    return closing;
  }

  return {
    options: opts,
    start(): void {
      running = true;
      armTimer();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      if (closing) await closing;
    },
    ingest(post: TrendPost): void {
      ingestTokens(post.itemId, tokenize(post.text, post.tags ?? [], post.lang ?? null), sentimentScore(post.sentiment));
    },
    ingestTokens,
    /** Closes the current epoch now (the timer does this at each boundary). */
    rollover: close,
    /** Resolves when no epoch is being closed. */
    async idle(): Promise<void> {
      while (closing) await closing;
    },
    /** Terms trending in the live epoch so far, most significant first. */
    trending(): TrendTerm[] {
      return [...followed.values()].map((f) => ({ ...f.term, itemIds: [...f.term.itemIds] })).sort((a, b) => b.significance - a.significance);
    },
    /** The epoch's most frequent readable terms (Space-Saving: count may overstate by at most error). */
    frequentTerms(k: number) {
      return frequent.top(k).map((e) => ({ term: e.key, kind: e.meta, count: e.count, error: e.error }));
    },
    estimate: (term: string) => sketch.estimate(term),
    lastReport: () => lastReport,
    lastCloseStats: () => lastClose,
    epochStart: () => iso(epochStart),
    onOnset(listener: (o: TrendOnset) => void): () => void {
      onsetListeners.add(listener);
      return () => onsetListeners.delete(listener);
    },
    onEpoch(listener: (r: EpochReport) => void): () => void {
      epochListeners.add(listener);
      return () => epochListeners.delete(listener);
    },
    stats(): TrendStats {
      const termBytes = (s: string) => 64 + 2 * s.length;
      let approx = sketch.bytes;
      for (const sp of [frequent, spare]) for (const e of sp.entries()) approx += termBytes(e.key) + 64;
      for (const [k, f] of followed) approx += termBytes(k) + 128 + 8 * f.term.itemIds.length;
      for (const p of reservoir.sample()) approx += 64 + p.terms.reduce((n, t) => n + termBytes(t), 0);
      // A followed topic: its terms (bigrams at most 81 characters), post ids and figures.
      approx += topics.size * (opts.topics.maxTermsPerTopic * termBytes('x'.repeat(81)) + 8 * opts.topics.itemIdsPerTopic + 256);
      return {
        sketchBytes: sketch.bytes,
        frequentTerms: frequent.size,
        followedTerms: followed.size,
        sampledPosts: reservoir.sample().length,
        topics: topics.size,
        approxBytes: approx,
      };
    },
  };
}
