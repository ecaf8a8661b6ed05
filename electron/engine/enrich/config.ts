import { z } from 'zod';
import { PACK_LANGS } from './lexicon/index.js';
import { CUE_KINDS } from './lexicon/types.js';

const phrase = z.string().trim().min(1).max(100);
const perLang = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(PACK_LANGS), value);

/**
 * A brand's enrichment rules: everything has a default, a brand adds words and phrases on top
 * (its product names as praise, its own jargon as complaints, …) and moves thresholds.
 */
export const enrichConfigSchema = z.strictObject({
  sentiment: z
    .strictObject({
      /** The normalized score (-1…1) from which a post is positive / negative. */
      positiveAt: z.number().min(0).max(1).default(0.3),
      negativeAt: z.number().min(-1).max(0).default(-0.2),
      /** A post whose intent is a complaint reads as negative unless clearly positive. */
      complaintIsNegative: z.boolean().default(true),
      /** Extra or overriding valences (-5…5) per language; `word*` matches word endings. */
      words: perLang(z.record(phrase, z.number().min(-5).max(5))).default({}),
    })
    .prefault({}),
  /** Extra phrases per language for each rule family (intents, stages, urgency, sarcasm). */
  cues: perLang(z.partialRecord(z.enum(CUE_KINDS), z.array(phrase).max(500))).default({}),
  urgency: z
    .strictObject({
      /** An author with at least this many followers is high-reach. */
      highReachFollowers: z.number().int().min(0).default(10_000),
      /** Handles of journalists the team knows. */
      journalists: z.array(phrase).max(5000).default([]),
    })
    .prefault({}),
  language: z
    .strictObject({
      /** Below this many letters neither the detector nor the stopwords can be trusted. */
      minLetters: z.number().int().min(1).default(12),
    })
    .prefault({}),
});

export type EnrichConfigInput = z.input<typeof enrichConfigSchema>;
export type EnrichConfig = z.output<typeof enrichConfigSchema>;

export const DEFAULT_ENRICH_CONFIG: EnrichConfig = enrichConfigSchema.parse({});
