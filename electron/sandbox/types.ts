/**
 * Wire shapes of the Mastodon entities the sandbox serves (snake_case, exactly as on the wire).
 * Only the fields real Mastodon sends for public statuses; optional ones appear when Mastodon
 * would include them (e.g. viewer-specific flags only for authenticated requests).
 */
export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string;
  uri: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string | null;
  hide_collections: boolean | null;
  noindex?: boolean;
  emojis: MastodonCustomEmoji[];
  roles: unknown[];
  fields: { name: string; value: string; verified_at: string | null }[];
}

export interface MastodonMention {
  id: string;
  username: string;
  url: string;
  acct: string;
}

export interface MastodonCustomEmoji {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
}

export interface MastodonMediaAttachment {
  id: string;
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: string | null;
  text_url: string | null;
  meta: Record<string, unknown> | null;
  description: string | null;
  blurhash: string | null;
}

export interface MastodonPoll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  emojis: MastodonCustomEmoji[];
  voted?: boolean;
  own_votes?: number[];
}

/** One version in GET /api/v1/statuses/:id/history (REST::StatusEditSerializer). */
export interface MastodonStatusEdit {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: MastodonAccount;
  poll?: { options: { title: string }[] };
  media_attachments: MastodonMediaAttachment[];
  emojis: MastodonCustomEmoji[];
}

export interface MastodonTag {
  name: string;
  url: string;
}

export interface MastodonStatus {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  quotes_count: number;
  edited_at: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: unknown[];
  /** Absent in DELETE responses, which carry `text` instead (Mastodon's source_requested). */
  content?: string;
  text?: string;
  reblog: MastodonStatus | null;
  application?: { name: string; website: string | null };
  account: MastodonAccount;
  media_attachments: MastodonMediaAttachment[];
  mentions: MastodonMention[];
  tags: MastodonTag[];
  emojis: MastodonCustomEmoji[];
  card: null;
  poll: MastodonPoll | null;
  quote: null;
  quote_approval: { automatic: string[]; manual: string[]; current_user: string };
}

export interface MastodonNotification {
  id: string;
  type: 'mention';
  created_at: string;
  group_key: string;
  account: MastodonAccount;
  status: MastodonStatus;
}

/** A brand status as the control API reports it: deleted ones stay listed, flagged. */
export type PublishedStatus = MastodonStatus & { deleted?: true };
