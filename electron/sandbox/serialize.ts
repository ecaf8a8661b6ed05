/**
 * Records → Mastodon REST entities (REST::AccountSerializer, REST::StatusSerializer,
 * REST::NotificationSerializer). Viewer-specific fields appear only for authenticated
 * requests, as on a real server, so connectors meet both shapes.
 */
import { escapeHtml } from './render.js';
import type { AccountRecord, EmojiRecord, MediaRecord, NotificationRecord, PollRecord, SandboxStore, StatusRecord, StatusVersion } from './store.js';
import type { MastodonAccount, MastodonCustomEmoji, MastodonMediaAttachment, MastodonNotification, MastodonPoll, MastodonStatus, MastodonStatusEdit } from './types.js';

/** Where the sandbox serves a placeholder for a status's attachment (see media-files.ts). */
export function mediaPath(statusId: string, index: number, size: 'original' | 'small'): string {
  return `/system/media_attachments/files/${statusId}/${index}/${size}.svg`;
}

function serializeEmojis(list: readonly EmojiRecord[]): MastodonCustomEmoji[] {
  return list.map((e) => ({ shortcode: e.shortcode, url: e.url, static_url: e.staticUrl, visible_in_picker: true }));
}

function serializeMedia(store: SandboxStore, st: StatusRecord, media: readonly MediaRecord[]): MastodonMediaAttachment[] {
  return media.map((m, i) => {
    const own = m.url === null;
    const small = { width: 640, height: 360, size: '640x360', aspect: 16 / 9 };
    return {
      id: `${st.id}${String(i).padStart(2, '0')}`,
      type: m.type,
      url: own ? `${store.base}${mediaPath(st.id, i, 'original')}` : m.url,
      preview_url: own ? `${store.base}${mediaPath(st.id, i, 'small')}` : (m.previewUrl ?? m.url),
      // A remote file Mastodon has not cached: its original address (null for the sandbox's own).
      remote_url: own ? null : m.url,
      preview_remote_url: null,
      text_url: null,
      meta: m.type === 'image' || m.type === 'gifv' ? { original: { width: 1280, height: 720, size: '1280x720', aspect: 16 / 9 }, small } : null,
      description: m.description,
      blurhash: null,
    };
  });
}

function serializePoll(st: StatusRecord, poll: PollRecord, now: number, viewerId: string | null): MastodonPoll {
  const votes = poll.options.reduce((n, o) => n + o.votes, 0);
  return {
    id: `${st.id}1`,
    expires_at: poll.expiresAt === null ? null : iso(poll.expiresAt),
    expired: poll.expiresAt !== null && poll.expiresAt <= now,
    multiple: poll.multiple,
    votes_count: votes,
    voters_count: poll.multiple ? (poll.votersCount ?? votes) : null,
    options: poll.options.map((o) => ({ title: o.title, votes_count: o.votes })),
    emojis: [],
    ...(viewerId !== null ? { voted: false, own_votes: [] } : {}),
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const day = (ms: number): string => iso(ms).slice(0, 10);

export function serializeAccount(store: SandboxStore, acc: AccountRecord): MastodonAccount {
  const url = store.accountUrl(acc);
  const origin = acc.domain ? `https://${acc.domain}` : store.base;
  return {
    id: acc.id,
    username: acc.username,
    acct: acc.domain ? `${acc.username}@${acc.domain}` : acc.username,
    display_name: acc.displayName,
    locked: false,
    bot: acc.bot,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: iso(acc.createdAt),
    note: acc.note ? `<p>${escapeHtml(acc.note)}</p>` : '',
    url,
    uri: `${origin}/users/${acc.username}`,
    avatar: `${store.base}/avatars/original/missing.png`,
    avatar_static: `${store.base}/avatars/original/missing.png`,
    header: `${store.base}/headers/original/missing.png`,
    header_static: `${store.base}/headers/original/missing.png`,
    followers_count: acc.followers,
    following_count: acc.following,
    statuses_count: acc.statusesCount,
    last_status_at: acc.lastStatusAt === null ? null : day(acc.lastStatusAt),
    hide_collections: null,
    ...(acc.domain ? {} : { noindex: false }),
    emojis: serializeEmojis(store.emojisIn([acc.displayName])),
    roles: [],
    fields: [],
  };
}

export interface SerializeOptions {
  /** The authenticated account (adds favourited/reblogged/… like Mastodon), or null. */
  viewerId: string | null;
  /** DELETE responses carry the source `text` instead of `content` (source_requested). */
  source?: boolean;
  /** For polls' `expired`; defaults to the store's clock. */
  now?: number;
}

export function serializeStatus(store: SandboxStore, st: StatusRecord, opts: SerializeOptions): MastodonStatus {
  const acc = store.accountById(st.accountId);
  if (!acc) throw new Error(`status ${st.id} has no account`);
  const origin = acc.domain ? `https://${acc.domain}` : store.base;
  const viewer = opts.viewerId;
  const own = viewer !== null && viewer === acc.id;
  const boosted = st.reblogOf !== null ? store.getAny(st.reblogOf) : null;
  // A boost's own URI is its Announce activity; its content lives in `reblog`.
  const uri = boosted ? `${origin}/users/${acc.username}/statuses/${st.id}/activity` : `${origin}/users/${acc.username}/statuses/${st.id}`;
  const out: MastodonStatus = {
    id: st.id,
    created_at: iso(st.createdAt),
    in_reply_to_id: st.inReplyToId,
    in_reply_to_account_id: st.inReplyToAccountId,
    sensitive: st.sensitive,
    spoiler_text: st.spoilerText,
    visibility: st.visibility,
    language: st.lang,
    uri,
    url: boosted ? uri : `${store.accountUrl(acc)}/${st.id}`,
    replies_count: st.replies,
    reblogs_count: st.reblogs,
    favourites_count: st.favourites,
    quotes_count: 0,
    edited_at: st.editedAt === null ? null : iso(st.editedAt),
    ...(viewer !== null ? { favourited: false, reblogged: false, muted: false, bookmarked: false } : {}),
    ...(own ? { pinned: false } : {}),
    ...(viewer !== null ? { filtered: [] } : {}),
    ...(opts.source ? { text: st.text ?? st.plain } : { content: st.html }),
    reblog: boosted ? serializeStatus(store, boosted, { ...opts, source: false }) : null,
    ...(st.application !== null ? { application: { name: st.application, website: null } } : {}),
    account: serializeAccount(store, acc),
    media_attachments: serializeMedia(store, st, st.media),
    mentions: st.mentionIds.flatMap((id) => {
      const m = store.accountById(id);
      if (!m) return [];
      return [{ id: m.id, username: m.username, url: store.accountUrl(m), acct: m.domain ? `${m.username}@${m.domain}` : m.username }];
    }),
    tags: st.tagKeys.map((name) => ({ name, url: store.tagUrl(name) })),
    emojis: serializeEmojis(st.emojis),
    card: null,
    poll: st.poll ? serializePoll(st, st.poll, opts.now ?? store.now(), viewer) : null,
    quote: null,
    quote_approval: { automatic: ['public'], manual: [], current_user: viewer !== null ? 'automatic' : 'unknown' },
  };
  return out;
}

export function serializeEdit(store: SandboxStore, st: StatusRecord, v: StatusVersion): MastodonStatusEdit {
  const acc = store.accountById(st.accountId);
  if (!acc) throw new Error(`status ${st.id} has no account`);
  return {
    content: v.html,
    spoiler_text: v.spoilerText,
    sensitive: v.sensitive,
    created_at: iso(v.at),
    account: serializeAccount(store, acc),
    ...(v.poll ? { poll: { options: v.poll.options.map((o) => ({ title: o.title })) } } : {}),
    media_attachments: serializeMedia(store, st, v.media),
    emojis: serializeEmojis(v.emojis),
  };
}

export function serializeNotification(store: SandboxStore, n: NotificationRecord, viewerId: string | null): MastodonNotification | null {
  const st = store.getStatus(n.statusId);
  const from = store.accountById(n.fromAccountId);
  if (!st || !from) return null;
  return {
    id: n.id,
    type: 'mention',
    created_at: iso(n.createdAt),
    group_key: `ungrouped-${n.id}`,
    account: serializeAccount(store, from),
    status: serializeStatus(store, st, { viewerId }),
  };
}
