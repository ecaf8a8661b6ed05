import { MEDIA_TYPES, type Author, type CustomEmoji, type Item, type MediaAttachment, type MediaType, type Poll } from '../../../shared/domain.js';
import type { IncomingAuthor, IncomingPost } from './types.js';

/**
 * Normalizes what a post carries besides its text: content warning, sensitive flag, media,
 * poll, custom emoji and boosters. All of it is platform data (plain text and URLs, never HTML):
 * URLs must be http(s), text loses control characters, and every list is bounded, so a hostile
 * server can neither smuggle a scheme to a view nor bloat a row.
 */

/** Mastodon's own caps (alt text 1,500; options 4 locally, more arrive from other servers). */
const MAX_WARNING = 1_000;
const MAX_ALT_TEXT = 1_500;
const MAX_MEDIA = 16;
const MAX_OPTIONS = 20;
const MAX_OPTION_TITLE = 200;
const MAX_EMOJIS = 100;
/** Boosters kept per post: enough to say "boosted by A, B and others". */
export const MAX_BOOSTERS = 5;

export type Extras = Pick<Item, 'contentWarning' | 'sensitive' | 'media' | 'poll' | 'emojis' | 'boostedBy'>;

export function httpUrl(u: string | null | undefined): string | null {
  return typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
}

/** Plain text from a platform: control characters (but newlines and tabs) out, capped. */
function plain(s: string | null | undefined, max: number): string | null {
  if (typeof s !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (t === '') return null;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function emojis(list: readonly CustomEmoji[] | undefined): CustomEmoji[] {
  const out: CustomEmoji[] = [];
  const seen = new Set<string>();
  for (const e of list ?? []) {
    const url = httpUrl(e?.url);
    if (!url || typeof e.shortcode !== 'string' || !/^\w{1,64}$/.test(e.shortcode) || seen.has(e.shortcode)) continue;
    seen.add(e.shortcode);
    out.push({ shortcode: e.shortcode, url, staticUrl: httpUrl(e.staticUrl) ?? url });
    if (out.length >= MAX_EMOJIS) break;
  }
  return out;
}

function media(list: readonly MediaAttachment[] | undefined): MediaAttachment[] {
  return (list ?? []).slice(0, MAX_MEDIA).map((m) => ({
    type: (MEDIA_TYPES as readonly string[]).includes(m?.type) ? (m.type as MediaType) : 'unknown',
    url: httpUrl(m?.url),
    previewUrl: httpUrl(m?.previewUrl),
    description: plain(m?.description, MAX_ALT_TEXT),
  }));
}

/** A count from a platform (votes, followers): a finite number ≥ 0, whole, or null. */
export const count = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) + 0 : null); // + 0: never -0

function poll(p: Poll | null | undefined): Poll | null {
  if (!p || !Array.isArray(p.options) || p.options.length === 0) return null;
  const expires = p.expiresAt && !Number.isNaN(Date.parse(p.expiresAt)) ? new Date(p.expiresAt).toISOString() : null;
  return {
    options: p.options.slice(0, MAX_OPTIONS).map((o) => ({ title: plain(o?.title, MAX_OPTION_TITLE) ?? '', votes: count(o?.votes) })),
    votes: count(p.votes) ?? 0,
    voters: count(p.voters),
    multiple: p.multiple === true,
    expiresAt: expires,
    expired: p.expired === true,
  };
}

export function normalizeAuthor(a: IncomingAuthor): Author {
  return {
    handle: a.handle,
    name: a.name || a.handle,
    url: httpUrl(a.url),
    avatarUrl: httpUrl(a.avatarUrl),
    emojis: emojis(a.emojis),
  };
}

export function normalizeExtras(p: IncomingPost): Extras {
  return {
    contentWarning: plain(p.contentWarning, MAX_WARNING),
    sensitive: p.sensitive === true,
    media: media(p.media),
    poll: poll(p.poll),
    emojis: emojis(p.emojis),
    boostedBy: (p.boostedBy ?? []).slice(0, MAX_BOOSTERS).map(normalizeAuthor),
  };
}

/** The stored boosters plus the new ones: newest first, each person once, a few at most. */
export function mergeBoosters(stored: readonly Author[] | undefined, incoming: readonly Author[]): Author[] {
  const out: Author[] = [];
  for (const a of [...incoming, ...(stored ?? [])]) {
    if (out.some((b) => b.handle === a.handle)) continue;
    out.push(a);
    if (out.length >= MAX_BOOSTERS) break;
  }
  return out;
}

export function sameExtras(a: Extras, b: Extras): boolean {
  return (
    a.contentWarning === b.contentWarning &&
    a.sensitive === b.sensitive &&
    JSON.stringify(a.media) === JSON.stringify(b.media) &&
    JSON.stringify(a.poll) === JSON.stringify(b.poll) &&
    JSON.stringify(a.emojis) === JSON.stringify(b.emojis) &&
    a.boostedBy.map((x) => x.handle).join('\n') === b.boostedBy.map((x) => x.handle).join('\n')
  );
}
