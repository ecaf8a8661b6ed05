import type { AlertRule } from '../../../shared/alerts.js';
import type { RuleSeries } from './rule-series.js';
import type { SentimentInput } from '../trends/post.js';
import type { SpaceSaving } from '../trends/space-saving.js';
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
  cooc: SpaceSaving<null> | null;
  prevCooc: SpaceSaving<null> | null;
}

/** '#Outage' and 'outage', 'Décès' and 'deces' compare equal. */
export function matchKey(term: string): string {
  return foldTerm(term.replace(/^#/u, ''));
}
