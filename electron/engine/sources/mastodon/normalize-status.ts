import { z } from 'zod';
import { VISIBILITIES, type Visibility } from '../../../../shared/domain.js';
import type { IncomingPost } from '../../ingest/types.js';

/**
 * Mastodon Status → IncomingPost. Lenient on purpose: unknown fields are ignored and optional
 * ones may be missing or null, because statuses come from every kind of federated server. What
 * we can't do without (uri, account, content, created_at) rejects that one status, never the page.
 * `content` passes through raw: sanitizing is the ingest pipeline's job, done in one place.
 */

const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const optText = z.string().nullish();

const AccountSchema = z.object({
  acct: z.string().min(1),
  username: z.string().min(1),
  display_name: optText,
  url: optText,
  avatar: optText,
});

export const StatusSchema = z.object({
  id,
  uri: z.string().min(1),
  url: optText,
  created_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  content: z.string(),
  language: optText,
  // Tags that aren't {name: string} are skipped, not fatal.
  tags: z.array(z.unknown()).nullish(),
  in_reply_to_id: id.nullish(),
  edited_at: optText,
  visibility: optText,
  account: AccountSchema,
});

export type NormalizeResult =
  | { ok: true; localId: string; editedAt: string | null; post: IncomingPost }
  | { ok: false; localId: string | null; reason: string };

/** The status's local id, if it has a usable one (paging needs it even when the rest is bad). */
export function rawId(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const v = (raw as { id?: unknown }).id;
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
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

/** The host accounts without a domain in their acct belong to (null when the URL is unusable). */
function instanceHost(instanceUrl: string | undefined): string | null {
  if (!instanceUrl) return null;
  try {
    return new URL(instanceUrl).host || null;
  } catch {
    return null;
  }
}

/**
 * Validates and converts one status. `instanceUrl` is the server it was read from: Mastodon's
 * acct is "user" for that server's own accounts and "user@domain" for remote ones, so local ones
 * get "@host" added, and one person seen through two servers has one handle.
 */
export function parseStatus(raw: unknown, instanceUrl?: string): NormalizeResult {
  const parsed = StatusSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'status';
    return { ok: false, localId: rawId(raw), reason: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  const s = parsed.data;
  const editedAt = s.edited_at ?? null;
  return {
    ok: true,
    localId: s.id,
    editedAt,
    post: {
      platform: 'mastodon',
      // uri is the ActivityPub id: the same post seen through two servers has one uri.
      nativeId: s.uri,
      url: s.url ?? s.uri,
      author: {
        handle: qualify(s.account.acct, instanceHost(instanceUrl)),
        name: s.account.display_name || s.account.username,
        url: s.account.url ?? null,
        avatarUrl: s.account.avatar ?? null,
      },
      html: s.content,
      lang: s.language ?? null,
      tags: tagNames(s.tags),
      createdAt: s.created_at,
      replyTo: s.in_reply_to_id ?? null,
      editedAt,
      visibility: visibilityOf(s.visibility),
    },
  };
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
export function normalizeStatus(raw: unknown, instanceUrl?: string): IncomingPost | null {
  const r = parseStatus(raw, instanceUrl);
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
