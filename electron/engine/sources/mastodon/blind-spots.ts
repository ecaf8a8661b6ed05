import type { SourceConfig } from '../../../../shared/domain.js';

/**
 * What a Mastodon source is configured to hear but can't, said plainly (sources.add answers
 * with it, health shows it). Mastodon does not serve full-text search of posts to anonymous
 * clients: an anonymous /api/v2/search answers with no statuses at all, so a search term on a
 * source without an access token would look fine and never hear a thing.
 */
export function searchBlindSpot(config: SourceConfig, hasToken: boolean): string | null {
  const terms = [...new Set(config.terms.map((t) => t.trim()).filter((t) => t !== ''))];
  if (hasToken || terms.length === 0) return null;
  const list = terms.map((t) => `"${t}"`).join(', ');
  return `search terms not heard: ${list} — Mastodon does not search post text for clients without an access token; add a token with the read:search scope, or listen to hashtags instead`;
}

/** Mentions are the brand account's notifications: they need its token. */
export const MENTIONS_NEED_TOKEN = 'listening to mentions needs an access token';
