/** Rule families a phrase can belong to; each match becomes a reason on the label it feeds. */
export const CUE_KINDS = [
  'complaint',
  'question',
  'praise',
  'recommendation',
  'pre-purchase',
  'purchase',
  'post-purchase',
  'legal',
  'safety',
  'cancel',
  'journalist',
  'sarcasm',
  'resolved',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

/**
 * What the rules know about one language. Words and phrases are written plainly (they are folded
 * when loaded); a word ending in `*` matches any word starting with it (`enttäusch*`).
 */
export interface LanguagePack {
  /** Valence from -5 to 5 for words and multi-word phrases. */
  valence: Record<string, number>;
  /** Words that flip the valence of what follows within three words (same clause). */
  negators: string[];
  /** Words that flip the valence of what precedes them (German `gefällt mir nicht`). */
  postNegators: string[];
  /** Multipliers for the next sentiment word: `very` 1.5, `slightly` 0.5. */
  intensifiers: Record<string, number>;
  /** `but`: what follows weighs more than what precedes. */
  contrast: string[];
  /** Words that open a question when they start a sentence. */
  interrogatives: string[];
  /** Frequent function words: evidence of the language. */
  stopwords: string[];
  /** Phrases (one or more words) per rule family; `phrase^0.5` weighs one as weak evidence. */
  cues: Partial<Record<CueKind, string[]>>;
}
