import type { Platform } from '../../../shared/domain';
import { graphemeCount, mastodonLength, MASTODON_URL_LENGTH } from '../../../shared/mastodon-length';
import { TEXT_LIMITS } from '../../../shared/publishing';

export { MASTODON_URL_LENGTH };

/** User-perceived characters: an emoji with a skin tone or a flag is one, as Mastodon counts them. */
export const graphemes = graphemeCount;

/**
 * How many characters `text` uses on `platform`, counted the way that platform enforces its
 * limit — the same function the engine checks with before sending, so the counter never says
 * 483/500 for a post the engine then refuses.
 */
export function countChars(text: string, platform: Platform): number {
  switch (platform) {
    case 'mastodon':
      return mastodonLength(text);
    default:
      return graphemeCount(text);
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
