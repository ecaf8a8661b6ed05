/**
 * Plain text → Mastodon status HTML, the way Mastodon's TextFormatter does it: escape, link
 * URLs / hashtags / known mentions, then Rails' simple_format (blank line = new <p>, single
 * newline = <br />). Connectors parse this markup, so it has to look like the real thing.
 */

export interface MentionTarget {
  url: string;
  username: string;
}

export interface FormatOptions {
  /** Resolves `@user` / `@user@domain` to a known account; unknown mentions stay plain text. */
  resolveMention: (username: string, domain: string | null) => MentionTarget | null;
  tagUrl: (hashtag: string) => string;
}

// Same shapes as Mastodon's Tag::HASHTAG_RE and Account::MENTION_RE (Unicode-aware, and
// a hashtag needs at least one non-digit, so "#1" is not a tag).
const HASHTAG_RE = /(?<![\p{L}\p{M}\p{N}_=/)#&])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;
const MENTION_RE = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\p{L}\p{N}_.-]+[\p{L}\p{N}_]+))?/giu;
const URL_RE = /https?:\/\/[^\s<>"'`]+/giu;
const TRAILING_PUNCT = /[.,;:!?)\]'"]+$/u;

type Entity =
  | { start: number; end: number; kind: 'url'; value: string }
  | { start: number; end: number; kind: 'tag'; value: string }
  | { start: number; end: number; kind: 'mention'; value: string; domain: string | null };

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function extractEntities(text: string): Entity[] {
  const found: Entity[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const value = m[0].replace(TRAILING_PUNCT, '');
    found.push({ start: m.index, end: m.index + value.length, kind: 'url', value });
  }
  for (const m of text.matchAll(HASHTAG_RE)) {
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'tag', value: m[1] ?? '' });
  }
  for (const m of text.matchAll(MENTION_RE)) {
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'mention', value: m[1] ?? '', domain: m[2] ?? null });
  }
  // URLs win over anything inside them; otherwise earliest first, overlaps dropped.
  found.sort((a, b) => a.start - b.start || (a.kind === 'url' ? -1 : 1));
  const out: Entity[] = [];
  let cursor = 0;
  for (const e of found) {
    if (e.start < cursor) continue;
    out.push(e);
    cursor = e.end;
  }
  return out;
}

function linkUrl(url: string): string {
  const prefix = /^(https?:\/\/(www\.)?)/i.exec(url)?.[0] ?? '';
  const rest = url.slice(prefix.length);
  const display = rest.slice(0, 30);
  const suffix = rest.slice(30);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener noreferrer">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${rest.length > 30 ? 'ellipsis' : ''}">${escapeHtml(display)}</span>` +
    `<span class="invisible">${escapeHtml(suffix)}</span></a>`
  );
}

/** Rails' simple_format, then Mastodon strips the remaining newlines. */
function simpleFormat(html: string): string {
  const paragraphs = html.replace(/\r\n?/g, '\n').split(/\n\n+/);
  return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`).join('');
}

export function formatText(text: string, opts: FormatOptions): string {
  if (text.trim() === '') return '';
  let out = '';
  let last = 0;
  for (const e of extractEntities(text)) {
    out += escapeHtml(text.slice(last, e.start));
    const raw = text.slice(e.start, e.end);
    if (e.kind === 'url') out += linkUrl(e.value);
    else if (e.kind === 'tag')
      out += `<a href="${escapeHtml(opts.tagUrl(e.value))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(e.value)}</span></a>`;
    else {
      const target = opts.resolveMention(e.value, e.domain);
      out += target
        ? `<span class="h-card" translate="no"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(target.username)}</span></a></span>`
        : escapeHtml(raw);
    }
    last = e.end;
  }
  out += escapeHtml(text.slice(last));
  return simpleFormat(out);
}

/** Lower-cased, NFKC-normalised tag name: the key Mastodon stores and matches tags by. */
export function normalizeTag(name: string): string {
  return name.replace(/^#/, '').normalize('NFKC').toLowerCase();
}

/** Hashtags as written (first spelling wins), de-duplicated by normalised name. */
export function extractHashtags(text: string): string[] {
  const seen = new Map<string, string>();
  for (const m of text.matchAll(HASHTAG_RE)) {
    const tag = m[1] ?? '';
    const key = normalizeTag(tag);
    if (!seen.has(key)) seen.set(key, tag);
  }
  return [...seen.values()];
}

export function extractMentions(text: string): { username: string; domain: string | null }[] {
  const out: { username: string; domain: string | null }[] = [];
  for (const e of extractEntities(text)) if (e.kind === 'mention') out.push({ username: e.value, domain: e.domain });
  return out;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Rough HTML → text for searching html-only (replayed) statuses; never used for display. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z0-9]+);/gi, (m, ent: string) => {
      const lower = ent.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 32);
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10) || 32);
      return NAMED_ENTITIES[lower] ?? m;
    });
}
