import type { Platform } from '../../../shared/domain.js';

/** The account a publisher posts as: where, and with which credentials (never leaves the engine). */
export interface PublishTarget {
  instanceUrl: string;
  token: string;
  /** The platform's id of the verified account (Mastodon: from verify_credentials). */
  remoteAccountId: string | null;
}

export interface OutgoingPost {
  target: PublishTarget;
  text: string;
  inReplyTo: string | null;
  /** 'direct' for a desk reply into a private conversation: only the people it mentions see it. */
  visibility: PostVisibility;
}

export type PostVisibility = 'public' | 'direct';

export interface PublishResult {
  remoteId: string;
  url: string | null;
}

/** One of the account's own recent posts, as reconciliation compares them. */
export interface RecentOwnPost {
  remoteId: string;
  url: string | null;
  /** Plain text (Mastodon: the `text` field when present, else `content` with the markup removed). */
  text: string;
  createdAt: string;
}

export interface VerifiedAccount {
  handle: string;
  remoteAccountId: string;
  profileUrl: string | null;
}

/**
 * How a send ended when it did not succeed. The distinction is the whole point: only `unknown`
 * may have published, so only `unknown` goes to reconciliation; the others were certainly not
 * accepted and may be retried (or, for `rejected`, never will be).
 */
export type PublishErrorKind =
  /** 429: not accepted; come back at retryAt. */
  | 'rate-limited'
  /** 5xx, connection refused, DNS: not accepted; retry with backoff. */
  | 'transient'
  /** 4xx: the platform said no (its words are the message); retrying won't help. */
  | 'rejected'
  /** Timeout, reset after sending, a cut-off or garbled 2xx body: it may have published. */
  | 'unknown';

export class PublishError extends Error {
  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    /** For rate-limited: epoch ms. */
    readonly retryAt: number | null = null,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/**
 * A platform's publishing side, platform-neutral so a Bluesky publisher can follow
 * (its idempotency is a deterministic rkey derived from the same key).
 */
export interface Publisher {
  readonly platform: Platform;
  /** Checks the token and names the account; throws PublishError('rejected') when the platform refuses it. */
  verify(instanceUrl: string, token: string, signal: AbortSignal): Promise<VerifiedAccount>;
  /**
   * Sends one post. The idempotency key is the same for every attempt at the same post revision,
   * so a platform that honours it can't create a duplicate. Throws PublishError.
   */
  publish(post: OutgoingPost, idempotencyKey: string, signal: AbortSignal): Promise<PublishResult>;
  /** The account's own posts created at or after sinceIso, newest first. Throws PublishError when it can't tell. */
  findRecent(target: PublishTarget, sinceIso: string, signal: AbortSignal): Promise<RecentOwnPost[]>;
  /**
   * The id under which the account's own server knows a post from another server (given by its
   * URI), fetching it there if need be (Mastodon: search with resolve); null when that server
   * can't find it. A reply names its parent by this id. Absent: the platform needs no such step.
   */
  resolveStatus?(target: PublishTarget, uri: string, signal: AbortSignal): Promise<string | null>;
}

/** Where an account's token lives in the SecretStore. */
export const accountTokenKey = (id: string) => `account:${id}:token`;

/** Same post, same revision, same key: a retry of an edit-free post can't publish twice. */
export const idempotencyKey = (postId: string, revision: number) => `newsroom-${postId}-r${revision}`;

/** Compares post texts the way a platform may have reflowed them: whitespace runs and mention domains don't count. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .replace(/(^|\s)@([\w.-]+)@[\w.-]+/g, '$1@$2')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}
