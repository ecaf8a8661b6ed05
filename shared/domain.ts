import type { Role } from './roles.js';

export const PLATFORMS = ['mastodon'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Author {
  handle: string;
  name: string;
  url: string | null;
  avatarUrl: string | null;
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
  author: Author;
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
