/**
 * How long a post is, counted the way Mastodon's StatusLengthValidator counts it — the one rule
 * the composer's counter, the engine's check before sending and the sandbox's validation share:
 *
 * - user-perceived characters (grapheme clusters): a family emoji or a flag is one;
 * - every http(s) link is 23 characters, however long or short (characters_reserved_per_url);
 * - a remote mention `@user@domain` counts as `@user` (the domain is free);
 * - the content warning (spoiler_text) counts too, in front of the text.
 */

/** Mastodon reserves this many characters for every link. */
export const MASTODON_URL_LENGTH = 23;

// A link starts with its scheme (a bare "example.com" is plain text to Mastodon), and not in the
// middle of a word, an @handle or a #tag.
const URL_RE = /(^|[^\p{L}\p{N}_@#$])(https?:\/\/[^\s<>"]+)/giu;
// Trailing punctuation ends a sentence, not the link ("see https://x.example/a.").
const TRAILING = /[.,:;!?'"]+$/;
// Account::MENTION_RE: not after a word character, "=" or "/"; the part after the second @ is the domain.
const REMOTE_MENTION_RE = /(^|[^/=\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*/giu;

let segmenter: Intl.Segmenter | null | undefined;

/** User-perceived characters (what Ruby's grapheme_length counts). */
export function graphemeCount(text: string): number {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** The link as Mastodon reads it: sentence punctuation after it, or a closing paren it didn't open, stay outside. */
function linkPart(url: string): string {
  let u = url.replace(TRAILING, '');
  for (;;) {
    const opens = (u.match(/\(/g) ?? []).length;
    const closes = (u.match(/\)/g) ?? []).length;
    if (!u.endsWith(')') || closes <= opens) return u;
    u = u.slice(0, -1).replace(TRAILING, '');
  }
}

/** The text with every link replaced by 23 placeholders and every remote mention by its local part. */
function countable(text: string): string {
  return text
    .replace(URL_RE, (_m, before: string, url: string) => {
      const link = linkPart(url);
      // "https://" followed by punctuation only is not a link.
      if (!/^https?:\/\/[\p{L}\p{N}]/iu.test(link)) return before + url;
      return before + 'x'.repeat(MASTODON_URL_LENGTH) + url.slice(link.length);
    })
    .replace(REMOTE_MENTION_RE, '$1@$2');
}

/** The length Mastodon checks against its limit (500 by default). */
export function mastodonLength(text: string, spoilerText = ''): number {
  return graphemeCount(spoilerText + countable(text));
}
