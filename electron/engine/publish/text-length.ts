import type { Platform } from '../../../shared/domain.js';
import { mastodonLength } from '../../../shared/mastodon-length.js';
import { TEXT_LIMITS } from '../../../shared/publishing.js';

export { mastodonLength };

const PLATFORM_NAMES: Record<Platform, string> = { mastodon: 'Mastodon' };

/** null when the text fits; otherwise what a person needs to hear ("12 characters over Mastodon's 500"). */
export function textTooLong(platform: Platform, text: string): string | null {
  const limit = TEXT_LIMITS[platform];
  const length = mastodonLength(text);
  if (length <= limit) return null;
  return `${length - limit} characters over ${PLATFORM_NAMES[platform]}'s ${limit}`;
}
