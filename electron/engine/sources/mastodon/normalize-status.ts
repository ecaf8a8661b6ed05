import { z } from 'zod';
import { MEDIA_TYPES, VISIBILITIES, type CustomEmoji, type MediaAttachment, type MediaType, type Poll, type Visibility } from '../../../../shared/domain.js';
import type { IncomingAuthor, IncomingPost } from '../../ingest/types.js';

/**
 * Mastodon Status → IncomingPost. Lenient on purpose: unknown fields are ignored and optional
 * ones may be missing or null, because statuses come from every kind of federated server. What
 * we can't do without (uri, account, content, created_at) rejects that one status, never the page.
 * `content` passes through raw: sanitizing is the ingest pipeline's job, done in one place.
 */

const id = z.union([z.string().min(1), z.number().int().nonnegative().refine(Number.isSafeInteger, 'a numeric id past 2^53 (digits lost)')]).transform(String);
const optText = z.string().nullish();
/** Lists whose elements are checked one by one (a bad one is skipped, never fatal). */
const looseList = z.array(z.unknown()).nullish();

const AccountSchema = z.object({
  acct: z.string().min(1),
  username: z.string().min(1),
  display_name: optText,
  url: optText,
  avatar: optText,
  emojis: looseList,
  // Urgency cues only (reach, a journalist saying so in the profile): anything odd is ignored.
  followers_count: z.unknown().optional(),
  note: z.unknown().optional(),
});

export const StatusSchema = z.object({
  id,
  uri: z.string().min(1),
  url: optText,
  created_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  content: z.string(),
  language: optText,
  // Tags that aren't {name: string} are skipped, not fatal.
  tags: looseList,
  in_reply_to_id: id.nullish(),
  edited_at: optText,
  visibility: optText,
  account: AccountSchema,
  spoiler_text: optText,
  sensitive: z.boolean().nullish(),
  media_attachments: looseList,
  poll: z.unknown().nullish(),
  emojis: looseList,
  reblog: z.unknown().nullish(),
});

export type NormalizeResult =
  | {
      ok: true;
      /** The id of the status the post is (for a boost: the boosted status, on this server). */
      localId: string;
      editedAt: string | null;
      post: IncomingPost;
      /** Local id of the status it replies to: the caller turns it into that status's URI (post.replyTo). */
      inReplyToId: string | null;
      /** For a boost: the boost's own id (its place in the timeline), else null. */
      boostId: string | null;
    }
  | { ok: false; localId: string | null; reason: string };

/** The status's local id, if it has a usable one (paging needs it even when the rest is bad). */
export function rawId(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const v = (raw as { id?: unknown }).id;
  if (typeof v === 'string' && v.length > 0) return v;
  // A number past 2^53 already lost digits in JSON.parse: not an id to page or look up by.
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return null;
}

function tagNames(tags: unknown[] | null | undefined): string[] {
  const out: string[] = [];
  for (const t of tags ?? []) {
    const name = t && typeof t === 'object' ? (t as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && name.length > 0) out.push(name);
  }
  return out;
}

/**
 * The domain accounts without one in their acct belong to: the instance's own (from
 * /api/v2/instance), or, when given a URL (older callers), its host.
 */
function domainOf(domainOrUrl: string | undefined): string | null {
  if (!domainOrUrl) return null;
  if (!domainOrUrl.includes('://')) return domainOrUrl.toLowerCase();
  try {
    return new URL(domainOrUrl).host || null;
  } catch {
    return null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function emojisOf(list: unknown[] | null | undefined): CustomEmoji[] {
  const out: CustomEmoji[] = [];
  for (const raw of list ?? []) {
    const e = obj(raw);
    const shortcode = str(e.shortcode);
    const url = str(e.url) ?? str(e.static_url);
    if (shortcode && url) out.push({ shortcode, url, staticUrl: str(e.static_url) ?? url });
  }
  return out;
}

function mediaOf(list: unknown[] | null | undefined): MediaAttachment[] {
  return (list ?? []).map((raw) => {
    const m = obj(raw);
    const type = str(m.type) ?? 'unknown';
    return {
      type: (MEDIA_TYPES as readonly string[]).includes(type) ? (type as MediaType) : 'unknown',
      // url is null while a remote file isn't cached here; remote_url is then the original.
      url: str(m.url) ?? str(m.remote_url),
      previewUrl: str(m.preview_url) ?? str(m.preview_remote_url),
      description: str(m.description),
    };
  });
}

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

function pollOf(raw: unknown): Poll | null {
  const p = obj(raw);
  if (!Array.isArray(p.options) || p.options.length === 0) return null;
  return {
    options: p.options.map((o) => ({ title: str(obj(o).title) ?? '', votes: count(obj(o).votes_count) })),
    votes: count(p.votes_count) ?? 0,
    voters: count(p.voters_count),
    multiple: p.multiple === true,
    expiresAt: str(p.expires_at),
    expired: p.expired === true,
  };
}

function authorOf(a: z.output<typeof AccountSchema>, domain: string | null): IncomingAuthor {
  return {
    handle: qualify(a.acct, domain),
    name: a.display_name || a.username,
    url: a.url ?? null,
    avatarUrl: a.avatar ?? null,
    emojis: emojisOf(a.emojis),
  };
}

function rejected(raw: unknown, error: z.ZodError, prefix = ''): NormalizeResult {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'status';
  return { ok: false, localId: rawId(raw), reason: `${prefix}${where}: ${issue?.message ?? 'invalid'}` };
}

/**
 * Validates and converts one status. `domain` is the instance's own domain: Mastodon's acct is
 * "user" for that server's own accounts and "user@domain" for remote ones, so local ones get
 * "@domain" added, and one person seen through two servers has one handle. A boost becomes the
 * boosted post, by its own author, with the booster noted (boostedBy).
 */
export function parseStatus(raw: unknown, domain?: string): NormalizeResult {
  const parsed = StatusSchema.safeParse(raw);
  if (!parsed.success) return rejected(raw, parsed.error);
  const outer = parsed.data;
  const local = domainOf(domain);
  let s = outer;
  let boostId: string | null = null;
  if (outer.reblog !== null && outer.reblog !== undefined) {
    const inner = StatusSchema.safeParse(outer.reblog);
    if (!inner.success) return rejected(raw, inner.error, 'reblog.');
    s = inner.data;
    boostId = outer.id;
  }
  const editedAt = s.edited_at ?? null;
  return {
    ok: true,
    localId: s.id,
    editedAt,
    inReplyToId: s.in_reply_to_id ?? null,
    boostId,
    post: {
      platform: 'mastodon',
      // uri is the ActivityPub id: the same post seen through two servers has one uri.
      nativeId: s.uri,
      url: s.url ?? s.uri,
      author: authorOf(s.account, local),
      html: s.content,
      lang: s.language ?? null,
      tags: tagNames(s.tags),
      createdAt: s.created_at,
      // The URI of the parent, filled in by the caller (it may take a lookup); never a local id.
      replyTo: null,
      editedAt,
      visibility: visibilityOf(s.visibility),
      contentWarning: s.spoiler_text || null,
      sensitive: s.sensitive === true,
      media: mediaOf(s.media_attachments),
      poll: pollOf(s.poll),
      emojis: emojisOf(s.emojis),
      boostedBy: boostId === null ? [] : [authorOf(outer.account, local)],
      authorSignals: signalsOf(s.account),
    },
  };
}

/** The author's reach and profile text (HTML in Mastodon's `note`, reduced to words, capped). */
function signalsOf(a: z.infer<typeof AccountSchema>): { followers: number | null; bio: string | null } {
  const f = a.followers_count;
  const followers = typeof f === 'number' && Number.isFinite(f) && f >= 0 ? Math.floor(f) : null;
  const bio = typeof a.note === 'string' && a.note ? a.note.slice(0, 2_000).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() || null : null;
  return { followers, bio };
}

/**
 * Mastodon's four, as they are. Anything else a fork invents ("limited", "local", …) is taken as
 * private: better kept off a wall by mistake than shown there by mistake.
 */
function visibilityOf(v: string | null | undefined): Visibility {
  if (v === null || v === undefined) return 'public';
  return (VISIBILITIES as readonly string[]).includes(v) ? (v as Visibility) : 'private';
}

function qualify(acct: string, host: string | null): string {
  const bare = acct.replace(/^@/, '');
  return bare.includes('@') || !host ? bare : `${bare}@${host}`;
}

/** The post, or null when the status is unusable (parseStatus says why). */
export function normalizeStatus(raw: unknown, domain?: string): IncomingPost | null {
  const r = parseStatus(raw, domain);
  return r.ok ? r.post : null;
}

/** Compares Mastodon ids: numeric strings (snowflakes) by value, others (flake ids) by length then text. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? a.replace(/^0+(?=\d)/, '') : a;
  const nb = /^\d+$/.test(b) ? b.replace(/^0+(?=\d)/, '') : b;
  if (na.length !== nb.length) return na.length < nb.length ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function maxId(ids: Iterable<string>): string | null {
  let m: string | null = null;
  for (const i of ids) if (m === null || compareIds(i, m) > 0) m = i;
  return m;
}

export function minId(ids: Iterable<string>): string | null {
  let m: string | null = null;
  for (const i of ids) if (m === null || compareIds(i, m) < 0) m = i;
  return m;
}
