import type { Enrichment } from '../../../shared/understanding.js';
import type { AuthorSignals, Enricher } from '../enrich/index.js';
import type { MatchInput } from '../listen/index.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { Normal } from './normalize.js';

/** The enrich and match stages: what a post is (enrichment) and what it is about (topics). */
export interface Understanding {
  enricher: Enricher;
  topics: TopicMatcher;
}

export interface Understood {
  enrichment: Enrichment;
  topics: string[];
}

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

/** What the matcher needs of a stored (or about to be stored) post and its enrichment. */
export function matchInputOf(n: Normal, e: Enrichment | null, topicNames: readonly string[] = []): MatchInput {
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
    topics: topicNames,
  };
}

/** The words a post says: its content warning (a topic, often) and its text. */
function textOf(n: Pick<Normal, 'text' | 'contentWarning'>): string {
  return n.contentWarning ? `${n.contentWarning}\n${n.text}` : n.text;
}

export function understand(u: Understanding, n: Normal, author: AuthorSignals | undefined): Understood {
  const enrichment = u.enricher.enrich({ text: textOf(n), platformLang: n.lang, author: { handle: n.author.handle, ...author } });
  return { enrichment, topics: u.topics.match(matchInputOf(n, enrichment)) };
}
