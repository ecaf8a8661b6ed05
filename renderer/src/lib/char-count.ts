import type { Platform } from '../../../shared/domain';
import { TEXT_LIMITS } from '../../../shared/publishing';

/** Mastodon counts every link as this many characters, however long it is. */
export const MASTODON_URL_LENGTH = 23;

// Links as Mastodon finds them: with a scheme (a bare "example.com" is plain text to it).
const URL_RE = /https?:\/\/[^\s<>"]+/gi;
// Trailing punctuation ends a sentence, not the link ("see https://x.example/a.").
const TRAILING = /[.,:;!?'"]+$/;
// "@name@instance.example" counts as "@name": the domain is free.
const REMOTE_MENTION_RE = /(^|[^/\w])@([a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)@[\w.-]*\w/gi;

let segmenter: Intl.Segmenter | null | undefined;

/** User-perceived characters: an emoji with a skin tone or a flag is one, as Mastodon counts them. */
export function graphemes(text: string): number {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function stripUrl(url: string): string {
  let u = url.replace(TRAILING, '');
  // A closing paren belongs to the link only when the link opened one: "(see https://x.example/a)".
  if (u.endsWith(')') && !u.includes('(')) u = u.slice(0, -1).replace(TRAILING, '');
  return u;
}

/** How many characters `text` uses on `platform`, counted the way that platform enforces its limit. */
export function countChars(text: string, platform: Platform): number {
  switch (platform) {
    case 'mastodon': {
      const countable = text
        .replace(URL_RE, (url) => {
          const link = stripUrl(url);
          return 'x'.repeat(MASTODON_URL_LENGTH) + url.slice(link.length);
        })
        .replace(REMOTE_MENTION_RE, '$1@$2');
      return graphemes(countable);
    }
    default:
      return graphemes(text);
  }
}

export interface Counter {
  platform: Platform;
  used: number;
  limit: number;
  remaining: number;
  over: boolean;
}

export function counterFor(text: string, platform: Platform): Counter {
  const used = countChars(text, platform);
  const limit = TEXT_LIMITS[platform];
  return { platform, used, limit, remaining: limit - used, over: used > limit };
}
