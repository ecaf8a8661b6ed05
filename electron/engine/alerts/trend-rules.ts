import type { Alert, AlertEvidence, SeriesPoint } from '../../../shared/alerts.js';
import { num, plural, quote, signed } from './alert-text.js';
import { matchKey, type CompiledRule, type EvaluatorOptions } from './compiled-rule.js';

/** A trending term (mid-epoch onset) or topic (epoch close), as the topic-level rules judge it. */
export interface TrendSignal {
  label: string;
  terms: readonly string[];
  /** Dedupe keys: the topic and each of its terms, so an onset and the topic it grows into are one story. */
  subjects: string[];
  count: number;
  expected: number;
  sd: number;
  significance: number;
  sentiment: number | null;
  sentimentCount: number;
  /** Started trending now (an onset, or a topic first seen in this epoch). */
  isNew: boolean;
  itemIds: readonly number[];
  cooccurring: ReadonlyArray<{ term: string; count: number }>;
  seriesKey: string | null;
  series: SeriesPoint[];
}

export interface TrendRuleContext {
  opts: EvaluatorOptions;
  /** The whole stream's usual sentiment, once known. */
  streamSentiment(): number | null;
  signal(c: CompiledRule, subjects: string[], title: string, why: string, evidence: Partial<AlertEvidence>, out: Alert[]): void;
}

function countVsUsual(s: TrendSignal): string {
  return `${plural(s.count, 'post')} this epoch vs ${num(s.expected)} ± ${num(s.sd)} usually (significance ${num(s.significance)}`;
}

function evidence(s: TrendSignal, numbers: Record<string, number>): Partial<AlertEvidence> {
  return {
    itemIds: [...s.itemIds],
    terms: [...s.terms],
    seriesKey: s.seriesKey,
    series: s.series,
    numbers: { count: s.count, expected: s.expected, sd: s.sd, significance: s.significance, ...numbers },
  };
}

/** Judges one trend signal against one topic-level rule (volume, sentiment, brand, sensitive events). */
export function checkTrendRule(ctx: TrendRuleContext, c: CompiledRule, s: TrendSignal, out: Alert[]): void {
  const r = c.rule;
  if (r.kind === 'volume_spike') {
    if (r.target.kind !== 'topic' || s.count < r.minCount) return;
    const want = r.target.term;
    if (want !== undefined && !s.terms.some((t) => matchKey(t) === matchKey(want))) return;
    const ratio = s.count / Math.max(s.expected, 1);
    const value = r.measure === 'significance' ? s.significance : ratio;
    if (value < r.threshold) return;
    const why =
      r.measure === 'significance'
        ? `${quote(s.label)} is trending: ${countVsUsual(s)} ≥ ${num(r.threshold)})`
        : `${quote(s.label)} is trending: ${plural(s.count, 'post')} this epoch, ${num(ratio)}× the usual ${num(s.expected)} (threshold ${num(r.threshold)}×)`;
    ctx.signal(c, s.subjects, `${r.name}: spike on ${quote(s.label)}`, why, evidence(s, { ratio, threshold: r.threshold }), out);
  } else if (r.kind === 'sentiment_drop') {
    if (r.target.kind !== 'topic' || s.sentiment === null || s.sentimentCount < r.minCount) return;
    const want = r.target.term;
    if (want !== undefined && !s.terms.some((t) => matchKey(t) === matchKey(want))) return;
    const usual = ctx.streamSentiment();
    const fell = usual !== null && usual - s.sentiment >= r.drop;
    const floor = r.below !== null && s.sentiment <= r.below;
    if (!fell && !floor) return;
    const why = `Sentiment on ${quote(s.label)} is ${signed(s.sentiment)} over ${plural(s.sentimentCount, 'post')}${usual !== null ? ` (all posts usually ${signed(usual)}; drop ${num(usual - s.sentiment, 2)} ≥ ${num(r.drop, 2)})` : ''}${floor ? ` (floor ${signed(r.below!)})` : ''}`;
    const numbers: Record<string, number> = { sentiment: s.sentiment, sentimentPosts: s.sentimentCount, drop: r.drop, ...(usual !== null ? { usual } : {}) };
    ctx.signal(c, s.subjects, `${r.name}: sentiment falling on ${quote(s.label)}`, why, evidence(s, numbers), out);
  } else if (r.kind === 'sensitive_event') {
    if (s.significance < r.threshold || s.count < r.minCount) return;
    const hit =
      s.terms.find((t) => c.terms.has(matchKey(t))) ?? s.cooccurring.find((t) => t.count >= r.minCount && c.terms.has(matchKey(t.term)))?.term;
    if (hit === undefined) return;
    const about = hit === s.label ? quote(hit) : `${quote(s.label)} (with ${quote(hit)})`;
    const why = `${about} is on the sensitive-events list and trending: ${countVsUsual(s)} ≥ ${num(r.threshold)}). Check scheduled posts before anything goes out.`;
    ctx.signal(c, s.subjects, `${r.name}: ${quote(hit)} in the news`, why, { ...evidence(s, { threshold: r.threshold }), terms: [...new Set([hit, ...s.terms])] }, out);
  } else if (r.kind === 'brand_trend') {
    if (!s.isNew || s.significance < r.threshold) return;
    const fresh = s.terms.filter((t) => !c.terms.has(matchKey(t)));
    if (fresh.length === 0) return;
    let together = 0;
    for (const t of fresh) together = Math.max(together, c.brand?.together(matchKey(t)) ?? 0);
    for (const co of s.cooccurring) if (c.terms.has(matchKey(co.term))) together = Math.max(together, co.count);
    if (together < r.minCooccurrence) return;
    const why = `${quote(s.label)} started trending (${countVsUsual(s)} ≥ ${num(r.threshold)})) and appears with the brand in ${plural(together, 'post')}`;
    ctx.signal(c, s.subjects, `${r.name}: ${quote(s.label)} trending with the brand`, why, evidence(s, { withBrand: together, threshold: r.threshold }), out);
  }
}
