import type { Platform } from './domain.js';

/** Per-platform limits the composer counts against (characters as the platform counts them). */
export const TEXT_LIMITS: Record<Platform, number> = { mastodon: 500 };

export const POST_STATUSES = [
  'draft',
  'pending_approval',
  'scheduled',
  'held',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'cancelled',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A brand account Newsroom may publish as. Its token stays in the host's secret store. */
export interface PublishAccount {
  id: string;
  platform: Platform;
  name: string;
  instanceUrl: string;
  /** The account's handle once verified against the platform, e.g. "kettlebird@mastodon.social". */
  handle: string | null;
  /** Posts written by agents need a lead's approval before they can be scheduled. */
  requireApproval: boolean;
  hasToken: boolean;
  createdAt: string;
}

export interface PostAttempt {
  id: number;
  revision: number;
  /** The freeze epoch the send was checked against, in the transaction that recorded it. */
  freezeEpoch: number;
  startedAt: string;
  finishedAt: string | null;
  /** null while on the wire; unknown = timed out or cut off: reconciliation settles it. */
  outcome: 'sent' | 'failed' | 'unknown' | null;
  error: string | null;
  remoteUrl: string | null;
}

/** One post to one account (the composer makes one per target account, sharing a groupId). */
export interface ScheduledPost {
  id: string;
  groupId: string;
  accountId: string;
  platform: Platform;
  text: string;
  inReplyTo: string | null;
  /** When it is due (UTC); null for a draft without a time. */
  scheduledAt: string | null;
  /** The IANA zone the author scheduled in, to show the time as they meant it. */
  timeZone: string;
  status: PostStatus;
  /** Bumped by every edit; part of the idempotency key, so an edited post is a new send. */
  revision: number;
  author: string;
  approvedBy: string | null;
  /** Why a post is held or failed, in words. */
  note: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  createdAt: string;
  updatedAt: string;
  attempts: PostAttempt[];
}

/** holdsReplies (issue 12): the freeze holds the desk's replies to customers too (by default they go on). */
export type FreezeScope = ({ kind: 'all' } | { kind: 'accounts'; accountIds: string[] }) & { holdsReplies?: boolean };

export interface FreezeState {
  frozen: boolean;
  /** Bumped by every freeze and lift: a send checked against an older epoch is refused. */
  epoch: number;
  reason: string | null;
  scope: FreezeScope;
  by: string | null;
  since: string | null;
  /** A freeze may end by itself at this time: into review, never into publishing. */
  expiresAt: string | null;
  /** When lifting needs a second person: who asked first, waiting for someone else to confirm. */
  pendingLift: { by: string; at: string } | null;
  liftRequiresSecondPerson: boolean;
}

/** Whether a freeze holds this account's posts (the engine's rule; screens show it the same way). */
export function freezeCovers(state: FreezeState | null | undefined, accountId: string): boolean {
  if (!state?.frozen) return false;
  return state.scope.kind === 'all' || state.scope.accountIds.includes(accountId);
}

/**
 * Whether a freeze holds this send. Care replies from the desk (issue 12) usually must go on
 * during a crisis: a freeze holds them only when its scope says `holdsReplies`.
 */
export function freezeHolds(state: FreezeState | null | undefined, accountId: string, isDeskReply: boolean): boolean {
  return freezeCovers(state, accountId) && (!isDeskReply || state!.scope.holdsReplies === true);
}

export interface FreezeSuggestion {
  id: string;
  reason: string;
  evidence: Array<{ text: string; url?: string | undefined }>;
  by: string;
  at: string;
  /** Set when someone froze on it or dismissed it. */
  resolvedAt: string | null;
}

export interface InFlightSend {
  postId: string;
  accountId: string;
  text: string;
  startedAt: string;
  /** Where to look: the account's profile on the platform (the post's own URL is not known yet). */
  checkUrl: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: 'post' | 'freeze' | 'account' | 'user' | 'alert_rule';
  entityId: string;
  from: string | null;
  to: string | null;
  details: Record<string, unknown> | null;
}
