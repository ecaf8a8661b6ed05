import { z } from 'zod';
import { queueIdSchema, type Priority } from './queue-sla.js';

/**
 * The assignment queue's domain (issue 12): conversations, teams, presence, canned replies and
 * brand guidelines. SLA calendars/policies live in queue-sla.ts, triage rules in queue-rules.ts.
 */
export * from './queue-sla.js';
export * from './queue-rules.js';

const id = queueIdSchema;
const userName = z.string().trim().min(1).max(100);

/** open → (waiting on the customer ↔ open) → resolved → open again when the customer writes. */
export const CONVERSATION_STATUSES = ['open', 'waiting', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Why an inbound item needs a human. */
export const RESPONSE_REASONS = ['direct', 'mention', 'reply', 'complaint', 'question', 'urgent'] as const;
export type ResponseReason = (typeof RESPONSE_REASONS)[number];

export interface Conversation {
  id: string;
  platform: string;
  status: ConversationStatus;
  /** A direct or followers-only message is in it: never shown on the wall. */
  private: boolean;
  team: string;
  assignee: string | null;
  priority: Priority;
  tags: string[];
  sla: string | null;
  /** The customer: one author per conversation. */
  author: { handle: string; name: string };
  /** The thread this conversation lives in (the root post's platform id). */
  threadRoot: string;
  createdAt: string;
  lastCustomerAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  reopenCount: number;
  /** The triage rules that routed it. */
  rules: string[];
}

export const PRESENCE_STATUSES = ['online', 'busy', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** An agent's presence; auto-assignment only picks agents who are online. */
export interface Presence {
  user: string;
  status: PresenceStatus;
  /** The conversation open on their screen, and whether they are typing a reply in it. */
  conversation: string | null;
  activity: 'viewing' | 'replying' | null;
  at: string;
}

export const ASSIGNMENT_MODES = ['round_robin', 'balanced', 'manual'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

const language = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code (e.g. "de")');

export const teamMemberSchema = z.strictObject({
  user: userName,
  languages: z.array(language).max(20).default([]),
  skills: z.array(z.string().trim().toLowerCase().min(1).max(50)).max(50).default([]),
  /** Overrides the team's cap for this agent; null = the team's. */
  cap: z.int().min(0).max(1000).nullable().default(null),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamSchema = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(100),
    members: z.array(teamMemberSchema).max(500).default([]),
    assignment: z
      .strictObject({
        /** round_robin: next online agent under cap; balanced: the least loaded; manual: leads assign. */
        mode: z.enum(ASSIGNMENT_MODES).default('round_robin'),
        /** Open conversations an agent holds at most before auto-assignment skips them; null = no cap. */
        cap: z.int().min(1).max(1000).nullable().default(10),
        /** required: only agents who speak the customer's language; preferred: them first. */
        language: z.enum(['required', 'preferred', 'ignored']).default('preferred'),
      })
      .prefault({}),
  })
  .superRefine((team, ctx) => {
    const seen = new Set<string>();
    team.members.forEach((m, i) => {
      if (seen.has(m.user)) ctx.addIssue({ code: 'custom', path: ['members', i, 'user'], message: `${m.user} is listed twice` });
      seen.add(m.user);
    });
  });
export type Team = z.infer<typeof teamSchema>;

export const CANNED_TONES = ['neutral', 'apologetic', 'cheerful'] as const;
export type CannedTone = (typeof CANNED_TONES)[number];

export const cannedReplySchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(100),
  /** May use {{author}}, {{author_handle}}, {{agent}}, {{team}}, {{brand}}; write \{{ for a literal {{. */
  text: z.string().min(1).max(5000),
  tone: z.enum(CANNED_TONES).default('neutral'),
  /** Teams that see it; empty = every team. */
  teams: z.array(id).max(50).default([]),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

const phrase = z.string().trim().min(1).max(500);

export const guidelinesSchema = z.strictObject({
  forbidden: z
    .array(
      z.strictObject({
        phrase,
        /** Shown beside the finding: why not, and what to write instead. */
        reason: z.string().trim().max(300).default(''),
        /** Teams it applies to; empty = all. */
        teams: z.array(id).max(50).default([]),
      }),
    )
    .max(1000)
    .default([]),
  required: z
    .array(z.strictObject({ team: id, phrase, reason: z.string().trim().max(300).default('') }))
    .max(200)
    .default([]),
  tone: z
    .strictObject({
      /** Warn about shouting: this many consecutive ALL-CAPS words (acronyms are shorter). */
      allCapsWords: z.int().min(2).max(50).nullable().default(3),
      /** Warn about a cheerful reply (or canned reply marked cheerful) to a negative post. */
      cheerfulToNegative: z.boolean().default(true),
      cheerfulMarkers: z
        .array(phrase)
        .max(200)
        .default(['great news', 'awesome', 'yay', 'woohoo', 'fantastic', 'glad to hear', 'happy to hear', '!!', '😀', '😃', '😄', '😁', '😊', '🎉', '🥳', '👍']),
    })
    .prefault({}),
});
export type Guidelines = z.infer<typeof guidelinesSchema>;
export type GuidelinesInput = z.input<typeof guidelinesSchema>;

export const GUIDELINE_CHECKS = ['forbidden_phrase', 'missing_phrase', 'all_caps', 'cheerful_to_negative', 'unfilled_variable'] as const;
export type GuidelineCheck = (typeof GUIDELINE_CHECKS)[number];

/**
 * One finding in a draft reply. start/end are UTF-16 offsets into the draft (String indices);
 * a missing phrase points at the end of the text (start === end). block = sending is refused.
 */
export interface GuidelineFinding {
  check: GuidelineCheck;
  severity: 'block' | 'warn';
  start: number;
  end: number;
  message: string;
}
