import type { ConversationStatus, ResponseReason } from '../../../shared/queue.js';
import { normalizeHandle, type TriageIntent } from '../../../shared/queue-rules.js';

/**
 * Which inbound items need a human, and which conversation each belongs to. A conversation is
 * one customer in one thread: first by thread (the item's thread root, or the root of the post it
 * replies to), then by author within a time window (a customer who writes a new post about the
 * same thing an hour later). A customer who writes again reopens a resolved conversation.
 * Pure decisions over a lookup: the engine answers the lookup from SQLite, tests from memory.
 */

export interface InboundItem {
  platform: string;
  /** The post's platform id (or URI). */
  postId: string;
  inReplyTo: string | null;
  /** The author the post replies to, when the platform says (Mastodon's in_reply_to_account). */
  inReplyToAuthor: string | null;
  /** The thread's first post, when known (e.g. from Mastodon's context). */
  threadRoot: string | null;
  author: string;
  createdAt: number;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  /** Handles the post mentions. */
  mentions: string[];
  /** From enrichment (issue 10). */
  intent: TriageIntent | null;
  urgent: boolean;
}

export interface ConversationRef {
  id: string;
  /** The customer. */
  author: string;
  threadRoot: string;
  status: ConversationStatus;
  private: boolean;
  lastCustomerAt: number;
}

export interface ConversationLookup {
  /** A post we published (a reply sent from the desk, or seen from our own account). */
  isOurPost(platform: string, postId: string): boolean;
  /** The conversation a post is in: one of the customer's, or one of our replies. */
  conversationOfPost(platform: string, postId: string): ConversationRef | null;
  /** This author's conversation in this thread. */
  conversationInThread(platform: string, threadRoot: string, author: string): ConversationRef | null;
  /** This author's most recent conversation on the platform, public or private. */
  latestConversationOf(platform: string, author: string, isPrivate: boolean): ConversationRef | null;
}

export interface GroupingOptions {
  /** The brand's own handles on every platform ("kettlebird@mastodon.social"). */
  ourHandles: string[];
  /** A new post by the same customer joins their conversation if it comes within this time. */
  authorWindowMs: number;
}

export const DEFAULT_AUTHOR_WINDOW_MS = 24 * 60 * 60_000;

export type Placement =
  | { action: 'ignore'; reason: string }
  /** One of our own posts (e.g. a reply sent from the platform's own app): record it, answer nothing. */
  | { action: 'own'; conversationId: string | null }
  | { action: 'append'; conversationId: string; via: 'thread' | 'author'; reopen: boolean; reasons: ResponseReason[] }
  | { action: 'create'; threadRoot: string; private: boolean; reasons: ResponseReason[] };

export function isPrivateVisibility(v: InboundItem['visibility']): boolean {
  return v === 'private' || v === 'direct';
}

function ours(handle: string | null, ourHandles: Set<string>): boolean {
  return handle !== null && ourHandles.has(normalizeHandle(handle));
}

/** Why an item needs a response; empty when it doesn't. Our own posts never do. */
export function responseReasons(item: InboundItem, ourHandles: Set<string>, lookup: ConversationLookup): ResponseReason[] {
  if (ours(item.author, ourHandles)) return [];
  const reasons: ResponseReason[] = [];
  if (item.visibility === 'direct') reasons.push('direct');
  if (item.mentions.some((m) => ours(m, ourHandles))) reasons.push('mention');
  const repliesToUs = ours(item.inReplyToAuthor, ourHandles) || (item.inReplyTo !== null && lookup.isOurPost(item.platform, item.inReplyTo));
  if (repliesToUs) reasons.push('reply');
  if (item.intent === 'complaint') reasons.push('complaint');
  if (item.intent === 'question') reasons.push('question');
  if (item.urgent) reasons.push('urgent');
  return reasons;
}

export function placeInbound(item: InboundItem, lookup: ConversationLookup, options: GroupingOptions): Placement {
  const ourHandles = new Set(options.ourHandles.map(normalizeHandle));
  const author = normalizeHandle(item.author);
  const parent = item.inReplyTo === null ? null : lookup.conversationOfPost(item.platform, item.inReplyTo);
  if (ours(author, ourHandles)) return { action: 'own', conversationId: parent?.id ?? null };

  const reasons = responseReasons(item, ourHandles, lookup);
  const threadRoot = item.threadRoot ?? parent?.threadRoot ?? item.inReplyTo ?? item.postId;
  const inThread = parent?.author === author ? parent : lookup.conversationInThread(item.platform, threadRoot, author);
  if (inThread) {
    return { action: 'append', conversationId: inThread.id, via: 'thread', reopen: inThread.status === 'resolved' && reasons.length > 0, reasons };
  }
  if (reasons.length === 0) return { action: 'ignore', reason: 'nothing to answer: not addressed to us, not a complaint, question or urgent' };

  const isPrivate = isPrivateVisibility(item.visibility);
  const recent = lookup.latestConversationOf(item.platform, author, isPrivate);
  if (recent && Math.abs(item.createdAt - recent.lastCustomerAt) <= options.authorWindowMs) {
    return { action: 'append', conversationId: recent.id, via: 'author', reopen: recent.status === 'resolved', reasons };
  }
  return { action: 'create', threadRoot, private: isPrivate, reasons };
}

/** A conversation's grouping state, as the store keeps it. */
export interface ConversationState extends ConversationRef {
  createdAt: number;
  reopenCount: number;
}

/**
 * The conversation after an item was placed in it (`prev` null for "create"): a customer who
 * writes reopens a resolved conversation and ends a wait on them; one private message makes the
 * whole conversation private.
 */
export function conversationAfter(prev: ConversationState | null, item: InboundItem, placement: Placement, newId: string): ConversationState {
  if (placement.action === 'create') {
    return {
      id: newId,
      author: normalizeHandle(item.author),
      threadRoot: placement.threadRoot,
      status: 'open',
      private: placement.private,
      lastCustomerAt: item.createdAt,
      createdAt: item.createdAt,
      reopenCount: 0,
    };
  }
  if (placement.action !== 'append' || !prev) throw new Error(`conversationAfter: nothing to update for "${placement.action}"`);
  const status = placement.reopen ? 'open' : prev.status === 'waiting' && placement.reasons.length > 0 ? 'open' : prev.status;
  return {
    ...prev,
    status,
    private: prev.private || isPrivateVisibility(item.visibility),
    lastCustomerAt: Math.max(prev.lastCustomerAt, item.createdAt),
    reopenCount: prev.reopenCount + (placement.reopen ? 1 : 0),
  };
}
