/**
 * Records → Mastodon REST entities (REST::AccountSerializer, REST::StatusSerializer,
 * REST::NotificationSerializer). Viewer-specific fields appear only for authenticated
 * requests, as on a real server, so connectors meet both shapes.
 */
import { escapeHtml } from './render.js';
import type { AccountRecord, NotificationRecord, SandboxStore, StatusRecord } from './store.js';
import type { MastodonAccount, MastodonNotification, MastodonStatus } from './types.js';

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
    emojis: [],
    roles: [],
    fields: [],
  };
}

export interface SerializeOptions {
  /** The authenticated account (adds favourited/reblogged/… like Mastodon), or null. */
  viewerId: string | null;
  /** DELETE responses carry the source `text` instead of `content` (source_requested). */
  source?: boolean;
}

export function serializeStatus(store: SandboxStore, st: StatusRecord, opts: SerializeOptions): MastodonStatus {
  const acc = store.accountById(st.accountId);
  if (!acc) throw new Error(`status ${st.id} has no account`);
  const origin = acc.domain ? `https://${acc.domain}` : store.base;
  const viewer = opts.viewerId;
  const own = viewer !== null && viewer === acc.id;
  const out: MastodonStatus = {
    id: st.id,
    created_at: iso(st.createdAt),
    in_reply_to_id: st.inReplyToId,
    in_reply_to_account_id: st.inReplyToAccountId,
    sensitive: false,
    spoiler_text: '',
    visibility: st.visibility,
    language: st.lang,
    uri: `${origin}/users/${acc.username}/statuses/${st.id}`,
    url: `${store.accountUrl(acc)}/${st.id}`,
    replies_count: st.replies,
    reblogs_count: st.reblogs,
    favourites_count: st.favourites,
    quotes_count: 0,
    edited_at: st.editedAt === null ? null : iso(st.editedAt),
    ...(viewer !== null ? { favourited: false, reblogged: false, muted: false, bookmarked: false } : {}),
    ...(own ? { pinned: false } : {}),
    ...(viewer !== null ? { filtered: [] } : {}),
    ...(opts.source ? { text: st.text ?? st.plain } : { content: st.html }),
    reblog: null,
    ...(st.application !== null ? { application: { name: st.application, website: null } } : {}),
    account: serializeAccount(store, acc),
    media_attachments: [],
    mentions: st.mentionIds.flatMap((id) => {
      const m = store.accountById(id);
      if (!m) return [];
      return [{ id: m.id, username: m.username, url: store.accountUrl(m), acct: m.domain ? `${m.username}@${m.domain}` : m.username }];
    }),
    tags: st.tagKeys.map((name) => ({ name, url: store.tagUrl(name) })),
    emojis: [],
    card: null,
    poll: null,
    quote: null,
    quote_approval: { automatic: ['public'], manual: [], current_user: viewer !== null ? 'automatic' : 'unknown' },
  };
  return out;
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
