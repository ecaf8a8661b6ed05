import type { Role } from './roles.js';
import type { Enrichment } from './understanding.js';

export const PLATFORMS = ['mastodon'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A server's own emoji: `:shortcode:` in text (and display names) stands for this image. */
export interface CustomEmoji {
  shortcode: string;
  url: string;
  staticUrl: string;
}

export interface Author {
  /** user@domain: the account's acct on its own server's domain (never the API host). */
  handle: string;
  name: string;
  url: string | null;
  avatarUrl: string | null;
  /** Custom emoji used in the display name. */
  emojis: CustomEmoji[];
}

/** A post's author: an Author plus what the platform said of their reach when the post was stored. */
export interface ItemAuthor extends Author {
  /**
   * Followers as the platform reported them when the post was stored or last changed; null when
   * it did not say (and for posts stored before schema 9). Reach rules never fire on null.
   */
  followers: number | null;
}

export const MEDIA_TYPES = ['image', 'gifv', 'video', 'audio', 'unknown'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** An attachment, shown from the platform's own URLs (the hub never fetches it). */
export interface MediaAttachment {
  type: MediaType;
  /** The full-size file (http/https only), or null. */
  url: string | null;
  /** A small preview image (http/https only), or null. */
  previewUrl: string | null;
  /** The alt text its author wrote, or null when they wrote none. */
  description: string | null;
}

export interface Poll {
  /** votes is null while the results are hidden until the poll ends. */
  options: Array<{ title: string; votes: number | null }>;
  votes: number;
  /** Distinct voters (multiple-choice polls), when the server says. */
  voters: number | null;
  multiple: boolean;
  expiresAt: string | null;
  expired: boolean;
}

/** Who a post was addressed to, in Mastodon's terms. */
export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Followers-only and direct posts were not written for the public: a room's wall never shows
 * them (the hub doesn't send them to the wall role); agents see them, marked.
 */
export function isPrivate(v: Visibility): boolean {
  return v === 'private' || v === 'direct';
}

/** A post as stored: html is already sanitized (allowlist, http/https links only). */
export interface Item {
  id: number;
  /** seq of the last change that touched this item: a replica keeps the highest. */
  seq: number;
  sourceId: string;
  platform: Platform;
  nativeId: string;
  url: string | null;
  author: ItemAuthor;
  text: string;
  html: string;
  lang: string | null;
  tags: string[];
  createdAt: string;
  ingestedAt: string;
  replyTo: string | null;
  editedAt: string | null;
  deletedAt: string | null;
  visibility: Visibility;
  /**
   * The author's content warning (Mastodon's spoiler_text), or null. Views show it and keep the
   * body collapsed: a wall never opens it; a person can, with one click.
   */
  contentWarning: string | null;
  /** Marked sensitive: media stay blurred until a person reveals them (never on a wall). */
  sensitive: boolean;
  media: MediaAttachment[];
  poll: Poll | null;
  /** Custom emoji used in the text, the content warning and poll options. */
  emojis: CustomEmoji[];
  /** Who boosted this post (newest first, a few at most); empty when it reached us directly. */
  boostedBy: Author[];
  /**
   * What the engine understood of the post at ingest (language, sentiment, intent, buying stage,
   * urgency, each with its reasons); null for a tombstone and for items stored before issue 10.
   */
  enrichment: Enrichment | null;
  /** Ids of the topics (shared/topics.ts) whose query the post matches. */
  topics: string[];
}

export type SourceStatus = 'ok' | 'degraded' | 'failing' | 'paused';

export interface SourceConfig {
  instanceUrl: string;
  hashtags: string[];
  terms: string[];
  /** Listen to the brand account's mentions (needs an access token). */
  mentions: boolean;
}

/** What any client may see of a source: never its secrets. */
export interface SourceView {
  id: string;
  platform: Platform;
  name: string;
  config: SourceConfig;
  hasToken: boolean;
  paused: boolean;
  status: SourceStatus;
  lastPollAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface UserView {
  name: string;
  role: Role;
}

/** A user as an admin sees it in the user list: never the token, which exists only as a hash. */
export interface UserInfo extends UserView {
  createdAt: string;
}

export const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
