import { z } from 'zod';
import {
  alertRuleSchema,
  channelInputSchema,
  wallLayoutSchema,
  type Alert,
  type AlertRule,
  type ChannelView,
  type DeadLetter,
  type DeliveryReport,
  type SavedWallLayout,
  type SeriesPoint,
  type TrendTerm,
  type TrendTopic,
} from './alerts.js';
import { clientErrorParams, type ClientErrorResult } from './client-errors.js';
import { USER_NAME, type Item, type SourceView, type UserInfo, type UserView } from './domain.js';
import type { MethodName } from './method-names.js';
import {
  POST_STATUSES,
  type AuditEntry,
  type FreezeState,
  type FreezeSuggestion,
  type InFlightSend,
  type PublishAccount,
  type ScheduledPost,
} from './publishing.js';
import { QUERY_LIMITS } from './listen/ast.js';
import { ROLES, type Access } from './roles.js';
import { TOPIC_KINDS, type RetagProgress, type ShareOfVoice, type Topic } from './topics.js';
import {
  businessCalendarSchema,
  CONVERSATION_STATUSES,
  PRESENCE_STATUSES,
  slaPolicySchema,
  teamSchema,
  type BusinessCalendar,
  type Presence,
  type SlaPolicy,
  type Team,
  type TriageConfig,
  type TriageExplanation,
  type TriageItem,
} from './queue.js';
import type { ConversationDetail, ConversationView, QueueMessage, QueueStatsRow, ReplyOutcome } from './queue-views.js';
import { timeZoneSchema } from './time-zone.js';
// session 15: queue
import type { CustomerTags } from './customer-tags.js';
import { queueTagSchema } from './queue-rules.js';
// session 15: canned replies and guidelines
import { cannedReplySchema, guidelinesSchema, type CannedReply, type Guidelines } from './queue.js';

export { isMethodName, METHOD_NAMES, type MethodName } from './method-names.js';

const id = z.string().min(1).max(100);
const tag = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and _'));
const term = z.string().trim().min(1).max(200);

const sourceFields = z.strictObject({
  platform: z.literal('mastodon'),
  name: z.string().trim().min(1).max(100),
  instanceUrl: z.url({ protocol: /^https?$/ }),
  hashtags: z.array(tag).max(50).default([]),
  terms: z.array(term).max(50).default([]),
  mentions: z.boolean().default(false),
  /** Stored in the secret store of the host; never returned to any client. */
  accessToken: z.string().min(1).max(500).optional(),
});

const isoTime = z.iso.datetime({ offset: true });
const wallId = z.string().regex(/^[\w.-]{1,64}$/, 'a wall name is letters, digits, . _ - (up to 64)');
const timeZone = timeZoneSchema;
const userName = z.string().regex(USER_NAME, 'a user name is letters, digits, . _ - (up to 64), starting with a letter or digit');
/** A listening query (README "Listening queries"); parse errors come back as invalid_input with their position. */
const listeningQuery = z.string().trim().min(1, 'type a query').max(QUERY_LIMITS.maxLength);
const postText = z.string().trim().min(1, 'a post needs text').max(5000);
const status = z.enum(POST_STATUSES);
/** Conversation, team, rule and policy ids (issue 12). */
const queueId = z.string().trim().min(1).max(100);
// session 15: queue
const customerTagParams = z.strictObject({ platform: z.string().trim().min(1).max(40), handle: z.string().trim().min(1).max(300), tag: queueTagSchema });

/** Every method: who may call it and what its params must be. Results are typed in `Results`. */
export const methods = {
  'me.get': { access: 'read', params: z.strictObject({}) },
  'items.list': {
    access: 'read',
    params: z.strictObject({
      limit: z.int().min(1).max(5000).default(200),
      /** Items with an id below this one (paging backwards). */
      before: z.int().positive().optional(),
      platform: z.literal('mastodon').optional(),
      /** Case-insensitive text or #hashtag match. */
      q: z.string().trim().min(1).max(200).optional(),
      /** A listening query (README "Listening queries"); `topic:` tests the item's topics by id or name. */
      query: listeningQuery.optional(),
    }),
  },
  'sources.list': { access: 'read', params: z.strictObject({}) },
  'sources.add': {
    access: 'admin',
    params: sourceFields.refine((s) => s.hashtags.length + s.terms.length > 0 || s.mentions, {
      message: 'a source listens to at least one hashtag, term or the mentions',
    }),
  },
  'sources.remove': { access: 'admin', params: z.strictObject({ id }) },
  'sources.pause': { access: 'admin', params: z.strictObject({ id }) },
  'sources.resume': { access: 'admin', params: z.strictObject({ id }) },

  // Readable by the wall too: a scoped freeze banner names its accounts, and an account holds no secret.
  'accounts.list': { access: 'read', params: z.strictObject({}) },
  'accounts.add': {
    access: 'admin',
    params: z.strictObject({
      platform: z.literal('mastodon'),
      name: z.string().trim().min(1).max(100),
      instanceUrl: z.url({ protocol: /^https?$/ }),
      accessToken: z.string().min(1).max(500),
      requireApproval: z.boolean().default(true),
    }),
  },
  'accounts.update': {
    access: 'admin',
    params: z.strictObject({ id, name: z.string().trim().min(1).max(100).optional(), requireApproval: z.boolean().optional() }),
  },
  'accounts.remove': { access: 'admin', params: z.strictObject({ id }) },

  'freeze.get': { access: 'read', params: z.strictObject({}) },
  'freeze.set': {
    access: 'crisis',
    params: z
      .strictObject({
        frozen: z.boolean(),
        reason: z.string().trim().max(500).optional(),
        /** Default: everything. */
        accountIds: z.array(id).min(1).max(100).optional(),
        expiresAt: isoTime.optional(),
        /** Hold the desk's replies to customers too (issue 12); by default replies go on during a freeze. */
        holdReplies: z.boolean().optional(),
        /** The freeze suggestion this freeze answers (recorded in the audit with its evidence). */
        suggestionId: id.optional(),
      })
      .refine((p) => !p.frozen || (p.reason !== undefined && p.reason.length > 0), {
        message: 'say why you are freezing: a reason is required',
        path: ['reason'],
      }),
  },
  'freeze.suggest': {
    access: 'agent',
    params: z.strictObject({
      reason: z.string().trim().min(1).max(500),
      evidence: z
        .array(z.strictObject({ text: z.string().trim().min(1).max(1000), url: z.url({ protocol: /^https?$/ }).optional() }))
        .max(20)
        .default([]),
    }),
  },
  'freeze.dismiss': { access: 'crisis', params: z.strictObject({ id }) },
  'freeze.configure': { access: 'admin', params: z.strictObject({ liftRequiresSecondPerson: z.boolean() }) },

  'posts.create': {
    access: 'agent',
    params: z.strictObject({
      accountIds: z.array(id).min(1).max(20),
      text: postText,
      inReplyTo: z.string().min(1).max(100).optional(),
      scheduledAt: isoTime.optional(),
      timeZone: timeZone.default('UTC'),
    }),
  },
  'posts.update': {
    access: 'agent',
    params: z.strictObject({ id, text: postText.optional(), scheduledAt: isoTime.nullable().optional(), timeZone: timeZone.optional() }),
  },
  'posts.approve': { access: 'lead', params: z.strictObject({ id }) },
  'posts.schedule': { access: 'agent', params: z.strictObject({ id, at: isoTime, timeZone: timeZone.optional() }) },
  'posts.list': {
    access: 'agent',
    params: z.strictObject({
      status: z.union([status, z.array(status).min(1)]).optional(),
      limit: z.int().min(1).max(5000).default(500),
      /** The `next` of the previous page: newest first, this page continues below it. */
      before: z.string().min(1).max(300).optional(),
    }),
  },
  'posts.release': { access: 'lead', params: z.strictObject({ id, at: isoTime.optional() }) },
  'posts.cancel': { access: 'agent', params: z.strictObject({ id }) },
  'audit.list': {
    access: 'lead',
    params: z.strictObject({
      limit: z.int().min(1).max(1000).default(200),
      before: z.int().positive().optional(),
      entity: z.enum(['post', 'freeze', 'account', 'user', 'alert_rule']).optional(),
      entityId: id.optional(),
    }),
  },

  // Every signed-in screen, the wall included, may tell the host about an error it caught.
  'client.reportError': { access: 'read', params: clientErrorParams },

  // Users and their tokens. A token is shown once, in the answer that creates it; only its hash is kept.
  'users.list': { access: 'admin', params: z.strictObject({}) },
  'users.add': { access: 'admin', params: z.strictObject({ name: userName, role: z.enum(ROLES) }) },
  /** Every open session of the user ends at once. */
  'users.remove': { access: 'admin', params: z.strictObject({ name: userName }) },
  /** A new token; the old one stops working and every session opened with it ends at once. */
  'users.rotate': { access: 'admin', params: z.strictObject({ name: userName }) },

  // issue 10
  'topics.list': { access: 'read', params: z.strictObject({}) },
  /** Creates (no id) or edits a topic; a changed query re-tags recent items in the background. */
  'topics.save': {
    access: 'lead',
    params: z.strictObject({
      id: id.optional(),
      name: z.string().trim().min(1, 'a topic needs a name').max(80),
      kind: z.enum(TOPIC_KINDS),
      query: listeningQuery,
    }),
  },
  'topics.remove': { access: 'lead', params: z.strictObject({ id }) },
  /** Re-tags recent items against every topic now (progress as `topic.retag` changes). */
  'topics.retag': { access: 'lead', params: z.strictObject({}) },
  'topics.shareOfVoice': {
    access: 'read',
    params: z.strictObject({
      bucket: z.enum(['hour', 'day']).default('hour'),
      /** Default: the first brand topic. */
      brandId: id.optional(),
      /** Default: the last 24 hours (hour) or 30 days (day), up to now. */
      from: isoTime.optional(),
      to: isoTime.optional(),
    }),
  },

  // issue 12: the assignment queue. Agents work conversations; leads assign and edit the settings.
  'queue.list': {
    access: 'agent',
    params: z.strictObject({
      /** mine: assigned to me; team: unassigned in my teams (or `team`); all: everything (filters below). */
      view: z.enum(['mine', 'team', 'all']).default('mine'),
      team: queueId.optional(),
      assignee: userName.optional(),
      status: z.array(z.enum(CONVERSATION_STATUSES)).min(1).default(['open', 'waiting']),
      limit: z.int().min(1).max(20_000).default(2_000),
    }),
  },
  'queue.get': { access: 'agent', params: z.strictObject({ id: queueId }) },
  /** Exactly one of two claims wins; the other gets 409 conflict. */
  'queue.claim': { access: 'agent', params: z.strictObject({ id: queueId }) },
  'queue.assign': { access: 'lead', params: z.strictObject({ id: queueId, to: userName.nullable() }) },
  'queue.release': { access: 'agent', params: z.strictObject({ id: queueId }) },
  'queue.reply': {
    access: 'agent',
    params: z.strictObject({
      id: queueId,
      text: z.string().trim().min(1, 'a reply needs text').max(5000),
      /** The canned reply the draft started from (its tone feeds the guideline checks). */
      cannedId: queueId.optional(),
      /** Only run the guideline checks (the desk shows them inline while typing). */
      dryRun: z.boolean().default(false),
    }),
  },
  'queue.note': { access: 'agent', params: z.strictObject({ id: queueId, text: z.string().trim().min(1, 'a note needs text').max(5000) }) },
  'queue.resolve': { access: 'agent', params: z.strictObject({ id: queueId }) },
  'queue.reopen': { access: 'agent', params: z.strictObject({ id: queueId }) },
  /** The canned replies for a conversation's team, with its variables filled in. */
  'queue.canned': { access: 'agent', params: z.strictObject({ id: queueId }) },
  /** The wall tiles' figures: counts and times only, nothing private. */
  'queue.stats': { access: 'read', params: z.strictObject({}) },
  'rules.list': { access: 'agent', params: z.strictObject({}) },
  /** The whole ordered rule list (shared/queue-rules.ts triageConfigSchema); checked against teams and SLA policies. */
  'rules.save': { access: 'lead', params: z.strictObject({ config: z.unknown() }) },
  'rules.test': {
    access: 'agent',
    params: z.strictObject({
      text: z.string().trim().min(1, 'paste a post to test').max(5000),
      platform: z.string().trim().min(1).max(50).default('mastodon'),
      author: z.string().trim().min(1).max(200).default('someone@example.social'),
      followers: z.int().min(0).nullable().default(null),
      private: z.boolean().default(false),
      lang: z.string().trim().min(2).max(12).optional(),
      topics: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
      /** Unsaved rules to try (the editor's draft); absent = the saved ones. */
      config: z.unknown().optional(),
    }),
  },
  'teams.list': { access: 'agent', params: z.strictObject({}) },
  'teams.save': { access: 'lead', params: z.strictObject({ teams: z.array(teamSchema).max(100) }) },
  'sla.list': { access: 'agent', params: z.strictObject({}) },
  'sla.save': {
    access: 'lead',
    params: z.strictObject({ policies: z.array(slaPolicySchema).max(200), calendars: z.array(businessCalendarSchema).max(100).default([]) }),
  },
  'presence.set': {
    access: 'agent',
    params: z.strictObject({
      status: z.enum(PRESENCE_STATUSES).optional(),
      conversation: queueId.nullable().optional(),
      activity: z.enum(['viewing', 'replying']).nullable().optional(),
    }),
  },
  // issue 11: trends and alerts. The wall reads trends and public alerts; leads and up configure.
  'trends.top': { access: 'read', params: z.strictObject({ limit: z.int().min(1).max(50).default(10) }) },
  'trends.series': {
    access: 'read',
    params: z.strictObject({
      /** 'all' (every public post) or 'topic:<id>' (a trending topic, see trends.top). */
      key: z.string().regex(/^(all|topic:[\w.:-]{1,100})$/, "a series is 'all' or 'topic:<id>'"),
      since: isoTime.optional(),
      limit: z.int().min(1).max(500).default(60),
    }),
  },
  'alerts.list': {
    access: 'read',
    params: z.strictObject({
      limit: z.int().min(1).max(500).default(100),
      /** Alerts raised before this time (paging backwards). */
      before: isoTime.optional(),
      unacknowledged: z.boolean().default(false),
    }),
  },
  'alerts.ack': { access: 'agent', params: z.strictObject({ id }) },
  'alerts.rules.list': { access: 'lead', params: z.strictObject({}) },
  'alerts.rules.save': { access: 'lead', params: z.strictObject({ rule: alertRuleSchema }) },
  'alerts.channels.list': { access: 'lead', params: z.strictObject({}) },
  'alerts.channels.save': { access: 'lead', params: z.strictObject({ channel: channelInputSchema }) },
  'alerts.deadLetters.list': { access: 'lead', params: z.strictObject({ limit: z.int().min(1).max(1000).default(100) }) },
  'alerts.deadLetters.retry': { access: 'lead', params: z.strictObject({ id: z.int().positive() }) },
  'walls.get': { access: 'read', params: z.strictObject({ wallId }) },
  'walls.save': { access: 'lead', params: z.strictObject({ wallId, layout: wallLayoutSchema }) },
  // session 15: forms
  /** Removes an alert rule for good (its past alerts stay listed); 404 when there is none. */
  'alerts.rules.remove': { access: 'lead', params: z.strictObject({ id }) },
  // session 15: queue. Tags on a customer (platform + author handle), for agents and up.
  'customers.tags.add': { access: 'agent', params: customerTagParams },
  'customers.tags.remove': { access: 'agent', params: customerTagParams },
  // session 15: canned replies and guidelines. Agents read them (the desk shows findings); leads change them.
  'queue.guidelines.get': { access: 'agent', params: z.strictObject({}) },
  /** The brand guidelines as a whole (forbidden phrases, required phrases per team, tone warnings). */
  'queue.guidelines.save': { access: 'lead', params: guidelinesSchema },
  /** Every canned reply as stored (unfilled), with the variables their text may use. */
  'queue.canned.list': { access: 'agent', params: z.strictObject({}) },
  /** The whole list of canned replies; their {{variables}} and teams are checked. */
  'queue.canned.save': { access: 'lead', params: z.strictObject({ replies: z.array(cannedReplySchema).max(500) }) },
} as const satisfies Record<MethodName, { access: Access; params: z.ZodType }>;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;

export interface Results {
  'me.get': UserView;
  'items.list': { items: Item[] };
  'sources.list': { sources: SourceView[] };
  'sources.add': { source: SourceView };
  'sources.remove': { ok: true };
  'sources.pause': { source: SourceView };
  'sources.resume': { source: SourceView };
  'accounts.list': { accounts: PublishAccount[] };
  'accounts.add': { account: PublishAccount };
  'accounts.update': { account: PublishAccount };
  'accounts.remove': { ok: true };
  'freeze.get': { freeze: FreezeState; suggestions: FreezeSuggestion[] };
  'freeze.set': {
    freeze: FreezeState;
    /** Posts this freeze held (due now) — later ones are held when their time comes. */
    held: ScheduledPost[];
    /** Sends already on the wire when the freeze committed: they may have published. */
    mayHavePublished: InFlightSend[];
    /** Lifting needs a second person: this call recorded the first request only. */
    awaitingSecondPerson: boolean;
  };
  'freeze.suggest': { suggestion: FreezeSuggestion };
  'freeze.dismiss': { suggestion: FreezeSuggestion };
  'freeze.configure': { freeze: FreezeState };
  'posts.create': { posts: ScheduledPost[] };
  'posts.update': { post: ScheduledPost };
  'posts.approve': { post: ScheduledPost };
  'posts.schedule': { post: ScheduledPost };
  /** `next` is null on the last page. */
  'posts.list': { posts: ScheduledPost[]; next: string | null };
  'posts.release': { post: ScheduledPost };
  'posts.cancel': { post: ScheduledPost };
  'audit.list': { entries: AuditEntry[] };
  'users.list': { users: UserInfo[] };
  'users.add': { user: UserView; token: string };
  'users.remove': { ok: true };
  'users.rotate': { user: UserView; token: string };
  'client.reportError': ClientErrorResult;
  // issue 10
  'topics.list': { topics: Topic[]; retag: RetagProgress | null };
  /** `retag` is null when only the name or kind changed (no item's topics change). */
  'topics.save': { topic: Topic; retag: RetagProgress | null };
  'topics.remove': { ok: true; retag: RetagProgress };
  'topics.retag': { retag: RetagProgress };
  'topics.shareOfVoice': ShareOfVoice;
  // issue 12
  'queue.list': { conversations: ConversationView[]; presence: Presence[] };
  'queue.get': ConversationDetail;
  'queue.claim': { conversation: ConversationView };
  'queue.assign': { conversation: ConversationView };
  'queue.release': { conversation: ConversationView };
  'queue.reply': ReplyOutcome;
  'queue.note': { message: QueueMessage };
  'queue.resolve': { conversation: ConversationView };
  'queue.reopen': { conversation: ConversationView };
  'queue.canned': { replies: { id: string; name: string; tone: string; text: string }[] };
  'queue.stats': { teams: QueueStatsRow[]; total: QueueStatsRow };
  'rules.list': { config: TriageConfig };
  'rules.save': { config: TriageConfig; warnings: { path: string; message: string }[] };
  'rules.test': { item: TriageItem; explanation: TriageExplanation };
  'teams.list': { teams: Team[] };
  'teams.save': { teams: Team[] };
  'sla.list': { policies: SlaPolicy[]; calendars: BusinessCalendar[] };
  'sla.save': { policies: SlaPolicy[]; calendars: BusinessCalendar[] };
  'presence.set': { presence: Presence };
  // issue 11
  /** `terms`: trending in the live epoch and, after them, in the last closed one (a story doesn't blink out at the boundary). */
  'trends.top': { terms: TrendTerm[]; topics: TrendTopic[]; epochStart: string; epochMs: number };
  'trends.series': { key: string; points: SeriesPoint[] };
  'alerts.list': { alerts: Alert[] };
  'alerts.ack': { alert: Alert };
  /** `invalid`: stored rules that no longer parse; `errors`: rules that cannot run (their query), by id. */
  'alerts.rules.list': { rules: AlertRule[]; invalid: Array<{ id: string; reason: string }>; errors: Record<string, string> };
  'alerts.rules.save': { rule: AlertRule };
  'alerts.channels.list': { channels: ChannelView[] };
  'alerts.channels.save': { channel: ChannelView };
  'alerts.deadLetters.list': { deadLetters: DeadLetter[] };
  'alerts.deadLetters.retry': { report: DeliveryReport };
  'walls.get': SavedWallLayout;
  'walls.save': SavedWallLayout;
  // session 15: forms
  'alerts.rules.remove': { ok: true; id: string };
  // session 15: queue
  'customers.tags.add': { customer: CustomerTags };
  'customers.tags.remove': { customer: CustomerTags };
  // session 15: canned replies and guidelines
  'queue.guidelines.get': { guidelines: Guidelines };
  'queue.guidelines.save': { guidelines: Guidelines };
  'queue.canned.list': { replies: CannedReply[]; variables: { name: string; description: string }[] };
  'queue.canned.save': { replies: CannedReply[] };
}

/** Turns a zod failure into one line a person can act on: "limit: Too big: expected ≤5000". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message}`)
    .join('; ');
}
