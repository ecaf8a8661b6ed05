/** Status and account endpoints: fetch, multi-fetch, context, create (idempotent), edit, history, delete. */
import { mastodonLength } from '../../shared/mastodon-length.js';
import { INVALID_TOKEN, NOT_FOUND, route, type ApiContext, type ApiDeps, type Route } from './api-context.js';
import { arrayParam, json, jsonError, type HttpResult } from './http-utils.js';
import { carryParams, linkHeader, pageParams, paginate } from './paging.js';
import { normalizeTag } from './render.js';
import { serializeAccount, serializeEdit, serializeStatus } from './serialize.js';
import type { PollRecord, SandboxStore, StatusRecord, Visibility } from './store.js';

const IDEMPOTENCY_TTL_MS = 3_600_000;
const MAX_CHARS = 500;
const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct'];
/** PollValidator's limits (and the instance's configuration.polls says the same). */
const POLL = { maxOptions: 4, maxOptionChars: 50, minExpiration: 300, maxExpiration: 2_629_746 };

const truthyParam = (v: unknown) => v === true || ['1', 'true', 't', 'on'].includes(String(v ?? '').toLowerCase());

/** `poll` as JSON or Rails form params → a poll, or what Mastodon would say is wrong with it. */
export function pollParam(raw: unknown, now: number): PollRecord | string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'Validation failed: Poll is invalid';
  const p = raw as Record<string, unknown>;
  const options = Array.isArray(p.options) ? p.options.map((o) => String(o)) : [];
  if (options.length < 2) return 'Validation failed: Poll must have at least 2 options';
  if (options.length > POLL.maxOptions) return `Validation failed: Poll cannot have more than ${POLL.maxOptions} options`;
  if (options.some((o) => o.trim() === '')) return "Validation failed: Poll options can't be blank";
  if (options.some((o) => mastodonLength(o) > POLL.maxOptionChars)) return `Validation failed: Poll options cannot be longer than ${POLL.maxOptionChars} characters`;
  if (new Set(options).size !== options.length) return 'Validation failed: Poll options must not contain duplicates';
  const expiresIn = Number(p.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn < POLL.minExpiration) return 'Validation failed: Poll expiration seems to be too short';
  if (expiresIn > POLL.maxExpiration) return 'Validation failed: Poll expiration seems to be too long';
  return { options: options.map((title) => ({ title, votes: 0 })), multiple: truthyParam(p.multiple), expiresAt: now + expiresIn * 1000, votersCount: null };
}

/** spoiler_text + status as Mastodon checks them (StatusLengthValidator, the one shared rule). */
function lengthError(text: string, spoilerText: string): string | null {
  return mastodonLength(text, spoilerText) > MAX_CHARS ? `Validation failed: Text character limit of ${MAX_CHARS} exceeded` : null;
}

/**
 * Public and unlisted statuses are readable by anyone; private/direct ones by their author and the
 * accounts they mention (as on Mastodon; the sandbox has no followers, so followers-only stops there).
 * This is how the brand can read, and reply to, a customer's direct message.
 */
function visibleTo(st: StatusRecord, viewerId: string | null): boolean {
  if (st.deleted) return false;
  if (st.visibility === 'public' || st.visibility === 'unlisted' || st.accountId === viewerId) return true;
  return viewerId !== null && st.mentionIds.includes(viewerId);
}

function threadOf(store: SandboxStore, root: StatusRecord, viewerId: string | null) {
  const ancestors: StatusRecord[] = [];
  const seen = new Set<string>([root.id]);
  for (let cur = root.inReplyToId ? store.getStatus(root.inReplyToId) : null; cur && !seen.has(cur.id); ) {
    seen.add(cur.id);
    if (visibleTo(cur, viewerId)) ancestors.unshift(cur);
    cur = cur.inReplyToId ? store.getStatus(cur.inReplyToId) : null;
  }
  // Replies always come after their parent in id order, so one forward pass finds the tree.
  const children = new Map<string, StatusRecord[]>();
  const inThread = new Set<string>([root.id]);
  const start = store.statuses.indexOf(root);
  for (let i = start + 1; i < store.statuses.length; i++) {
    const st = store.statuses[i] as StatusRecord;
    if (st.deleted || !st.inReplyToId || !inThread.has(st.inReplyToId)) continue;
    inThread.add(st.id);
    const list = children.get(st.inReplyToId) ?? [];
    list.push(st);
    children.set(st.inReplyToId, list);
  }
  const descendants: StatusRecord[] = [];
  const walk = (id: string) => {
    for (const c of children.get(id) ?? []) {
      if (visibleTo(c, viewerId)) descendants.push(c);
      walk(c.id);
    }
  };
  walk(root.id);
  return { ancestors, descendants };
}

export function statusRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const idempotency = new Map<string, { id: string; expires: number }>();
  const ser = (ctx: ApiContext, st: StatusRecord, source = false) => serializeStatus(store, st, { viewerId: ctx.viewerId, source });

  const findVisible = (ctx: ApiContext, id: string): StatusRecord | null => {
    const st = store.getStatus(id);
    return st && visibleTo(st, ctx.viewerId) ? st : null;
  };

  const create = (ctx: ApiContext): HttpResult => {
    if (!ctx.viewerId || !ctx.token) return jsonError(401, INVALID_TOKEN);
    const now = deps.now();
    const rawKey = ctx.headers['idempotency-key'];
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    const idemKey = key ? `${ctx.token}\u0000${key}` : null;
    if (idemKey) {
      const hit = idempotency.get(idemKey);
      if (hit && hit.expires > now) {
        // Like PostStatusService: the remembered status is returned, or 404 if it is gone since.
        const st = store.getStatus(hit.id);
        return st ? json(200, ser(ctx, st)) : jsonError(404, NOT_FOUND);
      }
    }
    const b = ctx.body;
    const text = typeof b.status === 'string' ? b.status : '';
    const spoilerText = typeof b.spoiler_text === 'string' ? b.spoiler_text : '';
    if (text.trim() === '') return jsonError(422, "Validation failed: Text can't be blank");
    const tooLong = lengthError(text, spoilerText);
    if (tooLong) return jsonError(422, tooLong);
    if (Array.isArray(b.media_ids) && b.media_ids.length > 0) return jsonError(422, 'Validation failed: the sandbox has no media uploads (media_ids)');
    const poll = pollParam(b.poll, now);
    if (typeof poll === 'string') return jsonError(422, poll);
    if (b.scheduled_at !== undefined && b.scheduled_at !== null && b.scheduled_at !== '')
      return jsonError(422, 'Validation failed: scheduled_at is not supported by the sandbox');
    const visibility = (typeof b.visibility === 'string' && b.visibility !== '' ? b.visibility : 'public') as Visibility;
    if (!VISIBILITIES.includes(visibility)) return jsonError(422, 'Validation failed: Visibility is not included in the list');
    let inReplyToId: string | null = null;
    if (b.in_reply_to_id !== undefined && b.in_reply_to_id !== null && b.in_reply_to_id !== '') {
      const parent = findVisible(ctx, String(b.in_reply_to_id));
      if (!parent) return jsonError(404, 'The post you are trying to reply to does not appear to exist.');
      inReplyToId = parent.id;
    }
    const lang = typeof b.language === 'string' && b.language !== '' ? b.language : 'en';
    const st = store.createStatus({ accountId: ctx.viewerId, text, inReplyToId, lang, visibility, application: 'Newsroom', spoilerText, sensitive: truthyParam(b.sensitive), poll });
    if (idemKey) {
      for (const [k, v] of idempotency) if (v.expires <= now) idempotency.delete(k);
      idempotency.set(idemKey, { id: st.id, expires: now + IDEMPOTENCY_TTL_MS });
    }
    deps.onBrandPost(st);
    return json(200, ser(ctx, st));
  };

  /** PUT /api/v1/statuses/:id (UpdateStatusService): the author's own statuses only. */
  const update = (ctx: ApiContext, [id]: string[]): HttpResult => {
    if (!ctx.viewerId) return jsonError(401, INVALID_TOKEN);
    const st = store.getStatus(id ?? '');
    if (!st || st.accountId !== ctx.viewerId || st.reblogOf !== null) return jsonError(404, NOT_FOUND);
    const b = ctx.body;
    const text = typeof b.status === 'string' ? b.status : '';
    if (text.trim() === '') return jsonError(422, "Validation failed: Text can't be blank");
    const spoilerText = typeof b.spoiler_text === 'string' ? b.spoiler_text : st.spoilerText;
    const tooLong = lengthError(text, spoilerText);
    if (tooLong) return jsonError(422, tooLong);
    const poll = b.poll === undefined ? undefined : pollParam(b.poll, deps.now());
    if (typeof poll === 'string') return jsonError(422, poll);
    store.editStatus(st.id, {
      text,
      spoilerText,
      ...(b.sensitive !== undefined ? { sensitive: truthyParam(b.sensitive) } : {}),
      ...(typeof b.language === 'string' && b.language !== '' ? { lang: b.language } : {}),
      ...(poll !== undefined ? { poll } : {}),
    });
    return json(200, ser(ctx, st));
  };

  const remove = (ctx: ApiContext, [id]: string[]): HttpResult => {
    if (!ctx.viewerId) return jsonError(401, INVALID_TOKEN);
    const st = store.getStatus(id ?? '');
    if (!st || st.accountId !== ctx.viewerId) return jsonError(404, NOT_FOUND);
    const body = ser(ctx, st, true);
    store.deleteStatus(st.id);
    return json(200, { ...body, account: { ...body.account, statuses_count: body.account.statuses_count - 1 } });
  };

  const accountStatuses = (ctx: ApiContext, [id]: string[]): HttpResult => {
    const acc = store.accountById(id ?? '');
    if (!acc) return jsonError(404, NOT_FOUND);
    const q = ctx.query;
    const p = pageParams(q, 20);
    const truthy = (k: string) => ['1', 'true', 't', 'on'].includes((q.get(k) ?? '').toLowerCase());
    const tagged = q.get('tagged');
    const tagKey = tagged ? normalizeTag(tagged) : null;
    const list =
      truthy('only_media') || truthy('pinned')
        ? []
        : paginate(
            store.statuses,
            (st) =>
              st.accountId === acc.id &&
              visibleTo(st, ctx.viewerId) &&
              // An account's boosts are in its timeline (unless excluded) when the boosted post is visible.
              (st.reblogOf === null || (!truthy('exclude_reblogs') && tagKey === null && visibleTo(store.getAny(st.reblogOf) ?? st, ctx.viewerId) && store.getStatus(st.reblogOf) !== null)) &&
              !(truthy('exclude_replies') && st.inReplyToId !== null && st.inReplyToAccountId !== acc.id) &&
              (tagKey === null || st.tagKeys.includes(tagKey)),
            p,
          );
    const carry = carryParams(q, ['limit', 'only_media', 'exclude_replies', 'exclude_reblogs', 'tagged']);
    const next = list.length > 0 && list.length === p.limit ? (list[list.length - 1] as StatusRecord).id : null;
    const prev = list.length > 0 ? (list[0] as StatusRecord).id : null;
    const link = linkHeader(store.base, `/api/v1/accounts/${acc.id}/statuses`, carry, next, prev);
    return json(200, list.map((st) => ser(ctx, st)), link ? { Link: link } : {});
  };

  return [
    route('GET', /^\/api\/v1\/statuses\/?$/, (ctx) => {
      const ids = [...new Set(arrayParam(ctx.query, 'id'))];
      if (ids.length > 20) return jsonError(422, 'Mastodon::ValidationError');
      return json(200, ids.flatMap((id) => { const st = findVisible(ctx, id); return st ? [ser(ctx, st)] : []; }));
    }),
    route('GET', /^\/api\/v1\/statuses\/([^/]+)\/?$/, (ctx, [id]) => {
      const st = findVisible(ctx, id ?? '');
      return st ? json(200, ser(ctx, st)) : jsonError(404, NOT_FOUND);
    }),
    route('GET', /^\/api\/v1\/statuses\/([^/]+)\/context\/?$/, (ctx, [id]) => {
      const st = findVisible(ctx, id ?? '');
      if (!st) return jsonError(404, NOT_FOUND);
      const t = threadOf(store, st, ctx.viewerId);
      return json(200, { ancestors: t.ancestors.map((s) => ser(ctx, s)), descendants: t.descendants.map((s) => ser(ctx, s)) });
    }),
    route('GET', /^\/api\/v1\/statuses\/([^/]+)\/history\/?$/, (ctx, [id]) => {
      const st = findVisible(ctx, id ?? '');
      return st ? json(200, store.history(st).map((v) => serializeEdit(store, st, v))) : jsonError(404, NOT_FOUND);
    }),
    route('POST', /^\/api\/v1\/statuses\/?$/, create),
    route('PUT', /^\/api\/v1\/statuses\/([^/]+)\/?$/, update),
    route('DELETE', /^\/api\/v1\/statuses\/([^/]+)\/?$/, remove),
    route('GET', /^\/api\/v1\/accounts\/verify_credentials\/?$/, (ctx) => {
      const acc = ctx.viewerId ? store.accountById(ctx.viewerId) : null;
      if (!acc) return jsonError(401, INVALID_TOKEN);
      const base = serializeAccount(store, acc);
      return json(200, {
        ...base,
        source: { privacy: 'public', sensitive: false, language: 'en', note: acc.note, fields: [], follow_requests_count: 0, hide_collections: false, discoverable: true, indexable: true, attribution_domains: [], quote_policy: 'public' },
        role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
      });
    }),
    route('GET', /^\/api\/v1\/accounts\/lookup\/?$/, (ctx) => {
      const acc = store.accountByAcct(ctx.query.get('acct') ?? '');
      return acc ? json(200, serializeAccount(store, acc)) : jsonError(404, NOT_FOUND);
    }),
    route('GET', /^\/api\/v1\/accounts\/([^/]+)\/?$/, (_ctx, [id]) => {
      const acc = store.accountById(id ?? '');
      return acc ? json(200, serializeAccount(store, acc)) : jsonError(404, NOT_FOUND);
    }),
    route('GET', /^\/api\/v1\/accounts\/([^/]+)\/statuses\/?$/, accountStatuses),
  ];
}
