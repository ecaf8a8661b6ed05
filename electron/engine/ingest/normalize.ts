import type { Item } from '../../../shared/domain.js';
import { capHtml, capText, MAX_HTML_CHARS } from './limits.js';
import { count, normalizeAuthor, normalizeExtras, sameExtras } from './post-extras.js';
import { escapeHtml, htmlToText, sanitizePlatformHtml } from './sanitize.js';
import type { IncomingPost } from './types.js';

/** A post as the pipeline stores it, before it has an id, a seq, a source or its understanding. */
export type Normal = Omit<Item, 'id' | 'seq' | 'sourceId' | 'ingestedAt' | 'deletedAt' | 'enrichment' | 'topics'>;

/** What a tombstone keeps of a post's content: nothing the author wrote or attached, nor what was read in it. */
export const DELETED_CONTENT = {
  text: '',
  html: '',
  contentWarning: null,
  media: [],
  poll: null,
  emojis: [],
  enrichment: null,
  topics: [],
} satisfies Partial<Item>;

/** The normalize stage: validates, caps and sanitizes one post; a string says why it was rejected. */
export function normalizePost(p: IncomingPost): Normal | string {
  if (!p.nativeId) return 'no native id';
  const created = Date.parse(p.createdAt);
  if (Number.isNaN(created)) return `created_at is not a date: ${String(p.createdAt).slice(0, 40)}`;
  const text = p.text === undefined ? undefined : capText(p.text);
  const raw = capHtml(p.html ?? `<p>${escapeHtml(text ?? '')}</p>`);
  let html = sanitizePlatformHtml(raw.html);
  // Sanitizing may lengthen (entities, closing tags); the cap holds for what is stored.
  if (html.length > MAX_HTML_CHARS) html = sanitizePlatformHtml(capHtml(html, MAX_HTML_CHARS - 2_000).html);
  if (raw.cut && !html.endsWith('…</p>')) html += '<p>…</p>';
  const edited = p.editedAt && !Number.isNaN(Date.parse(p.editedAt)) ? new Date(p.editedAt).toISOString() : null;
  return {
    platform: p.platform,
    nativeId: p.nativeId,
    url: p.url && /^https?:\/\//i.test(p.url) ? p.url : null,
    // Reach as the platform says it now: kept with the post, for alert and triage rules.
    author: { ...normalizeAuthor(p.author), followers: count(p.authorSignals?.followers) },
    html,
    text: text ?? capText(htmlToText(html)),
    lang: p.lang,
    tags: [...new Set(p.tags.map((t) => t.toLowerCase()))],
    createdAt: new Date(created).toISOString(),
    replyTo: p.replyTo,
    editedAt: edited,
    visibility: p.visibility ?? 'public',
    ...normalizeExtras(p),
  };
}

/** Nothing a reader would see changed: a re-served copy, not an edit. */
export function sameContent(a: Item, b: Normal): boolean {
  return a.html === b.html && a.editedAt === b.editedAt && a.lang === b.lang && a.author.name === b.author.name && sameExtras(a, b);
}
