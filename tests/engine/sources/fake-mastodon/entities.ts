/**
 * Entities of a fake Mastodon server, shaped after docs.joinmastodon.org/entities (Status,
 * Account, MediaAttachment, Poll, CustomEmoji, Notification) — deliberately NOT after the
 * sandbox, so the connector is checked against the platform's contract rather than our own
 * reading of it. Everything is plain JSON as it goes over the wire (snake_case, string ids).
 */

export interface CustomEmojiJson {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
}

export interface AccountJson {
  id: string;
  username: string;
  /** `username` for this server's own accounts, `username@domain` for remote ones. */
  acct: string;
  display_name: string;
  url: string;
  uri: string;
  avatar: string;
  avatar_static: string;
  bot: boolean;
  emojis: CustomEmojiJson[];
  created_at: string;
  note: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
}

export interface MediaJson {
  id: string;
  type: 'image' | 'video' | 'gifv' | 'audio' | 'unknown';
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  description: string | null;
  blurhash: string | null;
  meta: Record<string, unknown> | null;
}

export interface PollJson {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: Array<{ title: string; votes_count: number | null }>;
  emojis: CustomEmojiJson[];
}

export interface StatusJson {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  edited_at: string | null;
  account: AccountJson;
  content: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  sensitive: boolean;
  spoiler_text: string;
  media_attachments: MediaJson[];
  mentions: Array<{ id: string; username: string; acct: string; url: string }>;
  tags: Array<{ name: string; url: string }>;
  emojis: CustomEmojiJson[];
  reblogs_count: number;
  favourites_count: number;
  replies_count: number;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: StatusJson | null;
  poll: PollJson | null;
  card: null;
  language: string | null;
}

export interface NotificationJson {
  id: string;
  type: 'mention' | 'reblog' | 'favourite' | 'follow';
  created_at: string;
  account: AccountJson;
  status: StatusJson | null;
}

/** Mastodon::Snowflake: milliseconds since the epoch in the top 48 bits, a sequence below. */
export function snowflake(ms: number, seq: number): string {
  return ((BigInt(Math.floor(ms)) << 16n) + BigInt(seq & 0xffff)).toString();
}

export function emoji(origin: string, shortcode: string): CustomEmojiJson {
  return { shortcode, url: `${origin}/emoji/${shortcode}.png`, static_url: `${origin}/emoji/${shortcode}_static.png`, visible_in_picker: true };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text → status HTML, the way the docs show `content`: one paragraph, tags linked. */
export function toContent(origin: string, text: string): string {
  const linked = escapeHtml(text).replace(
    /(^|\s)#(\w+)/g,
    (_m, pre: string, tag: string) => `${pre}<a href="${origin}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
  );
  return `<p>${linked}</p>`;
}
