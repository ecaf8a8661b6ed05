import type { SeriesPoint, TrendTerm, TrendTopic } from '../../../shared/alerts.js';
import { shortHash } from './hashing.js';
import type { SampledPost } from './reservoir.js';
import { SpaceSaving } from './space-saving.js';

export interface TopicOptions {
  /** Topics kept (trending or fading); the least recently trending go first. */
  maxTopics: number;
  /** Epochs a topic's volume is still followed after it last trended (so a chart shows it fading). */
  ttlEpochs: number;
  /** Two trending terms join when they share at least this fraction of the rarer one's sampled posts. */
  linkFraction: number;
  maxTermsPerTopic: number;
  cooccurringTerms: number;
  itemIdsPerTopic: number;
}

export const DEFAULT_TOPIC_OPTIONS: TopicOptions = {
  maxTopics: 100,
  ttlEpochs: 30,
  linkFraction: 0.5,
  maxTermsPerTopic: 10,
  cooccurringTerms: 15,
  itemIdsPerTopic: 20,
};

const NONE: readonly never[] = [];
/** Sampled posts scanned between two yields. */
const POSTS_PER_STEP = 32;

/** Groups trending terms that appear in the same posts (union-find over co-occurrence links); sliced. */
export function* clusterTerms(terms: readonly TrendTerm[], posts: readonly SampledPost[], linkFraction: number): Generator<void, TrendTerm[][], void> {
  if (terms.length === 0) return [];
  const index = new Map(terms.map((t, i) => [t.term, i]));
  const parent = terms.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const single = new Array<number>(terms.length).fill(0);
  const pairs = new Map<number, number>();
  let scanned = 0;
  for (const post of posts) {
    if (++scanned % POSTS_PER_STEP === 0) yield;
    const hit: number[] = [];
    for (const term of post.terms) {
      const i = index.get(term);
      if (i !== undefined) hit.push(i);
    }
    for (let a = 0; a < hit.length; a++) {
      single[hit[a]!]!++;
      for (let b = a + 1; b < hit.length; b++) {
        const key = Math.min(hit[a]!, hit[b]!) * terms.length + Math.max(hit[a]!, hit[b]!);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  for (const [key, together] of pairs) {
    const a = Math.floor(key / terms.length);
    const b = key % terms.length;
    if (together >= 2 && together >= linkFraction * Math.min(single[a]!, single[b]!)) parent[find(a)] = find(b);
  }
  const groups = new Map<number, TrendTerm[]>();
  terms.forEach((t, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), t]);
  });
  return [...groups.values()]
    .map((g) => g.sort((x, y) => y.significance - x.significance))
    .sort((x, y) => y[0]!.significance - x[0]!.significance);
}

interface TopicState {
  id: string;
  label: string;
  terms: string[];
  firstSeen: number;
  lastSeen: number;
  /** The label term's figures in the epoch just closed. */
  lead: LeadFigures;
  trending: boolean;
  itemIds: number[];
}

type LeadFigures = Pick<TrendTerm, 'count' | 'expected' | 'sd' | 'significance'>;

export interface TopicEpoch {
  /** Followed topics: trending in the epoch first, then fading, each by significance. */
  topics: TrendTopic[];
  /** One point per followed topic, keyed 'topic:<id>'. */
  points: Array<{ key: string; point: SeriesPoint }>;
}

/**
 * The topics of the last epochs: a cluster continues the known topic it shares most terms
 * with, so a story keeps its id (and its series) while words join and leave it.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, TopicState>();

  constructor(
    private readonly opts: TopicOptions,
    private readonly epochMs: number,
  ) {}

  get size(): number {
    return this.topics.size;
  }

  /** The followed topic a term belongs to, if any. */
  topicOf(term: string): string | null {
    for (const t of this.topics.values()) if (t.terms.includes(term)) return t.id;
    return null;
  }

  /**
   * Folds one closed epoch in; a generator so measuring a big sample can be sliced. `estimate`
   * gives a term's figures in that epoch, for the topics that stopped trending.
   */
  *update(
    epochStart: number,
    clusters: TrendTerm[][],
    sample: { posts: readonly SampledPost[]; total: number },
    estimate: (term: string) => LeadFigures,
  ): Generator<void, TopicEpoch, void> {
    const claimed = new Set<string>();
    for (const t of this.topics.values()) t.trending = false;
    for (const cluster of clusters) {
      const termSet = new Set(cluster.map((t) => t.term));
      let best: TopicState | null = null;
      let bestOverlap = 0;
      for (const t of this.topics.values()) {
        if (claimed.has(t.id)) continue;
        const overlap = t.terms.filter((x) => termSet.has(x)).length;
        if (overlap > bestOverlap) [best, bestOverlap] = [t, overlap];
      }
      const lead = cluster[0]!;
      const topic: TopicState = best ?? {
        id: `t-${shortHash(lead.term)}-${epochStart.toString(36)}`,
        label: lead.term,
        terms: [],
        firstSeen: epochStart,
        lastSeen: epochStart,
        lead: lead,
        trending: true,
        itemIds: [],
      };
      if (!termSet.has(topic.label)) topic.label = lead.term;
      topic.terms = [...new Set([...cluster.map((t) => t.term), ...topic.terms])].slice(0, this.opts.maxTermsPerTopic);
      topic.lastSeen = epochStart;
      topic.lead = lead;
      topic.trending = true;
      topic.itemIds = [...new Set(cluster.flatMap((t) => t.itemIds))].sort((a, b) => a - b).slice(-this.opts.itemIdsPerTopic);
      claimed.add(topic.id);
      this.topics.set(topic.id, topic);
    }
    this.expire(epochStart);
    for (const t of this.topics.values()) if (!t.trending) t.lead = estimate(t.label);
    return yield* this.measure(epochStart, sample);
  }

  private expire(epochStart: number): void {
    const horizon = epochStart - this.opts.ttlEpochs * this.epochMs;
    for (const [id, t] of this.topics) if (t.lastSeen < horizon) this.topics.delete(id);
    const surplus = this.topics.size - this.opts.maxTopics;
    if (surplus > 0) {
      const oldest = [...this.topics.values()].sort((a, b) => a.lastSeen - b.lastSeen).slice(0, surplus);
      for (const t of oldest) this.topics.delete(t.id);
    }
  }

  private *measure(epochStart: number, sample: { posts: readonly SampledPost[]; total: number }): Generator<void, TopicEpoch, void> {
    const byTerm = new Map<string, TopicState[]>();
    for (const t of this.topics.values()) for (const term of t.terms) byTerm.set(term, [...(byTerm.get(term) ?? []), t]);
    // Co-occurring words are counted in Space-Saving counters: a topic's posts may hold a hundred thousand distinct words.
    const acc = new Map<string, { n: number; sum: number; sentiments: number; co: SpaceSaving<null> | null }>();
    for (const t of this.topics.values()) acc.set(t.id, { n: 0, sum: 0, sentiments: 0, co: t.trending ? new SpaceSaving(4 * this.opts.cooccurringTerms) : null });
    let done = 0;
    for (const post of byTerm.size > 0 ? sample.posts : NONE) {
      if (++done % POSTS_PER_STEP === 0) yield;
      const matched = new Set<TopicState>();
      for (const term of post.terms) for (const t of byTerm.get(term) ?? NONE) matched.add(t);
      for (const t of matched) {
        const a = acc.get(t.id)!;
        a.n++;
        if (post.sentiment !== null) {
          a.sum += post.sentiment;
          a.sentiments++;
        }
        if (a.co) for (const term of post.terms) if (!t.terms.includes(term)) a.co.offer(term, null);
      }
    }
    const scale = sample.posts.length === 0 ? 0 : sample.total / sample.posts.length;
    const at = new Date(epochStart).toISOString();
    const out: TopicEpoch = { topics: [], points: [] };
    for (const t of this.topics.values()) {
      const a = acc.get(t.id)!;
      const sentiment = a.sentiments > 0 ? a.sum / a.sentiments : null;
      const volume = Math.round(a.n * scale);
      out.points.push({
        key: `topic:${t.id}`,
        point: {
          at,
          volume,
          sentiment,
          sentimentCount: Math.round(a.sentiments * scale),
          expected: t.lead.expected,
          significance: t.lead.significance,
        },
      });
      out.topics.push({
        id: t.id,
        label: t.label,
        terms: t.terms,
        trending: t.trending,
        volume: Math.max(volume, t.lead.count),
        significance: t.lead.significance,
        expected: t.lead.expected,
        sd: t.lead.sd,
        sentiment,
        firstSeenAt: new Date(t.firstSeen).toISOString(),
        lastSeenAt: at,
        itemIds: t.itemIds,
        cooccurring: (a.co?.top(this.opts.cooccurringTerms) ?? []).map((e) => ({ term: e.key, count: Math.round((e.count - e.error) * scale) })),
      });
    }
    out.topics.sort((x, y) => Number(y.trending) - Number(x.trending) || y.significance - x.significance);
    return out;
  }
}
