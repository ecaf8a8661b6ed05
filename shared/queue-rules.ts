import { z } from 'zod';
import { PRIORITIES, queueIdSchema, type Priority } from './queue-sla.js';

/**
 * Triage rules (issue 12): ordered conditions → team, priority, tags, SLA policy. The labels
 * below are the ones the understanding issue (10) gives every item; until its types land in
 * shared/, the queue keeps its own copy of the vocabulary under these names.
 */
export const TRIAGE_INTENTS = ['complaint', 'question', 'praise', 'recommendation', 'chatter'] as const;
export type TriageIntent = (typeof TRIAGE_INTENTS)[number];
export const TRIAGE_SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type TriageSentiment = (typeof TRIAGE_SENTIMENTS)[number];
export const TRIAGE_STAGES = ['pre-purchase', 'purchase', 'post-purchase', 'none'] as const;
export type TriageStage = (typeof TRIAGE_STAGES)[number];

/** What the router sees of an inbound item: the item's own fields plus its enrichment. */
export interface TriageItem {
  platform: string;
  sourceId: string | null;
  text: string;
  lang: string | null;
  intent: TriageIntent | null;
  sentiment: TriageSentiment | null;
  stage: TriageStage | null;
  /** Topic ids the item was tagged with (issue 10). */
  topics: string[];
  /** Urgency cues found in it, e.g. "legal", "safety", "cancel", "journalist". */
  urgency: string[];
  author: { handle: string; followers: number | null };
  /** Followers-only or direct. */
  private: boolean;
}

const id = queueIdSchema;
const word = z.string().trim().toLowerCase().min(1).max(100);
const words = z.array(word).min(1, 'list at least one value').max(200);
const not = z.boolean().default(false);
const lang = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/, 'a language is a code such as "en", "de" or "pt-br"');
/** "@Alice@Social.example" → "alice@social.example": how handles are compared. */
export function normalizeHandle(handle: string): string {
  return handle.trim().toLowerCase().replace(/^@/, '');
}

const handle = z
  .string()
  .transform(normalizeHandle)
  .pipe(z.string().regex(/^[^\s@]+(?:@[^\s@]+)?$/, 'a handle is user@server (a leading @ is fine)'));

export const triageConditionSchema = z.discriminatedUnion(
  'field',
  [
    z.strictObject({ field: z.literal('platform'), in: words, not }),
    z.strictObject({ field: z.literal('source'), in: words, not }),
    /** Listening queries by id; the caller supplies the matcher (issue 10). */
    z.strictObject({ field: z.literal('query'), in: words, not }),
    z.strictObject({ field: z.literal('topic'), in: words, not }),
    z.strictObject({ field: z.literal('intent'), in: z.array(z.enum(TRIAGE_INTENTS)).min(1), not }),
    z.strictObject({ field: z.literal('sentiment'), in: z.array(z.enum(TRIAGE_SENTIMENTS)).min(1), not }),
    z.strictObject({ field: z.literal('stage'), in: z.array(z.enum(TRIAGE_STAGES)).min(1), not }),
    /** "de" also matches "de-AT". */
    z.strictObject({ field: z.literal('language'), in: z.array(lang).min(1), not }),
    /** Any of these urgency cues; without `in`, any cue at all. */
    z.strictObject({ field: z.literal('urgency'), in: words.optional(), not }),
    /** The author's followers; an unknown reach never meets it. */
    z.strictObject({ field: z.literal('reach'), atLeast: z.int().min(0) }),
    /** The author is (or is not) on the VIP list. */
    z.strictObject({ field: z.literal('vip'), is: z.boolean() }),
    /** Direct and followers-only messages. */
    z.strictObject({ field: z.literal('private'), is: z.boolean() }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' && 'note' in iss && iss.note === 'No matching discriminator'
        ? 'field is one of platform, source, query, topic, intent, sentiment, stage, language, urgency, reach, vip, private'
        : undefined,
  },
);
export type TriageCondition = z.infer<typeof triageConditionSchema>;
export type TriageField = TriageCondition['field'];

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}_-]{1,50}$/u, 'a tag is letters, digits, _ or - (e.g. "refund")');
/** A tag on a conversation (from a rule) or on a customer (session 15). */
export const queueTagSchema = tag;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Defensive: also runs on input that failed other checks. */
function hasAction(then: Record<string, unknown>): boolean {
  return Boolean(then.team || then.priority || then.sla || (Array.isArray(then.tags) && then.tags.length > 0));
}

const actions = z.strictObject({
  team: id.optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: z.array(tag).max(20).default([]),
  sla: id.optional(),
});

export const triageRuleSchema = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    /** All must hold; an empty list matches everything. */
    when: z.array(triageConditionSchema).max(30).default([]),
    then: actions,
    /** Apply this rule and keep looking: later rules add tags and fill what it left unset. */
    continue: z.boolean().default(false),
  })
  .refine((r) => hasAction(r.then), {
    path: ['then'],
    message: 'a rule does something: set a team, a priority, an SLA policy or tags',
    // Also when other fields are wrong: a lead fixing a rule wants every problem at once.
    when: (p) => isRecord(p.value) && isRecord(p.value.then),
  });
export type TriageRule = z.infer<typeof triageRuleSchema>;

export const triageConfigSchema = z
  .strictObject({
    rules: z.array(triageRuleSchema).max(1000),
    /** Fills whatever no rule set. */
    defaultRoute: z.strictObject({
      team: id,
      priority: z.enum(PRIORITIES).default('normal'),
      sla: id.nullable().default(null),
      tags: z.array(tag).max(20).default([]),
    }),
    /** Authors a `vip` condition looks for. */
    vip: z.array(handle).max(10_000).default([]),
  })
  .superRefine(
    (cfg, ctx) => {
      const seen = new Map<string, number>();
      (cfg.rules as unknown[]).forEach((r, i) => {
        const ruleId = isRecord(r) && typeof r.id === 'string' ? r.id.trim() : null;
        if (ruleId === null) return;
        const first = seen.get(ruleId);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${ruleId}" is already used by rules[${first}]` });
        else seen.set(ruleId, i);
      });
    },
    { when: (p) => isRecord(p.value) && Array.isArray(p.value.rules) },
  );
export type TriageConfig = z.infer<typeof triageConfigSchema>;
export type TriageConfigInput = z.input<typeof triageConfigSchema>;

/** What routing decided, and which rule decided each part (null = the default route). */
export interface TriageOutcome {
  team: string;
  priority: Priority;
  sla: string | null;
  tags: string[];
  /** Ids of the rules that matched and were applied, in order. */
  matched: string[];
  decidedBy: { team: string | null; priority: string | null; sla: string | null };
}

export interface ConditionVerdict {
  field: TriageField;
  met: boolean;
  /** One line a lead can read: "intent is complaint (wanted complaint or question)". */
  because: string;
}

export interface RuleVerdict {
  rule: string;
  name: string;
  /** matched = all conditions met and the rule was applied; skipped = disabled or after the deciding rule. */
  result: 'matched' | 'not_matched' | 'disabled' | 'not_reached';
  conditions: ConditionVerdict[];
}

/** The rule tester's answer: the outcome plus every rule's verdict, in order. */
export interface TriageExplanation {
  outcome: TriageOutcome;
  /** The rule that ended evaluation (first match without continue), null if none did. */
  decidingRule: string | null;
  rules: RuleVerdict[];
}
