import type { SeriesPoint, TrendTerm, TrendTopic } from '../../../shared/alerts.js';
import { DEFAULT_TOPIC_OPTIONS, type TopicOptions } from './topics.js';

export interface TrendOptions {
  epochMs: number;
  /** Half-life of the baselines, in epochs. */
  halfLifeEpochs: number;
  /** Signi-Trend's β, in posts per epoch (see ewma.ts). */
  beta: number;
  /** Significance at which a term trends. */
  threshold: number;
  /** Posts a term needs in an epoch before it can trend, whatever its significance. */
  minCount: number;
  depth: number;
  width: number;
  /** Space-Saving counters for the epoch's most frequent readable terms. */
  topK: number;
  /** Trending terms followed per epoch (the least significant give way). */
  maxTrending: number;
  /** Terms an epoch report names at most. */
  maxReportTerms: number;
  sampleSize: number;
  /** Epochs of baseline before anything is reported (a fresh start has no "usual"). */
  warmupEpochs: number;
  sliceBudgetMs: number;
  chunkCells: number;
  itemIdsPerTerm: number;
  retentionMs: number;
  topics: TopicOptions;
}

/**
 * Defaults for a brand's listening stream. With β = 2 and threshold 4 a term nobody used needs
 * 10 posts in an epoch to trend; a term usually at 20 ± 4 needs 20 + 4·(4 + 2) = 44. A half-life
 * of 10 epochs lets the baseline adapt within the hour without forgetting the last spike at once.
 * 4 × 2^18 cells = 16 MiB whatever the vocabulary (DESIGN budget: 64 MiB for the trend state).
 */
export const DEFAULT_TREND_OPTIONS: TrendOptions = {
  epochMs: 60_000,
  halfLifeEpochs: 10,
  beta: 2,
  threshold: 4,
  minCount: 5,
  depth: 4,
  width: 2 ** 18,
  topK: 2048,
  maxTrending: 256,
  maxReportTerms: 50,
  sampleSize: 2048,
  warmupEpochs: 3,
  sliceBudgetMs: 10,
  chunkCells: 8192,
  itemIdsPerTerm: 20,
  retentionMs: 7 * 24 * 3600_000,
  topics: DEFAULT_TOPIC_OPTIONS,
};

/** A term that just started trending, mid-epoch: the earliest signal there is. */
export interface TrendOnset {
  term: TrendTerm;
  /** Terms trending now that appear in most of its posts: the same story, before topics form at the close. */
  related: string[];
  /** The known topic it (or a related term) belongs to. */
  topicId: string | null;
}

export interface EpochReport {
  epochStart: string;
  epochEnd: string;
  posts: number;
  warmingUp: boolean;
  /** Terms significant over the whole epoch, most significant first. */
  terms: TrendTerm[];
  /** Followed topics, trending ones first (see TrendTopic.trending). */
  topics: TrendTopic[];
  /** Written to the series store: 'all' and one per followed topic. */
  points: Array<{ key: string; point: SeriesPoint }>;
}

export interface TrendStats {
  sketchBytes: number;
  frequentTerms: number;
  followedTerms: number;
  sampledPosts: number;
  topics: number;
  /** Sketch bytes plus an upper estimate of the strings and entries held by the bounded structures. */
  approxBytes: number;
}
