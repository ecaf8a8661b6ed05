import type { Intent, Sentiment, Stage } from '../understanding.js';

/**
 * What the matcher needs to know about a post. The ingest pipeline fills it from the stored item
 * plus its enrichment; it is deliberately small so the matcher never depends on the store.
 */
export interface MatchInput {
  /** Plain text (no HTML). */
  text: string;
  /** Hashtags the platform reported, with or without `#`. Hashtags in the text count too. */
  hashtags: readonly string[];
  /** Handles the post mentions (`name` or `name@instance`). Mentions in the text count too. */
  mentions: readonly string[];
  /** The author's handle (`name` or `name@instance`). */
  author: string;
  platform: string;
  /** The post's language (the enrichment's, else the platform's), e.g. `de` or `en-GB`. */
  lang: string | null;
  /** The post's own URL. */
  url: string | null;
  /** Links the post contains. */
  links?: readonly string[];
  isReply: boolean;
  hasMedia: boolean;
  sentiment: Sentiment | null;
  intent: Intent | null;
  stage: Stage | null;
  /** Names of the topics the post was tagged with. */
  topics: readonly string[];
}
