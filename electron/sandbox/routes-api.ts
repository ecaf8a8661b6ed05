/** Timeline, search, notification and instance endpoints, plus the full Mastodon route table. */
import { INVALID_TOKEN, NOT_FOUND, route, type ApiContext, type ApiDeps, type Route } from './api-context.js';
import { arrayParam, json, jsonError, type HttpResult } from './http-utils.js';
import { carryParams, limitParam, linkHeader, pageParams, paginate, parseId } from './paging.js';
import { normalizeTag } from './render.js';
import { serializeAccount, serializeNotification, serializeStatus } from './serialize.js';
import type { NotificationRecord, StatusRecord } from './store.js';
import { statusRoutes } from './routes-statuses.js';

/**
 * The Mastodon version the sandbox answers as. It serves 4.5's fields (quotes, quote_approval,
 * quote_policy), 4.4's (attribution_domains) and 4.3's multi-status lookup and grouped
 * notifications' group_key, so it says 4.5.0: a client that checks versions sees what it gets.
 */
export const SANDBOX_MASTODON_VERSION = '4.5.0';

const truthy = (v: string | null) => ['1', 'true', 't', 'on'].includes((v ?? '').toLowerCase());
const WORD = '[\\p{L}\\p{M}\\p{N}_]';

/** Query → one matcher per term ("quoted phrases" stay whole); every term must match a whole word. */
export function searchMatcher(q: string): (plain: string) => boolean {
  const terms = [...q.matchAll(/"([^"]+)"|(\S+)/g)]
    .map((m) => (m[1] ?? m[2] ?? '').replace(/^[#@]/, '').trim().toLowerCase())
    .filter((t) => t !== '');
  const res = terms.map((t) => new RegExp(`(?<!${WORD})${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?!${WORD})`, 'u'));
  return (plain) => res.length > 0 && res.every((re) => re.test(plain));
}

export function mastodonRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const ser = (ctx: ApiContext, st: StatusRecord) => serializeStatus(store, st, { viewerId: ctx.viewerId });

  const timeline = (ctx: ApiContext, path: string, keep: (st: StatusRecord) => boolean, carryNames: string[], boosts: boolean): HttpResult => {
    const q = ctx.query;
    const isLocal = truthy(q.get('local'));
    const isRemote = truthy(q.get('remote'));
    const onlyMedia = truthy(q.get('only_media'));
    const list = paginate(
      store.statuses,
      (st) => {
        const shown = st.reblogOf !== null ? (boosts ? store.getStatus(st.reblogOf) : null) : st;
        if (!shown || st.deleted || st.visibility !== 'public' || shown.visibility !== 'public' || !keep(shown)) return false;
        if (onlyMedia && shown.media.length === 0) return false;
        if (!isLocal && !isRemote) return true;
        const remote = store.accountById(st.accountId)?.domain != null;
        return isLocal ? !remote : remote;
      },
      pageParams(q, 20),
    );
    // Mastodon links both ways whenever the page is non-empty (tag/public timelines).
    const link = list.length > 0 ? linkHeader(store.base, path, carryParams(q, carryNames), (list[list.length - 1] as StatusRecord).id, (list[0] as StatusRecord).id) : null;
    return json(200, list.map((st) => ser(ctx, st)), link ? { Link: link } : {});
  };

  const tagTimeline = (ctx: ApiContext, [hashtag]: string[]): HttpResult => {
    const tag = normalizeTag(hashtag ?? '');
    const any = arrayParam(ctx.query, 'any').map(normalizeTag);
    const all = arrayParam(ctx.query, 'all').map(normalizeTag);
    const none = arrayParam(ctx.query, 'none').map(normalizeTag);
    const keep = (st: StatusRecord) =>
      (st.tagKeys.includes(tag) || any.some((t) => st.tagKeys.includes(t))) && all.every((t) => st.tagKeys.includes(t)) && !none.some((t) => st.tagKeys.includes(t));
    // The Link URLs keep only limit/local/only_media, like Mastodon's pagination_params (any[] is dropped there too).
    // Boosts of tagged posts are served here on purpose, as several servers speaking Mastodon's API
    // (and home and list timelines) do, so the demo and the tests exercise them; Mastodon's own tag
    // timeline leaves boosts out (a boost carries no tags of its own).
    return timeline(ctx, `/api/v1/timelines/tag/${encodeURIComponent(hashtag ?? '')}`, keep, ['limit', 'local', 'only_media'], true);
  };

  const search = (ctx: ApiContext): HttpResult => {
    const q = ctx.query;
    const text = (q.get('q') ?? '').trim();
    if (text === '') return jsonError(400, 'param is missing or the value is empty: q');
    if (!ctx.viewerId && (q.get('offset') ?? '') !== '') return jsonError(401, 'Search queries pagination is not supported without authentication');
    if (!ctx.viewerId && truthy(q.get('resolve'))) return jsonError(401, 'Search queries that resolve remote resources are not supported without authentication');
    const type = q.get('type');
    const limit = limitParam(q.get('limit'), 20, 40);
    const offset = Math.max(0, parseInt(q.get('offset') ?? '0', 10) || 0);
    const needle = text.replace(/^[#@]/, '').toLowerCase();
    let statuses: StatusRecord[] = [];
    // Full-text search of posts is for signed-in clients only: Mastodon answers anonymous ones
    // with accounts and hashtags, and no statuses at all.
    if ((type === null || type === 'statuses') && ctx.viewerId !== null) {
      const matches = searchMatcher(text);
      statuses = paginate(
        store.statuses,
        (st) => !st.deleted && st.reblogOf === null && st.visibility === 'public' && matches(`${st.spoilerText.toLowerCase()} ${st.plain}`),
        { maxId: parseId(q.get('max_id')), minId: parseId(q.get('min_id')), sinceId: null, limit },
        offset,
      );
    }
    const accounts =
      type === null || type === 'accounts'
        ? store
            .allAccounts()
            .filter((a) => `${a.username}@${a.domain ?? ''}`.toLowerCase().includes(needle) || a.displayName.toLowerCase().includes(needle))
            .slice(offset, offset + limit)
        : [];
    const hashtags = new Map<string, string>();
    if (type === null || type === 'hashtags') {
      for (let i = store.statuses.length - 1; i >= 0 && hashtags.size < offset + limit; i--) {
        const st = store.statuses[i] as StatusRecord;
        if (st.deleted) continue;
        for (const t of st.tags) if (normalizeTag(t).startsWith(needle) && !hashtags.has(normalizeTag(t))) hashtags.set(normalizeTag(t), t);
      }
    }
    return json(200, {
      accounts: accounts.map((a) => serializeAccount(store, a)),
      statuses: statuses.map((st) => ser(ctx, st)),
      hashtags: [...hashtags.keys()].slice(offset, offset + limit).map((name) => ({ name, url: store.tagUrl(name), history: [] })),
    });
  };

  const notifications = (ctx: ApiContext): HttpResult => {
    if (!ctx.viewerId) return jsonError(401, INVALID_TOKEN);
    const q = ctx.query;
    const types = arrayParam(q, 'types');
    const exclude = arrayParam(q, 'exclude_types');
    const fromId = q.get('account_id');
    const wantMentions = (types.length === 0 || types.includes('mention')) && !exclude.includes('mention');
    const p = pageParams(q, 40, 80);
    const page = wantMentions ? paginate(store.notifications, (n) => !n.deleted && (fromId === null || n.fromAccountId === fromId), p) : [];
    const out = page.flatMap((n) => {
      const s = serializeNotification(store, n, ctx.viewerId);
      return s ? [s] : [];
    });
    const carry = carryParams(q, ['limit', 'account_id'], ['types', 'exclude_types']);
    const link = page.length > 0 ? linkHeader(store.base, '/api/v1/notifications', carry, (page[page.length - 1] as NotificationRecord).id, (page[0] as NotificationRecord).id) : null;
    return json(200, out, link ? { Link: link } : {});
  };

  const instanceV2 = (): HttpResult => {
    const contact = store.accountByAcct(deps.instance.contactAcct);
    const domain = store.localDomain;
    return json(200, {
      domain,
      title: deps.instance.title,
      version: SANDBOX_MASTODON_VERSION,
      source_url: 'https://github.com/mastodon/mastodon',
      description: deps.instance.description,
      usage: { users: { active_month: store.allAccounts().length } },
      thumbnail: { url: `${store.base}/packs/media/images/preview.png`, blurhash: null, versions: {} },
      icon: [],
      languages: ['en', 'de', 'fr', 'es'],
      configuration: {
        urls: { streaming: store.base.replace(/^http/, 'ws'), status: null },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: { supported_mime_types: [], image_size_limit: 16777216, image_matrix_limit: 33177600, video_size_limit: 103809024, video_frame_rate_limit: 120, video_matrix_limit: 8294400 },
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
        translation: { enabled: false },
        vapid: { public_key: '' },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      api_versions: { mastodon: 2 },
      contact: { email: 'sandbox@example.invalid', account: contact ? serializeAccount(store, contact) : null },
      rules: [],
    });
  };

  const instanceV1 = (): HttpResult => {
    const contact = store.accountByAcct(deps.instance.contactAcct);
    return json(200, {
      uri: store.localDomain,
      title: deps.instance.title,
      short_description: deps.instance.description,
      description: deps.instance.description,
      email: 'sandbox@example.invalid',
      version: SANDBOX_MASTODON_VERSION,
      urls: { streaming_api: store.base.replace(/^http/, 'ws') },
      stats: { user_count: store.allAccounts().length, status_count: store.liveCount(), domain_count: 1 },
      thumbnail: null,
      languages: ['en', 'de', 'fr', 'es'],
      registrations: false,
      approval_required: false,
      invites_enabled: false,
      configuration: {
        accounts: { max_featured_tags: 10 },
        statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: { supported_mime_types: [], image_size_limit: 16777216, image_matrix_limit: 33177600, video_size_limit: 103809024, video_frame_rate_limit: 120, video_matrix_limit: 8294400 },
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
      },
      contact_account: contact ? serializeAccount(store, contact) : null,
      rules: [],
    });
  };

  return [
    route('GET', /^\/api\/v1\/timelines\/tag\/([^/]+)\/?$/, tagTimeline),
    route('GET', /^\/api\/v1\/timelines\/public\/?$/, (ctx) => timeline(ctx, '/api/v1/timelines/public', () => true, ['limit', 'local', 'remote', 'only_media'], false)),
    route('GET', /^\/api\/v2\/search\/?$/, search),
    route('GET', /^\/api\/v1\/notifications\/?$/, notifications),
    route('GET', /^\/api\/v1\/notifications\/([^/]+)\/?$/, (ctx, [id]) => {
      if (!ctx.viewerId) return jsonError(401, INVALID_TOKEN);
      const n = store.notifications.find((x) => x.id === id && !x.deleted);
      const s = n ? serializeNotification(store, n, ctx.viewerId) : null;
      return s ? json(200, s) : jsonError(404, NOT_FOUND);
    }),
    route('GET', /^\/api\/v2\/instance\/?$/, instanceV2, true),
    route('GET', /^\/api\/v1\/instance\/?$/, instanceV1, true),
    ...statusRoutes(deps),
  ];
}
