import { z } from 'zod';
import { timeZoneSchema } from './time-zone.js';

/**
 * Trends and alerts: the domain types the engine produces and the renderer will show, and the
 * schemas of what a lead may configure (rules, channels). Secrets (webhook URLs, SMTP passwords)
 * appear only in the *input* schemas: what the engine hands back is a `ChannelView`.
 */

export const SEVERITIES = ['info', 'warning', 'crisis'] as const;
export type Severity = (typeof SEVERITIES)[number];

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, crisis: 2 };
export function severityAtLeast(s: Severity, min: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[min];
}

export const TERM_KINDS = ['word', 'hashtag', 'bigram'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** A term counted far above its usual level in the current epoch ("why": count vs expected ± sd). */
export interface TrendTerm {
  term: string;
  kind: TermKind;
  /** Posts containing the term in the epoch (a count-min estimate: never below the truth). */
  count: number;
  /** The term's usual count per epoch (exponentially weighted moving average). */
  expected: number;
  /** Its usual spread (square root of the exponentially weighted moving variance). */
  sd: number;
  /** (count − max(expected, β)) / (sd + β): how unusual the count is. */
  significance: number;
  /** Start of the epoch the numbers are about (ISO 8601). */
  epochStart: string;
  /** Recent posts containing it, newest last (bounded). */
  itemIds: number[];
}

/** Co-trending terms folded into one story. */
export interface TrendTopic {
  /** Stable while the story lasts (terms may join or leave). */
  id: string;
  /** The most significant term. */
  label: string;
  terms: string[];
  /** Trending in the epoch; false while a past story fades (still followed, for its chart). */
  trending: boolean;
  /** Posts mentioning any of the topic's terms in the epoch (estimated from a uniform sample). */
  volume: number;
  /** The label term's significance in the epoch. */
  significance: number;
  /** The label term's usual count per epoch, and its usual spread. */
  expected: number;
  sd: number;
  /** Mean sentiment (−1 … 1) of the topic's posts that carry one, null when none does. */
  sentiment: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
  itemIds: number[];
  /** Other words in the topic's posts, most frequent first (the brand shows up here). */
  cooccurring: Array<{ term: string; count: number }>;
}

/** One epoch of a series ('all', 'topic:<id>', 'query:<rule id>'). */
export interface SeriesPoint {
  /** Epoch start, ISO 8601. */
  at: string;
  volume: number;
  sentiment: number | null;
  /** How many of the volume's posts carried a sentiment. */
  sentimentCount: number;
  expected: number | null;
  significance: number | null;
}

// ---------------------------------------------------------------------------------------------
// Rules

const id = z.string().trim().min(1).max(100);
const word = z.string().trim().min(1).max(100);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24 h)');

export const quietHoursSchema = z.strictObject({
  /** Local start and end; an end before the start spans midnight (22:00 → 07:00). */
  start: clockTime,
  end: clockTime,
  timeZone: timeZoneSchema,
  /** Days the quiet hours begin on, 0 = Sunday; all days when absent. */
  days: z.array(z.int().min(0).max(6)).max(7).optional(),
  /** Alerts this severe are pushed even in quiet hours. */
  breakThrough: z.enum(SEVERITIES).default('crisis'),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** What a volume or sentiment rule watches: trending topics (optionally one term), a query, or everything. */
export const ruleTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('topic'), term: word.optional() }),
  z.strictObject({ kind: z.literal('query'), query: z.string().trim().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('all') }),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

const ruleCommon = {
  id,
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  severity: z.enum(SEVERITIES),
  /** After an alert, the same rule stays silent about the same subject this long. */
  cooldownMinutes: z.number().min(0).max(7 * 24 * 60).default(30),
  quietHours: quietHoursSchema.nullable().default(null),
  /** Channel ids the alert is pushed to (the in-app list always gets it). */
  channels: z.array(id).max(20).default([]),
};

export const alertRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...ruleCommon, kind: z.literal('query_match'), query: z.string().trim().min(1).max(2000) }),
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('volume_spike'),
    target: ruleTargetSchema,
    measure: z.enum(['significance', 'ratio']).default('significance'),
    /** Significance (in the score's units) or ratio to the usual level. */
    threshold: z.number().positive().max(1000).default(3),
    /** Posts in the epoch before anything counts as a spike. */
    minCount: z.int().min(1).max(1_000_000).default(10),
  }),
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('sentiment_drop'),
    target: ruleTargetSchema,
    /** How far the epoch's mean sentiment (−1 … 1) falls below its usual level. */
    drop: z.number().positive().max(2).default(0.3),
    /** Or an absolute floor; either one triggers. */
    below: z.number().min(-1).max(1).nullable().default(null),
    minCount: z.int().min(1).max(1_000_000).default(10),
  }),
  z
    .strictObject({
      ...ruleCommon,
      kind: z.literal('author'),
      /** VIPs: handles as the platform shows them (user@instance), case-insensitive. */
      handles: z.array(word).max(1000).default([]),
      /** High reach: authors with at least this many followers. */
      minFollowers: z.int().min(1).nullable().default(null),
    })
    .refine((r) => r.handles.length > 0 || r.minFollowers !== null, { message: 'name VIP handles or a follower count', path: ['handles'] }),
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('brand_trend'),
    /** The brand's names and hashtags as words (e.g. "kettlebird", "#kettlebird"). */
    brandTerms: z.array(word).min(1).max(50),
    /** Posts in which the trending term and the brand appear together. */
    minCooccurrence: z.int().min(1).max(10_000).default(3),
    threshold: z.number().positive().max(1000).default(3),
  }),
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('sensitive_event'),
    /** Words or two-word phrases; accents and case don't matter. */
    terms: z.array(word).min(1).max(2000),
    threshold: z.number().positive().max(1000).default(3),
    minCount: z.int().min(1).max(1_000_000).default(5),
  }),
]);
export type AlertRule = z.infer<typeof alertRuleSchema>;
export type AlertRuleInput = z.input<typeof alertRuleSchema>;
export type AlertRuleKind = AlertRule['kind'];

// ---------------------------------------------------------------------------------------------
// Alerts

export interface AlertEvidence {
  /** The posts behind the alert (bounded), oldest first. */
  itemIds: number[];
  terms: string[];
  /** Which series `series` is a slice of, e.g. 'topic:t-…' or 'query:rule-id'. */
  seriesKey: string | null;
  series: SeriesPoint[];
  /** The figures that crossed the threshold, by name (count, expected, sd, significance, threshold …). */
  numbers: Record<string, number>;
}

export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertRuleKind;
  severity: Severity;
  /** What the alert is about within its rule (a term, topic, author, the query); dedupe and cooldown key. */
  subject: string;
  title: string;
  /** A sentence a person can check against the evidence. */
  why: string;
  evidence: AlertEvidence;
  createdAt: string;
  /** Raised during the rule's quiet hours: listed in the app, not pushed to channels. */
  quiet: boolean;
  channels: string[];
  ack: { by: string; at: string } | null;
  /** Only private posts (DMs, followers-only replies) are its evidence: never shown on the wall. A mixed alert keeps only its public posts as evidence. */
  private?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Channels

export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const channelCommon = {
  id,
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  /** Less severe alerts are not pushed to this channel. */
  minSeverity: z.enum(SEVERITIES).default('warning'),
};
const email = z.email().max(320);

/** What may be saved for a channel. url and password are secrets: they go to the secret store. */
export const channelInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...channelCommon,
    kind: z.literal('webhook'),
    format: z.enum(WEBHOOK_FORMATS),
    /** Contains the webhook's token. Absent on an update = keep the stored one. */
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  }),
  z.strictObject({
    ...channelCommon,
    kind: z.literal('email'),
    host: z.string().trim().min(1).max(255),
    port: z.int().min(1).max(65535).default(587),
    /** tls = TLS from the first byte (465); starttls = upgrade required (587); none = local relays only. */
    security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    username: z.string().max(320).nullable().default(null),
    /** Absent on an update = keep the stored one. */
    password: z.string().min(1).max(1000).optional(),
    from: email,
    to: z.array(email).min(1).max(50),
  }),
]);
export type ChannelInput = z.input<typeof channelInputSchema>;

/** A channel as stored and as any client may see it: no secrets, only a hint of where it points. */
export type ChannelConfig =
  | { id: string; name: string; enabled: boolean; minSeverity: Severity; kind: 'webhook'; format: WebhookFormat; host: string }
  | {
      id: string;
      name: string;
      enabled: boolean;
      minSeverity: Severity;
      kind: 'email';
      host: string;
      port: number;
      security: 'tls' | 'starttls' | 'none';
      username: string | null;
      from: string;
      to: string[];
    };

export type ChannelView = ChannelConfig & { hasSecret: boolean };

/** A delivery that failed for good, kept until someone retries or drops it. */
export interface DeadLetter {
  id: number;
  channelId: string;
  alertId: string;
  attempts: number;
  error: string;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

// ---------------------------------------------------------------------------------------------
// The wall's panels (issue 11): which panels a wall shows, chosen by leads, saved per wall.

/**
 * `share`: share of voice, brand vs each competitor topic (topics.shareOfVoice); `queue`: the
 * conversation queue's tiles (issue 12, queue.stats).
 */
export const WALL_PANELS = ['trending', 'volume', 'alerts', 'share', 'queue'] as const;
export type WallPanelId = (typeof WALL_PANELS)[number];

export const wallLayoutSchema = z.strictObject({
  /** The panels shown, in order; none = columns only. */
  panels: z.array(z.enum(WALL_PANELS)).max(WALL_PANELS.length).refine((a) => new Set(a).size === a.length, 'a panel appears once'),
  /** Panels beside the columns: before them or after them. */
  side: z.enum(['start', 'end']).default('end'),
});
export type WallLayout = z.infer<typeof wallLayoutSchema>;
/** The volume chart is a lead's choice (Panels…): its redraw is the wall's heaviest task at 40 posts/s. */
export const DEFAULT_WALL_LAYOUT: WallLayout = { panels: ['queue', 'alerts', 'trending'], side: 'end' };

/** A wall's saved layout: a wall's name is the `name` in its #/wall?name=… address. */
export interface SavedWallLayout {
  wallId: string;
  layout: WallLayout;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** What became of one delivery of an alert to one channel. */
export interface DeliveryReport {
  channelId: string;
  /** delivered, skipped (with why: quiet hours, severity, disabled, unknown channel) or dead-lettered. */
  status: 'delivered' | 'skipped' | 'dead_letter';
  attempts: number;
  reason?: string;
  deadLetterId?: number;
}
