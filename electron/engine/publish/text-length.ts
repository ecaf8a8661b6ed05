import type { Platform } from '../../../shared/domain.js';
import { TEXT_LIMITS } from '../../../shared/publishing.js';

const URL_RE = /https?:\/\/[^\s<>"]+/gi;
/** Mastodon counts every link as 23 characters, however long (StatusLengthValidator). */
const MASTODON_URL_LENGTH = 23;
const MENTION_DOMAIN = /(^|[^\w@])@(\w+)@[\w.-]+\w/g;

/** Length as Mastodon counts it: code points, links as 23, a mention's @domain not at all. */
export function mastodonLength(text: string): number {
  const counted = text.replace(URL_RE, 'x'.repeat(MASTODON_URL_LENGTH)).replace(MENTION_DOMAIN, '$1@$2');
  return [...counted].length;
}

const PLATFORM_NAMES: Record<Platform, string> = { mastodon: 'Mastodon' };

/** null when the text fits; otherwise what a person needs to hear ("12 characters over Mastodon's 500"). */
export function textTooLong(platform: Platform, text: string): string | null {
  const limit = TEXT_LIMITS[platform];
  const length = mastodonLength(text);
  if (length <= limit) return null;
  return `${length - limit} characters over ${PLATFORM_NAMES[platform]}'s ${limit}`;
}
