import type { Role } from './roles.js';

export const PLATFORMS = ['mastodon'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Author {
  handle: string;
  name: string;
  url: string | null;
  avatarUrl: string | null;
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
