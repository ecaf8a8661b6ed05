import { randomUUID } from 'node:crypto';
import { severityAtLeast, type Alert, type AlertEvidence, type AlertRule, type SeriesPoint } from '../../../shared/alerts.js';
import type { Clock } from '../../../shared/clock.js';
import { alphaForHalfLife, Ewma } from '../trends/ewma.js';
import { sentimentScore } from '../trends/post.js';
import { tokenize } from '../trends/tokenize.js';
import type { EpochReport, TrendOnset } from '../trends/trend-detector.js';
import { num, plural, quote, signed } from './alert-text.js';
import { Episodes } from './episodes.js';
import { inQuietHours } from './quiet-hours.js';
import { RuleSeries } from './rule-series.js';
import { checkTrendRule, type TrendSignal } from './trend-rules.js';
import { BrandTracker, matchKey, type AlertPost, type CompiledRule, type EvaluatorOptions, type PostPredicate } from './compiled-rule.js';

export type { AlertPost, EvaluatorOptions, PostPredicate } from './compiled-rule.js';

export interface AlertEvaluatorDeps {
  clock: Clock;
  /** Turns a rule's query into a predicate (issue 10's matcher plugs in here); may throw on a bad query. */
  compileQuery: (query: string) => PostPredicate;
  newId?: () => string;
}

const SEEN_ITEMS = 20_000;
const EVIDENCE_POINTS = 12;

function targetLabel(rule: Extract<AlertRule, { target: unknown }>): string {
  const t = rule.target;
  return t.kind === 'all' ? 'all posts' : t.kind === 'query' ? `“${t.query}”` : t.term ? quote(t.term) : 'a trending topic';
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;

/**
 * Turns posts, trend onsets and epoch reports into alerts. Pure apart from its own state (the
 * rules' baselines and cooldowns): it stores nothing and sends nothing; the caller persists the
 * alerts it returns and hands them to the channels.
 */
export function createAlertEvaluator(deps: AlertEvaluatorDeps, opts: EvaluatorOptions) {
  const { clock } = deps;
  const newId = deps.newId ?? randomUUID;
  const alpha = alphaForHalfLife(opts.halfLifeEpochs);
  const episodes = new Episodes();
  const seen = new Set<number>();
  const history = new Map<string, SeriesPoint[]>();
  const streamSentiment = new Ewma(alpha);
  const errors = new Map<string, string>();
  let compiled: CompiledRule[] = [];
  let trackers = new Map<string, BrandTracker>();
  let epochIdx = Math.floor(clock.now() / opts.epochMs);

  /** `reuse`: the trackers of the rule set being replaced (a brand keeps what it learnt). */
  function compile(rule: AlertRule, reuse: ReadonlyMap<string, BrandTracker>): CompiledRule {
    const query = rule.kind === 'query_match' ? rule.query : 'target' in rule && rule.target.kind === 'query' ? rule.target.query : null;
    const withSeries = 'target' in rule && rule.target.kind !== 'topic';
    const terms = new Set((rule.kind === 'brand_trend' ? rule.brandTerms : rule.kind === 'sensitive_event' ? rule.terms : []).map(matchKey));
    let brand: BrandTracker | null = null;
    if (rule.kind === 'brand_trend') {
      const key = BrandTracker.key(terms);
      brand = trackers.get(key) ?? reuse.get(key) ?? new BrandTracker(terms);
      trackers.set(key, brand);
    }
    return {
      rule,
      cooldownMs: rule.cooldownMinutes * 60_000,
      predicate: query === null ? null : deps.compileQuery(query),
      series: withSeries ? new RuleSeries(alpha) : null,
      handles: new Set(rule.kind === 'author' ? rule.handles.map((h) => h.toLowerCase().replace(/^@/u, '')) : []),
      terms,
      brand,
    };
  }

  function makeAlert(c: CompiledRule, subject: string, title: string, why: string, evidence: Partial<AlertEvidence>): Alert {
    const { rule } = c;
    const now = clock.now();
    const q = rule.quietHours;
    return {
      id: newId(),
      ruleId: rule.id,
      ruleName: rule.name,
      kind: rule.kind,
      severity: rule.severity,
      subject,
      title,
      why,
      evidence: { itemIds: [], terms: [], seriesKey: null, series: [], numbers: {}, ...evidence },
      createdAt: new Date(now).toISOString(),
      quiet: q !== null && inQuietHours(q, now) && !severityAtLeast(rule.severity, q.breakThrough),
      channels: rule.channels,
      ack: null,
    };
  }

  /** Query and author rules: one alert, then silence for the cooldown (silenced posts are tallied). */
  function immediate(c: CompiledRule, subject: string, itemId: number, title: string, why: string, out: Alert[]): void {
    const now = clock.now();
    if (episodes.silenced(c.rule.id, [subject], now, c.cooldownMs)) {
      episodes.suppress(c.rule.id, subject, [itemId]);
      return;
    }
    const more = episodes.takeSuppressed(c.rule.id, subject);
    const extra = more ? ` (${plural(more.count, 'more post')} since the alert at ${new Date(more.since).toISOString().slice(11, 16)} UTC)` : '';
    episodes.raise(c.rule.id, [subject], now, false);
    out.push(makeAlert(c, subject, title, why + extra, { itemIds: [...(more?.itemIds ?? []), itemId], numbers: more ? { silencedPosts: more.count } : {} }));
  }

  /** Volume, sentiment and trend rules: one alert per episode (see episodes.ts). */
  function signal(c: CompiledRule, subjects: string[], title: string, why: string, evidence: Partial<AlertEvidence>, out: Alert[]): void {
    const now = clock.now();
    if (episodes.silenced(c.rule.id, subjects, now, c.cooldownMs)) return;
    episodes.raise(c.rule.id, subjects, now, true);
    out.push(makeAlert(c, subjects[0]!, title, why, evidence));
  }

  function checkQueryVolume(c: CompiledRule, out: Alert[]): void {
    const r = c.rule;
    const s = c.series!;
    if (r.kind !== 'volume_spike' || s.volume.epochs < opts.warmupEpochs || s.count < r.minCount) return;
    const usual = s.volume.mean;
    const sig = s.volume.significance(s.count, opts.beta);
    const ratio = s.count / Math.max(usual, 1);
    const value = r.measure === 'significance' ? sig : ratio;
    if (value < r.threshold) return;
    const label = targetLabel(r);
    const why =
      r.measure === 'significance'
        ? `${plural(s.count, 'post')} on ${label} this epoch vs ${num(usual)} ± ${num(s.volume.sd())} usually (significance ${num(sig)} ≥ ${num(r.threshold)})`
        : `${plural(s.count, 'post')} on ${label} this epoch, ${num(ratio)}× the usual ${num(usual)} (threshold ${num(r.threshold)}×)`;
    const numbers = { count: s.count, expected: usual, sd: s.volume.sd(), significance: sig, ratio, threshold: r.threshold };
    signal(c, ['volume'], `${r.name}: spike on ${label}`, why, { itemIds: [...s.itemIds], seriesKey: `query:${r.id}`, series: [...s.history], numbers }, out);
  }

  /** Ends the evaluator's epoch when the clock has passed it: query/all series close and are judged. */
  function rotate(out: Alert[]): void {
    const idx = Math.floor(clock.now() / opts.epochMs);
    if (idx <= epochIdx) return;
    const skipped = idx - epochIdx - 1;
    const start = epochIdx * opts.epochMs;
    for (const t of trackers.values()) t.rotate();
    for (const c of compiled) {
      const r = c.rule;
      const s = c.series;
      if (!s) continue;
      const usual = s.sentiment.epochs >= opts.warmupEpochs ? s.sentiment.mean : null;
      const mean = s.meanSentiment();
      const n = s.sentimentCount;
      const items = [...s.itemIds];
      const point = s.close(start, opts.epochMs, skipped, opts.beta);
      if (r.kind === 'volume_spike') {
        const back = r.measure === 'significance' ? (point.significance ?? 0) : point.volume / Math.max(point.expected ?? 0, 1);
        if (back < r.threshold / 2) episodes.settle(r.id, 'volume');
      }
      if (r.kind !== 'sentiment_drop' || mean === null) continue;
      const fell = usual !== null && usual - mean >= r.drop;
      const floor = r.below !== null && mean <= r.below;
      if (n >= r.minCount && (fell || floor)) {
        const label = targetLabel(r);
        const why = `Sentiment on ${label} fell to ${signed(mean)} over ${plural(n, 'post')}${usual !== null ? ` (usually ${signed(usual)}; drop ${num(usual - mean, 2)} ≥ ${num(r.drop, 2)})` : ''}${floor ? ` (floor ${signed(r.below!)})` : ''}`;
        const numbers: Record<string, number> = { sentiment: mean, posts: n, drop: r.drop, ...(usual !== null ? { usual } : {}), ...(r.below !== null ? { below: r.below } : {}) };
        signal(c, ['sentiment'], `${r.name}: sentiment falling on ${label}`, why, { itemIds: items, seriesKey: `query:${r.id}`, series: [...s.history], numbers }, out);
      } else if (usual === null || usual - mean < r.drop / 2) {
        episodes.settle(r.id, 'sentiment');
      }
    }
    epochIdx = idx;
    const cooldowns = new Map(compiled.map((c) => [c.rule.id, c.cooldownMs]));
    episodes.prune(clock.now(), (id) => cooldowns.get(id) ?? null);
  }

  function remember(itemId: number): boolean {
    if (seen.has(itemId)) return false;
    seen.add(itemId);
    if (seen.size > SEEN_ITEMS) seen.delete(seen.values().next().value!);
    return true;
  }

  function safeMatch(c: CompiledRule, post: AlertPost): boolean {
    try {
      return c.predicate!(post);
    } catch (err) {
      if (!errors.has(c.rule.id)) errors.set(c.rule.id, `the query failed on a post: ${String(err)}`);
      return false;
    }
  }

  const trendCtx = {
    opts,
    history,
    streamSentiment: () => (streamSentiment.epochs >= opts.warmupEpochs ? streamSentiment.mean : null),
    signal,
  };

  function onTrendSignals(signals: readonly TrendSignal[], out: Alert[]): void {
    for (const c of compiled) for (const s of signals) checkTrendRule(trendCtx, c, s, out);
  }

  return {
    /** Replaces the rule set; a rule that did not change keeps its baselines and cooldowns. */
    setRules(rules: readonly AlertRule[]): void {
      const before = new Map(compiled.map((c) => [c.rule.id, c]));
      const trackersBefore = trackers;
      trackers = new Map();
      errors.clear();
      compiled = [];
      for (const rule of rules) {
        if (!rule.enabled) continue;
        const old = before.get(rule.id);
        if (old && JSON.stringify(old.rule) === JSON.stringify(rule)) {
          compiled.push(old);
          if (old.brand) trackers.set(BrandTracker.key(old.brand.terms), old.brand);
          continue;
        }
        try {
          compiled.push(compile(rule, trackersBefore));
        } catch (err) {
          errors.set(rule.id, `the rule's query does not compile: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
    /** Rules that could not run, with the reason (for the settings screen). */
    ruleErrors: (): Record<string, string> => Object.fromEntries(errors),

    onPost(post: AlertPost): Alert[] {
      const out: Alert[] = [];
      rotate(out);
      if (!remember(post.itemId)) return out;
      let folded: string[] | null = null;
      const foldedTokens = () => (folded ??= (post.tokens ?? tokenize(post.text, post.tags ?? [], post.lang ?? null)).map((t) => matchKey(t.term)));
      const sentiment = sentimentScore(post.sentiment);
      const handle = post.author.handle.toLowerCase().replace(/^@/u, '');
      for (const c of compiled) {
        const r = c.rule;
        if (r.kind === 'query_match') {
          if (safeMatch(c, post)) immediate(c, 'query', post.itemId, `${r.name}: a post matched`, `A post matched “${r.query}”`, out);
        } else if (r.kind === 'author') {
          const vip = c.handles.has(handle);
          const followers = post.author.followers ?? 0;
          if (vip || (r.minFollowers !== null && followers >= r.minFollowers)) {
            const who = vip ? `VIP @${handle}` : `@${handle} (${plural(followers, 'follower')})`;
            immediate(c, `@${handle}`, post.itemId, `${r.name}: @${handle} posted`, `${who} posted`, out);
          }
        } else if (c.series) {
          if (r.kind === 'volume_spike' || r.kind === 'sentiment_drop') {
            if (r.target.kind === 'all' || safeMatch(c, post)) {
              c.series.add(post.itemId, sentiment);
              checkQueryVolume(c, out);
            }
          }
        }
      }
      if (trackers.size > 0) {
        const words = foldedTokens();
        for (const t of trackers.values()) t.observe(words);
      }
      return out;
    },

    /** A term started trending mid-epoch: the earliest moment topic, brand and news rules can speak. */
    onOnset(onset: TrendOnset): Alert[] {
      const out: Alert[] = [];
      rotate(out);
      const t = onset.term;
      const series = onset.topicId ? (history.get(`topic:${onset.topicId}`) ?? []) : [];
      onTrendSignals(
        [
          {
            label: t.term,
            terms: [t.term, ...onset.related],
            subjects: [`term:${t.term}`, ...onset.related.map((r) => `term:${r}`), ...(onset.topicId ? [`topic:${onset.topicId}`] : [])],
            count: t.count,
            expected: t.expected,
            sd: t.sd,
            significance: t.significance,
            sentiment: null,
            sentimentCount: 0,
            isNew: true,
            itemIds: t.itemIds,
            cooccurring: [],
            seriesKey: onset.topicId ? `topic:${onset.topicId}` : null,
            series: series.slice(-EVIDENCE_POINTS),
          },
        ],
        out,
      );
      return out;
    },

    /** An epoch closed: judge the topics over the whole epoch. */
    onEpoch(report: EpochReport): Alert[] {
      const out: Alert[] = [];
      rotate(out);
      for (const { key, point } of report.points) {
        const h = history.get(key) ?? [];
        h.push(point);
        if (h.length > EVIDENCE_POINTS * 2) h.shift();
        history.delete(key);
        history.set(key, h);
        if (key === 'all' && point.sentiment !== null) streamSentiment.update(point.sentiment);
      }
      while (history.size > 1000) history.delete(history.keys().next().value!);
      if (report.warmingUp) return out;
      const signals: TrendSignal[] = report.topics.map((topic) => {
        const key = `topic:${topic.id}`;
        const point = report.points.find((p) => p.key === key)?.point;
        return {
          label: topic.label,
          terms: topic.terms,
          subjects: [key, ...topic.terms.map((term) => `term:${term}`)],
          count: topic.volume,
          expected: topic.expected,
          sd: topic.sd,
          significance: topic.significance,
          sentiment: topic.sentiment,
          sentimentCount: point?.sentimentCount ?? 0,
          isNew: topic.firstSeenAt === report.epochStart,
          itemIds: topic.itemIds,
          cooccurring: topic.cooccurring,
          seriesKey: key,
          series: (history.get(key) ?? []).slice(-EVIDENCE_POINTS),
        };
      });
      onTrendSignals(signals, out);
      // Episodes whose signal fell back below half the threshold may alert again after the cooldown.
      for (const c of compiled) {
        if (c.series || !('threshold' in c.rule || c.rule.kind === 'sentiment_drop')) continue;
        const half = 'threshold' in c.rule ? c.rule.threshold / 2 : 0;
        for (const subject of episodes.openSubjects(c.rule.id)) {
          const live = signals.some((s) => s.subjects.includes(subject) && s.significance >= half);
          if (!live) episodes.settle(c.rule.id, subject);
        }
      }
      return out;
    },

    /** Call on a timer too: query series close at the boundary even when no post comes. */
    tick(): Alert[] {
      const out: Alert[] = [];
      rotate(out);
      return out;
    },

    /** After a restart: alerts raised within their cooldown keep their rule silent about them. */
    seedCooldowns(recent: ReadonlyArray<Pick<Alert, 'ruleId' | 'subject' | 'createdAt'>>): void {
      for (const a of recent) episodes.raise(a.ruleId, [a.subject], Date.parse(a.createdAt), false);
    },

    stats: () => ({ rules: compiled.length, episodes: episodes.size, seenItems: seen.size }),
  };
}
