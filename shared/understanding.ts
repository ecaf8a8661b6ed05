import { z } from 'zod';

/**
 * What the engine understands about a post (issue 10): its language, sentiment, intent, buying
 * stage and urgency, each with the reasons that produced it, so a badge can say why it was given.
 * Pure types and schemas: the renderer shows these, the engine produces them.
 */

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const INTENTS = ['complaint', 'question', 'praise', 'recommendation', 'chatter'] as const;
export type Intent = (typeof INTENTS)[number];

export const STAGES = ['pre-purchase', 'purchase', 'post-purchase', 'none'] as const;
export type Stage = (typeof STAGES)[number];

/** Why a post may need a person now. */
export const URGENCY_CUES = ['legal', 'safety', 'cancel', 'journalist', 'high-reach'] as const;
export type UrgencyCue = (typeof URGENCY_CUES)[number];

/** Where a language label came from. */
export const LANG_SOURCES = ['platform', 'detector', 'none'] as const;
export type LangSource = (typeof LANG_SOURCES)[number];

/** One rule that fired: `rule` names it (stable, for counting), `evidence` quotes the post. */
export const reasonSchema = z.object({
  rule: z.string().min(1).max(80),
  evidence: z.string().max(200),
  weight: z.number().optional(),
});
export type Reason = z.infer<typeof reasonSchema>;

const reasons = z.array(reasonSchema).max(40);

export const enrichmentSchema = z.object({
  lang: z.object({ value: z.string().nullable(), source: z.enum(LANG_SOURCES), reasons }),
  sentiment: z.object({ label: z.enum(SENTIMENTS), score: z.number(), reasons }),
  intent: z.object({ label: z.enum(INTENTS), reasons }),
  stage: z.object({ label: z.enum(STAGES), reasons }),
  urgency: z.object({
    urgent: z.boolean(),
    cues: z.array(z.object({ cue: z.enum(URGENCY_CUES), evidence: z.string().max(200) })).max(20),
  }),
});
export type Enrichment = z.infer<typeof enrichmentSchema>;

/** The fields a listening query can test (`author:brewco`, `is:reply`, …). */
export const QUERY_FIELDS = ['author', 'platform', 'lang', 'site', 'is', 'has', 'sentiment', 'intent', 'stage', 'topic'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A query that does not parse: where (0-based offsets into the query text) and what to do. */
export const queryErrorSchema = z.object({
  message: z.string(),
  position: z.number().int().min(0),
  end: z.number().int().min(0),
  hint: z.string(),
});
export type QueryError = z.infer<typeof queryErrorSchema>;
