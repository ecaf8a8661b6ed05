/**
 * A fake Mastodon server for connector tests, answering through an injected fetch (no socket),
 * written from docs.joinmastodon.org — methods/timelines, methods/search, methods/statuses,
 * methods/notifications, methods/instance, api/guidelines#pagination — not from our sandbox:
 *
 * - paging: `max_id` (older than), `since_id` (newer than, newest first), `min_id` (the page just
 *   above it, newest first); `limit` defaults to 20 and is capped (40 on Mastodon; configurable
 *   here, since proxies and other servers cap lower); a `Link` header with rel="next" (max_id =
 *   the page's oldest id) and rel="prev" (min_id = its newest) on every non-empty timeline page;
 * - ids are strings (snowflakes past 2^53, or any other numbers of any length);
 * - a status fetched late keeps an id from its own created_at (backdated below newer ones);
 * - `GET /api/v1/statuses?id[]=` exists from 4.3 (older servers answer 404 or 422);
 * - `/api/v2/instance` carries the server's `domain`, which may differ from the API host;
 * - full-text search of statuses needs a signed-in user: anonymous clients get no statuses.
 */
import type { HttpFetch } from '../../../../electron/engine/engine-types.js';
import { emoji, snowflake, toContent, type AccountJson, type CustomEmojiJson, type MediaJson, type NotificationJson, type PollJson, type StatusJson } from './entities.js';

export type FaultAction = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'network';

export interface FakeMastodonOptions {
  /** Where the API is reached (the host a naive client would put in handles). */
  apiOrigin?: string;
  /** The server's own domain (LOCAL_DOMAIN), what `acct` is relative to. */
  domain?: string;
  version?: string;
  /** The most a page holds, whatever `limit` asks (Mastodon: 40). */
  pageCap?: number;
  token?: string | null;
  /** How GET /api/v1/statuses?id[]= answers: 'ok' (4.3+) or the status of an older server. */
  multiGet?: 'ok' | 404 | 422;
  /** /api/v2/instance exists (Mastodon 4.0+). */
  instanceV2?: boolean;
  /** Boosts of tagged posts show in the tag timeline (home, list and several non-Mastodon servers' timelines carry boosts). */
  boostsInTagTimelines?: boolean;
  now: () => number;
}

export interface PostInput {
  author: string;
  text: string;
  tags?: string[];
  id?: string;
  createdAt?: number;
  spoilerText?: string;
  sensitive?: boolean;
  media?: Array<Partial<MediaJson> & { type: MediaJson['type'] }>;
  poll?: { options: Array<[string, number | null]>; multiple?: boolean; expiresAt?: string | null; votersCount?: number | null };
  emojis?: string[];
  inReplyTo?: string;
  visibility?: StatusJson['visibility'];
  lang?: string | null;
  /** Mentions the signed-in (brand) account: a `mention` notification is created. */
  mentionsBrand?: boolean;
}

interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  authed: boolean;
}

const bigint = (id: string) => BigInt(id);

export class FakeMastodon {
  readonly apiOrigin: string;
  readonly domain: string;
  readonly opts: Required<Omit<FakeMastodonOptions, 'now' | 'apiOrigin' | 'domain'>>;
  /** Every request: path + query. */
  readonly requests: string[] = [];
  /**
   * Statuses taken out of a page after it was cut to `limit` (Mastodon filters muted or blocked
   * accounts' posts after the query, so a page can be short while more wait below it).
   */
  filteredAfterPaging: ((s: { id: string }) => boolean) | null = null;
  /** Return an action to make a request fail. */
  fault: ((r: { path: string; query: URLSearchParams; n: number }) => FaultAction | undefined) | null = null;
  private readonly statuses = new Map<string, StatusJson>();
  private readonly deleted = new Set<string>();
  private readonly notifications: NotificationJson[] = [];
  private readonly accounts = new Map<string, AccountJson>();
  private seq = 0;
  private nextAccount = 1;

  constructor(private readonly o: FakeMastodonOptions) {
    this.apiOrigin = o.apiOrigin ?? 'http://127.0.0.1:4822';
    this.domain = o.domain ?? 'social.example';
    this.opts = {
      version: o.version ?? '4.3.0',
      pageCap: o.pageCap ?? 40,
      token: o.token ?? null,
      multiGet: o.multiGet ?? 'ok',
      instanceV2: o.instanceV2 ?? true,
      boostsInTagTimelines: o.boostsInTagTimelines ?? false,
    };
  }

  account(acct: string, profile: { displayName?: string; emojis?: string[] } = {}): AccountJson {
    const existing = this.accounts.get(acct);
    if (existing) return existing;
    const [username, remote] = acct.split('@') as [string, string | undefined];
    const origin = remote ? `https://${remote}` : `https://${this.domain}`;
    const a: AccountJson = {
      id: String(1000 + this.nextAccount++),
      username,
      acct,
      display_name: profile.displayName ?? username,
      url: `${origin}/@${username}`,
      uri: `${origin}/users/${username}`,
      avatar: `${origin}/avatars/${username}.png`,
      avatar_static: `${origin}/avatars/${username}.png`,
      bot: false,
      emojis: (profile.emojis ?? []).map((c) => emoji(origin, c)),
      created_at: '2024-01-01T00:00:00.000Z',
      note: '',
      followers_count: 1,
      following_count: 1,
      statuses_count: 0,
    };
    this.accounts.set(acct, a);
    return a;
  }

  private newId(createdAt: number): string {
    // A unique sequence part, as Mastodon's id_at adds random low bits for backdated statuses.
    return snowflake(createdAt, ++this.seq);
  }

  post(p: PostInput): StatusJson {
    const account = this.account(p.author);
    const createdAt = p.createdAt ?? this.o.now();
    const id = p.id ?? this.newId(createdAt);
    const origin = account.acct.includes('@') ? `https://${account.acct.split('@')[1]}` : `https://${this.domain}`;
    const parent = p.inReplyTo ? this.statuses.get(p.inReplyTo) : undefined;
    const tags = p.tags ?? [...p.text.matchAll(/#(\w+)/g)].map((m) => m[1]!);
    const s: StatusJson = {
      id,
      uri: `${origin}/users/${account.username}/statuses/${id}`,
      url: `${origin}/@${account.username}/${id}`,
      created_at: new Date(createdAt).toISOString(),
      edited_at: null,
      account,
      content: toContent(origin, p.text),
      visibility: p.visibility ?? 'public',
      sensitive: p.sensitive ?? false,
      spoiler_text: p.spoilerText ?? '',
      media_attachments: (p.media ?? []).map((m, i) => ({
        id: `${id}${i}`,
        url: `${origin}/media/${id}-${i}.png`,
        preview_url: `${origin}/media/${id}-${i}-small.png`,
        remote_url: null,
        description: null,
        blurhash: null,
        meta: null,
        ...m,
      })),
      mentions: [],
      tags: tags.map((name) => ({ name: name.toLowerCase(), url: `${origin}/tags/${name.toLowerCase()}` })),
      emojis: (p.emojis ?? []).map((c) => emoji(origin, c)),
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: 0,
      in_reply_to_id: parent?.id ?? null,
      in_reply_to_account_id: parent?.account.id ?? null,
      reblog: null,
      poll: p.poll ? pollJson(id, p.poll) : null,
      card: null,
      language: p.lang === undefined ? 'en' : p.lang,
    };
    this.statuses.set(id, s);
    if (p.mentionsBrand) {
      const at = this.o.now();
      this.notifications.push({ id: this.newId(at), type: 'mention', created_at: new Date(at).toISOString(), account, status: s });
    }
    return s;
  }

  /** A boost: a status of its own whose `reblog` is the boosted one. */
  boost(byAcct: string, statusId: string, at = this.o.now()): StatusJson {
    const original = this.statuses.get(statusId);
    if (!original) throw new Error(`no status ${statusId}`);
    const account = this.account(byAcct);
    const id = this.newId(at);
    const origin = byAcct.includes('@') ? `https://${byAcct.split('@')[1]}` : `https://${this.domain}`;
    const s: StatusJson = {
      ...original,
      id,
      uri: `${origin}/users/${account.username}/statuses/${id}/activity`,
      url: null,
      created_at: new Date(at).toISOString(),
      edited_at: null,
      account,
      content: '',
      sensitive: false,
      spoiler_text: '',
      media_attachments: [],
      mentions: [],
      tags: [],
      emojis: [],
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      poll: null,
      reblog: original,
    };
    this.statuses.set(id, s);
    original.reblogs_count++;
    return s;
  }

  edit(id: string, text: string, patch: Partial<Pick<StatusJson, 'spoiler_text' | 'sensitive'>> = {}): void {
    const s = this.statuses.get(id)!;
    const origin = new URL(s.uri).origin;
    Object.assign(s, { content: toContent(origin, text), edited_at: new Date(this.o.now()).toISOString(), ...patch });
  }

  remove(id: string): void {
    this.deleted.add(id);
  }

  get(id: string): StatusJson | null {
    return this.deleted.has(id) ? null : (this.statuses.get(id) ?? null);
  }

  readonly fetch: HttpFetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== this.apiOrigin) throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    this.requests.push(url.pathname + url.search);
    const n = this.requests.length;
    const auth = new Headers(init?.headers).get('authorization');
    const action = this.fault?.({ path: url.pathname, query: url.searchParams, n });
    if (action === 'network') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    if (action === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      });
    }
    if (action) return new Response(action.body ?? JSON.stringify({ error: 'fault' }), { status: action.status, headers: { 'content-type': 'application/json', ...action.headers } });
    if (auth !== null && auth !== `Bearer ${this.opts.token}` && !url.pathname.startsWith('/api/v1/instance') && !url.pathname.startsWith('/api/v2/instance')) {
      return json(401, { error: 'The access token is invalid' });
    }
    return this.route({ method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, authed: auth !== null });
  };

  private route(r: Req): Response {
    const { path, query } = r;
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path))) {
      const tag = decodeURIComponent(m[1]!).toLowerCase();
      const has = (s: StatusJson) => s.tags.some((t) => t.name === tag);
      return this.page(r, (s) => s.visibility === 'public' && (has(s) || (this.opts.boostsInTagTimelines && s.reblog !== null && has(s.reblog))), true);
    }
    if (path === '/api/v2/search') {
      const q = (query.get('q') ?? '').toLowerCase();
      if (!r.authed && (query.get('resolve') === 'true' || query.has('offset'))) return json(401, { error: 'Search queries that resolve remote resources are not supported without authentication' });
      // Anonymous clients get no full-text status results (docs: methods/search).
      if (!r.authed) return json(200, { accounts: [], statuses: [], hashtags: [] });
      // Search answers are paged by max_id/min_id too, but carry no Link header.
      const found = this.window(r, [...this.statuses.values()].filter((s) => !this.deleted.has(s.id) && s.reblog === null && s.visibility === 'public' && s.content.toLowerCase().includes(q)));
      return json(200, { accounts: [], statuses: found, hashtags: [] });
    }
    if (path === '/api/v1/notifications') {
      if (!r.authed) return json(401, { error: 'The access token is invalid' });
      const types = query.getAll('types[]');
      const list = this.notifications.filter((x) => (types.length === 0 || types.includes(x.type)) && (x.status === null || !this.deleted.has(x.status.id)));
      return this.pageOf(r, list, true);
    }
    if (path === '/api/v1/statuses') {
      if (this.opts.multiGet !== 'ok') return json(this.opts.multiGet, { error: this.opts.multiGet === 404 ? 'Record not found' : 'Validation failed' });
      const ids = query.getAll('id[]');
      if (ids.length > 20) return json(422, { error: 'Validation failed' });
      return json(200, ids.flatMap((id) => this.get(id) ?? []));
    }
    if ((m = /^\/api\/v1\/statuses\/(\d+)$/.exec(path))) {
      const s = this.get(m[1]!);
      return s ? json(200, s) : json(404, { error: 'Record not found' });
    }
    if (path === '/api/v2/instance') {
      if (!this.opts.instanceV2) return json(404, { error: 'Record not found' });
      return json(200, { domain: this.domain, title: 'Fake', version: this.opts.version, source_url: 'https://github.com/mastodon/mastodon', configuration: { statuses: { max_characters: 500, characters_reserved_per_url: 23 } } });
    }
    if (path === '/api/v1/instance') return json(200, { uri: this.domain, title: 'Fake', version: this.opts.version });
    return json(404, { error: 'Record not found' });
  }

  private limit(q: URLSearchParams): number {
    const raw = Number(q.get('limit') ?? 20);
    return Math.max(1, Math.min(Number.isFinite(raw) && raw > 0 ? raw : 20, this.opts.pageCap));
  }

  private page(r: Req, keep: (s: StatusJson) => boolean, link: boolean): Response {
    const list = [...this.statuses.values()].filter((s) => !this.deleted.has(s.id) && keep(s));
    return this.pageOf(r, list, link);
  }

  private pageOf(r: Req, all: Array<{ id: string }>, link: boolean): Response {
    const page = this.window(r, all);
    const headers: Record<string, string> = {};
    if (link && page.length > 0) {
      const carry = new URLSearchParams();
      for (const [k, v] of r.query) if (!['max_id', 'min_id', 'since_id'].includes(k)) carry.append(k, v);
      const at = (k: string, v: string) => {
        const p = new URLSearchParams(carry);
        p.set(k, v);
        return `${this.apiOrigin}${r.path}?${p.toString()}`;
      };
      headers.Link = `<${at('max_id', page[page.length - 1]!.id)}>; rel="next", <${at('min_id', page[0]!.id)}>; rel="prev"`;
    }
    return json(200, page, headers);
  }

  /** One page of `all` by max_id / since_id / min_id / limit, newest first. */
  private window<T extends { id: string }>(r: Req, all: T[]): T[] {
    const q = r.query;
    const sorted = [...all].sort((a, b) => (bigint(b.id) > bigint(a.id) ? 1 : bigint(b.id) < bigint(a.id) ? -1 : 0));
    const max = q.get('max_id');
    const since = q.get('since_id');
    const min = q.get('min_id');
    const limit = this.limit(q);
    const window = sorted.filter((s) => (max === null || bigint(s.id) < bigint(max)) && (since === null || bigint(s.id) > bigint(since)));
    const page = min === null ? window.slice(0, limit) : window.filter((s) => bigint(s.id) > bigint(min)).slice(-limit);
    const drop = this.filteredAfterPaging;
    return drop ? page.filter((s) => !drop(s)) : page;
  }
}

function pollJson(statusId: string, p: NonNullable<PostInput['poll']>): PollJson {
  const votes = p.options.reduce((n, [, v]) => n + (v ?? 0), 0);
  return {
    id: `p${statusId}`,
    expires_at: p.expiresAt ?? null,
    expired: false,
    multiple: p.multiple ?? false,
    votes_count: votes,
    voters_count: p.votersCount ?? (p.multiple ? votes : null),
    options: p.options.map(([title, votes_count]) => ({ title, votes_count })),
    emojis: [] as CustomEmojiJson[],
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}
