import type { Enrichment } from '../../../shared/understanding.js';
import { analyzeText, MAX_ENRICH_CHARS } from './analyze-text.js';
import { classifyIntent, classifyStage, findUrgency, type AuthorSignals } from './classify.js';
import { compilePacks } from './compiled-pack.js';
import { enrichConfigSchema, type EnrichConfig, type EnrichConfigInput } from './config.js';
import { decideLanguage, type LanguageDetector } from './language.js';
import { isPackLang } from './lexicon/index.js';
import { scoreSentiment } from './sentiment.js';

export interface EnrichInput {
  /** Plain text of the post. */
  text: string;
  /** The language the platform reported, if any. */
  platformLang: string | null;
  author?: AuthorSignals;
}

export interface Enricher {
  enrich(input: EnrichInput): Enrichment;
  readonly config: EnrichConfig;
}

export interface EnricherDeps {
  /** Null: no detector (then only the platform and function words say the language). */
  detector: LanguageDetector | null;
  /** A brand's rules; validated here (throws a ZodError on a bad config). */
  config?: EnrichConfigInput;
}

const MAX_REASONS = 12;

/** Keeps the strongest reasons (a long rant would otherwise carry dozens). */
function top<T extends { weight?: number | undefined }>(reasons: T[]): T[] {
  if (reasons.length <= MAX_REASONS) return reasons;
  return [...reasons].sort((a, b) => Math.abs(b.weight ?? 0) - Math.abs(a.weight ?? 0)).slice(0, MAX_REASONS);
}

/**
 * Language, sentiment, intent, buying stage and urgency for a post, every label with its
 * reasons. Pure and synchronous: the language detector is loaded by the host beforehand.
 */
export function createEnricher(deps: EnricherDeps): Enricher {
  const config = enrichConfigSchema.parse(deps.config ?? {});
  const packs = compilePacks(config);
  const journalists = new Set(config.urgency.journalists.map((h) => h.toLowerCase().replace(/^@/, '')));
  return {
    config,
    enrich({ text, platformLang, author }) {
      const t = analyzeText(text);
      const lang = decideLanguage(text.length > MAX_ENRICH_CHARS ? text.slice(0, MAX_ENRICH_CHARS) : text, t, platformLang, deps.detector, config.language.minLetters);
      const pack = packs[isPackLang(lang.value) ? lang.value : 'en'];
      const hits = pack.cues.find(t);
      const sentiment = scoreSentiment(t, pack, hits, config.sentiment);
      const intent = classifyIntent(t, pack, hits, sentiment);
      if (config.sentiment.complaintIsNegative && intent.label === 'complaint' && sentiment.label !== 'negative' && sentiment.score < config.sentiment.positiveAt) {
        sentiment.label = 'negative';
        sentiment.reasons.push({ rule: 'sentiment:complaint', evidence: 'a complaint reads as negative' });
      }
      const stage = classifyStage(t, hits, intent.label, sentiment);
      const bioHits = author?.bio ? pack.cues.find(analyzeText(author.bio)) : [];
      const urgency = findUrgency(t, hits, author, bioHits, { highReachFollowers: config.urgency.highReachFollowers, journalists });
      return {
        lang,
        sentiment: { label: sentiment.label, score: sentiment.score, reasons: top(sentiment.reasons) },
        intent: { label: intent.label, reasons: top(intent.reasons) },
        stage: { label: stage.label, reasons: top(stage.reasons) },
        urgency,
      };
    },
  };
}
