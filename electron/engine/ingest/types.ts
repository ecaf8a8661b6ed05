import type { Author, CustomEmoji, MediaAttachment, Platform, Poll, Visibility } from '../../../shared/domain.js';

/** An author as a connector hands it over (custom emoji optional). */
export type IncomingAuthor = Omit<Author, 'emojis'> & { emojis?: CustomEmoji[] | undefined };

/** A post as a connector hands it over: html is the platform's, unsanitized. */
export interface IncomingPost {
  platform: Platform;
  nativeId: string;
  url: string | null;
  author: IncomingAuthor;
  html: string | null;
  /** Plain text when the platform has no HTML (derived from html otherwise). */
  text?: string | undefined;
  lang: string | null;
  tags: string[];
  createdAt: string;
  replyTo: string | null;
  editedAt: string | null;
  /** Default public. */
  visibility?: Visibility | undefined;
  /** The author's content warning (Mastodon spoiler_text); '' or absent = none. */
  contentWarning?: string | null | undefined;
  sensitive?: boolean | undefined;
  media?: MediaAttachment[] | undefined;
  poll?: Poll | null | undefined;
  emojis?: CustomEmoji[] | undefined;
  /** Who boosted it, when it reached us as a boost: merged into the stored item's boostedBy. */
  boostedBy?: IncomingAuthor[] | undefined;
  /** What the platform says of the author beyond the handle (urgency: reach, a journalist's profile). The follower count is stored with the item (author.followers); the bio is not. */
  authorSignals?: { followers?: number | null; bio?: string | null } | undefined;
}

export type IngestOp =
  | { op: 'upsert'; post: IncomingPost }
  | { op: 'delete'; platform: Platform; nativeId: string };

export interface IngestResult {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: Array<{ nativeId: string; reason: string }>;
}
