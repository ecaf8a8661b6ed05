import type { AlertRule } from '../../../shared/alerts.js';
import type { RuleSeries } from './rule-series.js';
import type { SentimentInput } from '../trends/post.js';
import { SpaceSaving } from '../trends/space-saving.js';
import { foldTerm, type Token } from '../trends/tokenize.js';

/** A post as the alert rules see it (built by the pipeline from a stored, enriched item). */
export interface AlertPost {
  itemId: number;
  text: string;
  tags?: readonly string[];
  author: { handle: string; followers?: number | null };
  lang?: string | null;
  sentiment?: SentimentInput;
  /** The trend detector's tokens, when the caller has them already (tokenize once per post). */
  tokens?: readonly Token[];
}

export type PostPredicate = (post: AlertPost) => boolean;

/** Epoch length, half-life, β and warm-up: the trend detector's, so both agree on "usual". */
export interface EvaluatorOptions {
  epochMs: number;
  halfLifeEpochs: number;
  beta: number;
  warmupEpochs: number;
}

export interface CompiledRule {
  rule: AlertRule;
  cooldownMs: number;
  predicate: PostPredicate | null;
  series: RuleSeries | null;
  handles: ReadonlySet<string>;
  /** Folded brand or sensitive terms ('#' dropped). */
  terms: ReadonlySet<string>;
  /** Brand rules: what the brand's posts talk about (shared by rules naming the same brand). */
  brand: BrandTracker | null;
}

/**
 * Words seen in posts that mention the brand, this epoch and the last (Space-Saving: bounded
 * whatever the vocabulary). A trending word found here "co-occurs with the brand".
 */
export class BrandTracker {
  private cur = new SpaceSaving<null>(1024);
  private prev = new SpaceSaving<null>(1024);

  constructor(readonly terms: ReadonlySet<string>) {}

  static key(terms: ReadonlySet<string>): string {
    return [...terms].sort().join('\u0000');
  }

  /** `words` folded with matchKey. */
  observe(words: readonly string[]): void {
    if (!words.some((w) => this.terms.has(w))) return;
    for (const w of words) if (!this.terms.has(w)) this.cur.offer(w, null);
  }

  rotate(): void {
    this.prev.clear();
    [this.cur, this.prev] = [this.prev, this.cur];
  }

  /** Posts with the brand and `word` (folded), in this epoch or the last, whichever is more. */
  together(word: string): number {
    return Math.max(this.cur.count(word), this.prev.count(word));
  }
}

/** '#Outage' and 'outage', 'Décès' and 'deces' compare equal. */
export function matchKey(term: string): string {
  return foldTerm(term.replace(/^#/u, ''));
}
