/** Sentiment as the enrichment hands it over: a score in −1 … 1 or a label. */
export type SentimentInput = number | 'positive' | 'negative' | 'neutral' | 'mixed' | null | undefined;

/** A post as trends and alerts see it (the ingest pipeline builds it from a stored item). */
export interface TrendPost {
  itemId: number;
  text: string;
  /** The platform's hashtags (without #); the text's own #tags are found too. */
  tags?: readonly string[];
  /** The post's language (ISO 639-1, as the platform or the enrichment says), for its stopwords. */
  lang?: string | null;
  sentiment?: SentimentInput;
}

/** A score in −1 … 1, or null when the post has none (it then counts for volume only). */
export function sentimentScore(s: SentimentInput): number | null {
  if (typeof s === 'number') return Number.isFinite(s) ? Math.max(-1, Math.min(1, s)) : null;
  if (s === 'positive') return 1;
  if (s === 'negative') return -1;
  if (s === 'neutral' || s === 'mixed') return 0;
  return null;
}
