/**
 * The sandbox's in-memory "database": accounts, statuses, the brand's mention notifications.
 * Statuses live in one array in id order (a status that arrives late is put in its place), so
 * timelines page by binary search instead of scanning everything — benchmarks push tens of
 * thousands of posts through.
 */
import type { Clock } from '../../shared/clock.js';
import { extractHashtags, extractMentions, formatText, htmlToPlain, normalizeTag } from './render.js';
import type { AccountProfile, AccountRecord, CreateStatusInput, EditStatusInput, EmojiRecord, NotificationRecord, StatusRecord, StatusVersion } from './store-records.js';

export type * from './store-records.js';
const DAY_MS = 86_400_000;
const ACCOUNT_EPOCH = Date.UTC(2019, 5, 1);

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function parseHandle(handle: string): { username: string; domain: string | null } {
  const clean = handle.trim().replace(/^@/, '');
  const at = clean.indexOf('@');
  if (at < 0) return { username: clean, domain: null };
  return { username: clean.slice(0, at), domain: clean.slice(at + 1).toLowerCase() };
}

export class SandboxStore {
  readonly statuses: StatusRecord[] = [];
  readonly notifications: NotificationRecord[] = [];
  private readonly byId = new Map<string, StatusRecord>();
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly accountsByAcct = new Map<string, AccountRecord>();
  private lastStatusKey = 0n;
  private lastNotificationKey = 0n;
  private readonly usedKeys = new Set<bigint>();
  private deletedCount = 0;
  /** The server's own domain (LOCAL_DOMAIN): what local accounts' handles end in. */
  readonly localDomain: string;
  /** The host the API is reached at (WEB_DOMAIN); local handles written with it are local too. */
  readonly apiHost: string;
  /** The server's custom emoji, by shortcode (served by the sandbox itself). */
  readonly customEmojis = new Map<string, EmojiRecord>();
  brandId = '';

  constructor(
    readonly base: string,
    private readonly clock: Clock,
    domain?: string,
  ) {
    this.apiHost = new URL(base).host.toLowerCase();
    this.localDomain = (domain ?? this.apiHost).toLowerCase();
  }

  private isLocal(domain: string | null): boolean {
    return domain === null || domain === this.localDomain || domain === this.apiHost;
  }

  private acctKey(username: string, domain: string | null): string {
    return (this.isLocal(domain) ? username : `${username}@${domain}`).toLowerCase();
  }

  addCustomEmoji(shortcode: string): void {
    const url = `${this.base}/emoji/${encodeURIComponent(shortcode)}.svg`;
    this.customEmojis.set(shortcode, { shortcode, url, staticUrl: url });
  }

  /** The server's emoji that `texts` use (`:shortcode:`), plus `extra`, each once. */
  emojisIn(texts: readonly string[], extra: readonly EmojiRecord[] = []): EmojiRecord[] {
    const out = new Map<string, EmojiRecord>();
    for (const e of extra) out.set(e.shortcode, e);
    for (const t of texts) for (const m of t.matchAll(/:(\w+):/g)) {
      const e = this.customEmojis.get(m[1] ?? '');
      if (e && !out.has(e.shortcode)) out.set(e.shortcode, e);
    }
    return [...out.values()];
  }

  /** Get-or-create by handle ("name" = local, "name@server" = remote), deterministic ids. */
  ensureAccount(handle: string, profile: AccountProfile = {}): AccountRecord {
    const { username, domain: rawDomain } = parseHandle(handle);
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(username)) throw new Error(`invalid account handle: ${handle}`);
    const domain = this.isLocal(rawDomain) ? null : rawDomain;
    const key = this.acctKey(username, domain);
    const existing = this.accountsByAcct.get(key);
    if (existing) return existing;
    const h = hash32(key);
    const createdAt = ACCOUNT_EPOCH + (h % 1500) * DAY_MS;
    const id = ((BigInt(createdAt) << 16n) + BigInt(this.accounts.size + 1)).toString();
    const acc: AccountRecord = {
      id,
      username,
      domain,
      displayName: profile.displayName ?? username,
      note: profile.note ?? '',
      createdAt,
      bot: profile.bot ?? false,
      followers: profile.followers ?? 20 + (h % 900),
      following: 10 + ((h >>> 10) % 400),
      statusesCount: 0,
      lastStatusAt: null,
    };
    this.accounts.set(id, acc);
    this.accountsByAcct.set(key, acc);
    return acc;
  }

  accountById(id: string): AccountRecord | null {
    return this.accounts.get(id) ?? null;
  }

  accountByAcct(acct: string): AccountRecord | null {
    const { username, domain } = parseHandle(acct);
    return this.accountsByAcct.get(this.acctKey(username, domain)) ?? null;
  }

  allAccounts(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  accountUrl(acc: AccountRecord): string {
    return acc.domain ? `https://${acc.domain}/@${acc.username}` : `${this.base}/@${acc.username}`;
  }

  tagUrl(tag: string): string {
    return `${this.base}/tags/${encodeURIComponent(tag)}`;
  }

  /** Mastodon snowflakes: creation ms << 16 plus a sequence, kept increasing for what happens now. */
  private nextKey(last: bigint, createdAt: number): bigint {
    const candidate = BigInt(Math.max(0, Math.floor(createdAt))) << 16n;
    return candidate > last ? candidate : last + 1n;
  }

  /**
   * A status id. Like Mastodon (Mastodon::Snowflake.id_at), a status created in the past — a
   * remote post fetched late, a replayed backlog — gets an id from its own created_at, so it can
   * sort below ids handed out since: exactly what a listener's cursor must survive.
   */
  private statusKey(createdAt: number): bigint {
    const now = this.clock.now();
    if (createdAt >= now) {
      const key = this.nextKey(this.lastStatusKey, createdAt);
      this.lastStatusKey = key;
      return key;
    }
    let key = BigInt(Math.max(0, Math.floor(createdAt))) << 16n;
    while (this.usedKeys.has(key)) key++;
    if (key > this.lastStatusKey) this.lastStatusKey = key;
    return key;
  }

  /** Keeps `statuses` in id order (binary search: a backdated status lands in its place). */
  private insertStatus(st: StatusRecord): void {
    let lo = 0;
    let hi = this.statuses.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.statuses[mid] as StatusRecord).key < st.key) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.statuses.length) this.statuses.push(st);
    else this.statuses.splice(lo, 0, st);
    this.usedKeys.add(st.key);
  }

  private render(text: string | null, html: string | null, extraTags: readonly string[], authorId: string) {
    let source = text;
    if (source !== null && html === null && extraTags.length > 0) {
      const present = new Set(extractHashtags(source).map(normalizeTag));
      const missing = extraTags.filter((t) => !present.has(normalizeTag(t)));
      if (missing.length > 0) source = `${source} ${missing.map((t) => `#${t.replace(/^#/, '')}`).join(' ')}`;
    }
    const plainSource = source ?? htmlToPlain(html ?? '');
    const resolve = (username: string, domain: string | null) => {
      const acc = this.accountsByAcct.get(this.acctKey(username, domain));
      return acc ? { acc, url: this.accountUrl(acc), username: acc.username } : null;
    };
    const content = html ?? formatText(source ?? '', { resolveMention: resolve, tagUrl: (t) => this.tagUrl(t) });
    const tagMap = new Map<string, string>();
    for (const t of [...extractHashtags(plainSource), ...extraTags.map((t) => t.replace(/^#/, ''))]) {
      if (t && !tagMap.has(normalizeTag(t))) tagMap.set(normalizeTag(t), t);
    }
    const mentionIds: string[] = [];
    for (const m of extractMentions(plainSource)) {
      const acc = resolve(m.username, m.domain)?.acc;
      if (acc && acc.id !== authorId && !mentionIds.includes(acc.id)) mentionIds.push(acc.id);
    }
    return { text: source, html: content, plain: plainSource.toLowerCase(), tags: [...tagMap.values()], tagKeys: [...tagMap.keys()], mentionIds };
  }

  createStatus(input: CreateStatusInput): StatusRecord {
    const author = this.accounts.get(input.accountId);
    if (!author) throw new Error(`unknown account ${input.accountId}`);
    const createdAt = input.createdAt ?? this.clock.now();
    const parent = input.inReplyToId ? this.getStatus(input.inReplyToId) : null;
    const r = this.render(input.text ?? null, input.html ?? null, input.tags ?? [], author.id);
    const key = this.statusKey(createdAt);
    const spoilerText = input.spoilerText ?? '';
    const poll = input.poll ?? null;
    const st: StatusRecord = {
      id: key.toString(),
      key,
      accountId: author.id,
      createdAt,
      editedAt: null,
      ...r,
      lang: input.lang ?? null,
      visibility: input.visibility ?? 'public',
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.accountId ?? null,
      replies: 0,
      reblogs: input.reblogs ?? 0,
      favourites: input.favourites ?? 0,
      application: input.application ?? null,
      deleted: false,
      spoilerText,
      // A content warning makes media sensitive, as Mastodon does.
      sensitive: (input.sensitive ?? false) || spoilerText !== '',
      media: [...(input.media ?? [])],
      poll,
      emojis: this.emojisIn([r.text ?? r.plain, spoilerText, ...(poll?.options.map((o) => o.title) ?? [])], input.emojis),
      reblogOf: null,
      versions: [],
    };
    this.insertStatus(st);
    this.byId.set(st.id, st);
    if (parent) parent.replies++;
    author.statusesCount++;
    author.lastStatusAt = Math.max(author.lastStatusAt ?? 0, createdAt);
    if (this.brandId && author.id !== this.brandId && st.mentionIds.includes(this.brandId)) {
      const nkey = this.nextKey(this.lastNotificationKey, this.clock.now());
      this.lastNotificationKey = nkey;
      this.notifications.push({ id: nkey.toString(), key: nkey, statusId: st.id, fromAccountId: author.id, createdAt: this.clock.now(), deleted: false });
    }
    return st;
  }

  /** A boost of `statusId` by `accountId`: a status of its own (id now), carrying no content. */
  boostStatus(accountId: string, statusId: string): StatusRecord {
    const author = this.accounts.get(accountId);
    const target = this.getStatus(statusId);
    if (!author) throw new Error(`unknown account ${accountId}`);
    if (!target || target.reblogOf !== null) throw new Error(`status ${statusId} cannot be boosted`);
    const createdAt = this.clock.now();
    const key = this.statusKey(createdAt);
    const st: StatusRecord = {
      id: key.toString(),
      key,
      accountId,
      createdAt,
      editedAt: null,
      text: null,
      html: '',
      plain: '',
      lang: null,
      visibility: 'public',
      inReplyToId: null,
      inReplyToAccountId: null,
      tags: [],
      tagKeys: [],
      mentionIds: [],
      replies: 0,
      reblogs: 0,
      favourites: 0,
      application: null,
      deleted: false,
      spoilerText: '',
      sensitive: false,
      media: [],
      poll: null,
      emojis: [],
      reblogOf: target.id,
      versions: [],
    };
    this.insertStatus(st);
    this.byId.set(st.id, st);
    target.reblogs++;
    author.statusesCount++;
    author.lastStatusAt = Math.max(author.lastStatusAt ?? 0, createdAt);
    return st;
  }

  private snapshot(st: StatusRecord): StatusVersion {
    return { at: st.editedAt ?? st.createdAt, html: st.html, spoilerText: st.spoilerText, sensitive: st.sensitive, media: st.media, poll: st.poll, emojis: st.emojis };
  }

  /** Every version, oldest first (one for a status never edited), as Mastodon's history lists them. */
  history(st: StatusRecord): StatusVersion[] {
    return [...st.versions, this.snapshot(st)];
  }

  /** Mastodon re-renders an edited status and stamps edited_at; its id and place stay put. */
  editStatus(id: string, edit: string | EditStatusInput): StatusRecord {
    const st = this.getStatus(id);
    if (!st) throw new Error(`status ${id} not found`);
    if (st.reblogOf !== null) throw new Error(`status ${id} is a boost: it has nothing to edit`);
    const e: EditStatusInput = typeof edit === 'string' ? { text: edit } : edit;
    st.versions.push(this.snapshot(st));
    Object.assign(st, this.render(e.text, null, [], st.accountId));
    if (e.spoilerText !== undefined) st.spoilerText = e.spoilerText;
    if (e.sensitive !== undefined || e.spoilerText !== undefined) st.sensitive = (e.sensitive ?? st.sensitive) || st.spoilerText !== '';
    if (e.lang !== undefined) st.lang = e.lang;
    if (e.poll !== undefined) st.poll = e.poll;
    st.emojis = this.emojisIn([e.text, st.spoilerText, ...(st.poll?.options.map((o) => o.title) ?? [])]);
    st.editedAt = this.clock.now();
    return st;
  }

  deleteStatus(id: string): StatusRecord | null {
    const st = this.getStatus(id);
    if (!st) return null;
    st.deleted = true;
    this.deletedCount++;
    // Boosts go with the boosted status.
    for (const b of this.statuses) if (b.reblogOf === id && !b.deleted) this.deleteStatus(b.id);
    if (st.reblogOf !== null) {
      const target = this.byId.get(st.reblogOf);
      if (target && target.reblogs > 0) target.reblogs--;
    }
    const parent = st.inReplyToId ? this.byId.get(st.inReplyToId) : undefined;
    if (parent && parent.replies > 0) parent.replies--;
    const author = this.accounts.get(st.accountId);
    if (author && author.statusesCount > 0) author.statusesCount--;
    for (const n of this.notifications) if (n.statusId === id) n.deleted = true;
    return st;
  }

  now(): number {
    return this.clock.now();
  }

  getStatus(id: string): StatusRecord | null {
    const st = this.byId.get(id);
    return st && !st.deleted ? st : null;
  }

  getAny(id: string): StatusRecord | null {
    return this.byId.get(id) ?? null;
  }

  liveCount(): number {
    return this.statuses.length - this.deletedCount;
  }
}
