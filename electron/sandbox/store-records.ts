/** The records the sandbox's store keeps (see store.ts): accounts, statuses and what they carry. */

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface AccountRecord {
  id: string;
  username: string;
  /** null = local to the sandbox (acct is just the username), else the remote server's domain. */
  domain: string | null;
  displayName: string;
  note: string;
  createdAt: number;
  bot: boolean;
  followers: number;
  following: number;
  statusesCount: number;
  lastStatusAt: number | null;
}

export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

export interface MediaRecord {
  type: MediaType;
  /** The alt text its author wrote, or null. */
  description: string | null;
  /** A file elsewhere (a replayed post's own media); null = the sandbox serves a placeholder. */
  url: string | null;
  previewUrl: string | null;
}

export interface PollRecord {
  options: { title: string; votes: number }[];
  multiple: boolean;
  /** Epoch ms, or null for a poll without an end. */
  expiresAt: number | null;
  votersCount: number | null;
}

export interface EmojiRecord {
  shortcode: string;
  url: string;
  staticUrl: string;
}

/** One version of a status, for GET /api/v1/statuses/:id/history (Mastodon's StatusEdit). */
export interface StatusVersion {
  at: number;
  html: string;
  spoilerText: string;
  sensitive: boolean;
  media: MediaRecord[];
  poll: PollRecord | null;
  emojis: EmojiRecord[];
}

export interface StatusRecord {
  id: string;
  key: bigint;
  accountId: string;
  createdAt: number;
  editedAt: number | null;
  /** Source text; null for replayed html-only posts. */
  text: string | null;
  html: string;
  /** Lower-cased plain text, what search matches against. */
  plain: string;
  lang: string | null;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  tags: string[];
  tagKeys: string[];
  mentionIds: string[];
  replies: number;
  reblogs: number;
  favourites: number;
  application: string | null;
  deleted: boolean;
  /** Content warning (spoiler_text); '' for none. */
  spoilerText: string;
  sensitive: boolean;
  media: MediaRecord[];
  poll: PollRecord | null;
  /** Custom emoji used in the text, the warning and poll options. */
  emojis: EmojiRecord[];
  /** A boost: the id of the boosted status (this one has no content of its own). */
  reblogOf: string | null;
  /** Earlier versions, oldest first, once it has been edited. */
  versions: StatusVersion[];
}

export interface NotificationRecord {
  id: string;
  key: bigint;
  statusId: string;
  fromAccountId: string;
  createdAt: number;
  deleted: boolean;
}

export interface CreateStatusInput {
  accountId: string;
  text?: string | null;
  html?: string | null;
  tags?: readonly string[];
  inReplyToId?: string | null;
  lang?: string | null;
  createdAt?: number;
  visibility?: Visibility;
  reblogs?: number;
  favourites?: number;
  application?: string | null;
  spoilerText?: string;
  sensitive?: boolean;
  media?: readonly MediaRecord[];
  poll?: PollRecord | null;
  /** Emoji a replayed post brings along (URLs of its own), besides the server's own ones it uses. */
  emojis?: readonly EmojiRecord[];
}

export interface EditStatusInput {
  text: string;
  spoilerText?: string;
  sensitive?: boolean;
  lang?: string | null;
  poll?: PollRecord | null;
}

export interface AccountProfile {
  displayName?: string;
  note?: string;
  bot?: boolean;
  followers?: number;
}
