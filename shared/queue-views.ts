import type { CustomerTags } from './customer-tags.js';
import type { Conversation, Presence, SlaPolicy, BusinessCalendar, Team, TriageConfig, GuidelineFinding, SlaTimerState } from './queue.js';

/**
 * What the queue's methods and change events carry (issue 12): a conversation as a list row, its
 * messages, presence and the queue's settings. None of it reaches the wall role (shared/changes.ts
 * changeAccess); the wall's tiles read QueueStatsRow, counts only.
 */

/** The understanding of the latest customer message, for the desk's badges. */
export interface ConversationBadges {
  intent: string | null;
  sentiment: string | null;
  stage: string | null;
  urgency: string[];
  language: string | null;
  /** Topic ids the message was tagged with when it arrived (for the desk's `topic:`); absent on older rows. */
  topics?: string[];
}

export interface ConversationView extends Conversation {
  /** The latest customer message's text (null on a wall for a private conversation). */
  preview: string | null;
  badges: ConversationBadges;
  /** The worst SLA timer state now, and when the running timer breaches (epoch ms). */
  slaState: SlaTimerState | null;
  slaDueAt: number | null;
  /** An agent has replied since the latest customer message (or the conversation is resolved). */
  answered: boolean;
  /** Why auto-assignment left it in the team queue, when it did. */
  unassignedWhy: string | null;
  updatedAt: string;
}

export const QUEUE_MESSAGE_KINDS = ['customer', 'reply', 'note'] as const;
export type QueueMessageKind = (typeof QUEUE_MESSAGE_KINDS)[number];

/** Reply outcomes follow the outbox's post: sending → published | unconfirmed | failed | held. */
export interface QueueMessage {
  id: number;
  conversationId: string;
  kind: QueueMessageKind;
  /** Customer handle, or the agent's user name. */
  author: string;
  text: string;
  at: string;
  /** Customer messages: the stored item's id; replies: the outbox post's id and its status. */
  itemId: number | null;
  postId: string | null;
  postStatus: string | null;
  /** Why a reply failed or is held, from the outbox. */
  postNote: string | null;
  remoteUrl: string | null;
}

export interface ConversationDetail {
  conversation: ConversationView;
  messages: QueueMessage[];
  /** The customer's other conversations, newest first. */
  history: ConversationView[];
  /** The customer's tags (session 15), across all their conversations. */
  customerTags: CustomerTags;
  /** Guideline findings on an empty draft are none; the desk calls queue.reply with dryRun to check. */
  presence: Presence[];
}

export interface QueueSettings {
  teams: Team[];
  triage: TriageConfig;
  sla: { policies: SlaPolicy[]; calendars: BusinessCalendar[] };
}

export interface ReplyOutcome {
  /** Findings of the brand-guideline checks; a `block` one stops the send (the draft stays). */
  findings: GuidelineFinding[];
  sent: boolean;
  message: QueueMessage | null;
  /** Set when nothing was sent: says why and what to do. */
  why: string | null;
}

/** The wall's queue figures (the wall tiles), per team and in total. */
export interface QueueStatsRow {
  team: string;
  open: number;
  unanswered: number;
  oldestWaitingSince: string | null;
  /** Share of today's first responses within target, 0–1, null when none yet. */
  slaAttainment: number | null;
  medianFirstResponseMs: number | null;
}
