/**
 * The sandbox's in-memory "database": accounts, statuses, the brand's mention notifications.
 * Statuses live in one array in id order (ids only ever grow), so timelines page by binary
 * search instead of scanning everything — benchmarks push tens of thousands of posts through.
 */
import type { Clock } from '../../shared/clock.js';
import { extractHashtags, extractMentions, formatText, htmlToPlain, normalizeTag } from './render.js';

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
}

export interface AccountProfile {
  displayName?: string;
  note?: string;
  bot?: boolean;
  followers?: number;
}

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
  private deletedCount = 0;
  readonly localDomain: string;
  brandId = '';

  constructor(
    readonly base: string,
    private readonly clock: Clock,
  ) {
    this.localDomain = new URL(base).host.toLowerCase();
  }

  private acctKey(username: string, domain: string | null): string {
    const d = domain && domain !== this.localDomain ? domain : null;
    return (d ? `${username}@${d}` : username).toLowerCase();
  }

  /** Get-or-create by handle ("name" = local, "name@server" = remote), deterministic ids. */
  ensureAccount(handle: string, profile: AccountProfile = {}): AccountRecord {
    const { username, domain: rawDomain } = parseHandle(handle);
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(username)) throw new Error(`invalid account handle: ${handle}`);
    const domain = rawDomain && rawDomain !== this.localDomain ? rawDomain : null;
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

  /** Mastodon snowflakes: creation ms << 16 plus a sequence; forced strictly increasing here so
   *  a backdated post can never slip below a connector's since_id/min_id cursor. */
  private nextKey(last: bigint, createdAt: number): bigint {
    const candidate = BigInt(Math.max(0, Math.floor(createdAt))) << 16n;
    return candidate > last ? candidate : last + 1n;
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
    const key = this.nextKey(this.lastStatusKey, createdAt);
    this.lastStatusKey = key;
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
    };
    this.statuses.push(st);
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

  /** Mastodon re-renders an edited status and stamps edited_at; its id and place stay put. */
  editStatus(id: string, text: string): StatusRecord {
    const st = this.getStatus(id);
    if (!st) throw new Error(`status ${id} not found`);
    Object.assign(st, this.render(text, null, [], st.accountId));
    st.editedAt = this.clock.now();
    return st;
  }

  deleteStatus(id: string): StatusRecord | null {
    const st = this.getStatus(id);
    if (!st) return null;
    st.deleted = true;
    this.deletedCount++;
    const parent = st.inReplyToId ? this.byId.get(st.inReplyToId) : undefined;
    if (parent && parent.replies > 0) parent.replies--;
    const author = this.accounts.get(st.accountId);
    if (author && author.statusesCount > 0) author.statusesCount--;
    for (const n of this.notifications) if (n.statusId === id) n.deleted = true;
    return st;
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
