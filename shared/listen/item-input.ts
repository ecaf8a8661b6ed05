import type { Item } from '../domain.js';
import type { Enrichment } from '../understanding.js';
import type { MatchInput } from './match-input.js';

/** The fields of a post (stored, or about to be) a query can test. */
export type MatchableItem = Pick<Item, 'text' | 'contentWarning' | 'tags' | 'author' | 'platform' | 'lang' | 'url' | 'html' | 'replyTo' | 'media'>;

const LINK = /<a\s([^>]*)>/gi;
const HREF = /\bhref="(https?:\/\/[^"]+)"/i;
const TAG_OR_MENTION = /\bclass="[^"]*\b(?:mention|hashtag)\b/i;

/** Links a post's (sanitized) HTML carries, leaving out Mastodon's own #tag and @mention links. */
export function linksOf(html: string): string[] {
  if (!html.includes('<a')) return [];
  const out: string[] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(html); m && out.length < 20; m = LINK.exec(html)) {
    const attrs = m[1]!;
    if (TAG_OR_MENTION.test(attrs)) continue;
    const href = HREF.exec(attrs);
    if (href) out.push(href[1]!.replace(/&amp;/g, '&'));
  }
  return out;
}

/** The words a post says: its content warning (a topic, often) and its text. */
export function textOf(n: Pick<Item, 'text' | 'contentWarning'>): string {
  return n.contentWarning ? `${n.contentWarning}\n${n.text}` : n.text;
}

/**
 * What the matcher needs of a post and its enrichment. `topics` are what `topic:` tests: the
 * ingest pipeline passes none (topics are matched side by side); a stored item's filter passes
 * its topics' ids and names, so `topic:kettlebird` and `topic:"Kettlebird Coffee"` both work.
 */
export function matchInputOf(n: MatchableItem, e: Enrichment | null, topics: readonly string[] = []): MatchInput {
  return {
    text: textOf(n),
    hashtags: n.tags,
    mentions: [],
    author: n.author.handle,
    platform: n.platform,
    lang: e?.lang.value ?? n.lang,
    url: n.url,
    links: linksOf(n.html),
    isReply: n.replyTo !== null,
    hasMedia: n.media.length > 0,
    sentiment: e?.sentiment.label ?? null,
    intent: e?.intent.label ?? null,
    stage: e?.stage.label ?? null,
    topics,
  };
}
