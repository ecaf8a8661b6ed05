import { createMatcher, ParseError, parseQuery, prepareMatchDoc, usesTopicField, type MatchDoc, type MatchInput } from '../../../../shared/listen';
import type { ConversationView } from '../../../../shared/queue-views';
import type { Intent, QueryError, Sentiment, Stage } from '../../../../shared/understanding';
import type { KeyValueStorage } from '../../store/storage';

export type ConversationPredicate = (c: ConversationView) => boolean;

/**
 * What a desk query tests of a conversation: the latest customer message (its text and the
 * engine's understanding of it) and the conversation's fields. The conversation's queue tags count
 * as hashtags, so `#billing` finds both a post's hashtag and a conversation tagged `billing`.
 * Conversations carry no topics, so a desk query can't use `topic:` (it says so at its position).
 */
export function conversationMatchInput(c: ConversationView): MatchInput {
  return {
    text: c.preview ?? '',
    hashtags: c.tags,
    mentions: [],
    author: c.author.handle,
    platform: c.platform,
    lang: c.badges.language,
    url: null,
    isReply: false,
    hasMedia: false,
    sentiment: c.badges.sentiment as Sentiment | null,
    intent: c.badges.intent as Intent | null,
    stage: c.badges.stage as Stage | null,
    topics: [],
  };
}

/** Prepared once per conversation version (a change replaces the object), not once per keystroke. */
const docs = new WeakMap<ConversationView, MatchDoc>();
function docOf(c: ConversationView): MatchDoc {
  let d = docs.get(c);
  if (d === undefined) {
    d = prepareMatchDoc(conversationMatchInput(c));
    docs.set(c, d);
  }
  return d;
}

/** Parses a desk query; throws `ParseError` (position and hint) for what the desk can't filter by. */
function parseDeskQuery(query: string) {
  const ast = parseQuery(query);
  if (usesTopicField(ast)) {
    const at = Math.max(0, query.search(/topic:/i));
    throw new ParseError('the desk can’t filter by `topic:`', at, at + 6, 'conversations carry no topics yet: write the topic’s words instead');
  }
  return ast;
}

/** Why a desk query doesn't parse, or null when it does. */
export function checkDeskQuery(query: string): QueryError | null {
  try {
    parseDeskQuery(query);
    return null;
  } catch (err) {
    if (err instanceof ParseError) return err.toJSON();
    throw err;
  }
}

/** The desk's filter as a predicate: null for an empty query; throws `ParseError` for one that doesn't parse. */
export function conversationFilter(query: string): ConversationPredicate | null {
  if (!query.trim()) return null;
  const matcher = createMatcher();
  matcher.set('q', parseDeskQuery(query));
  return (c) => matcher.matchDoc(docOf(c)).length > 0;
}

const KEY_PREFIX = 'newsroom.desk.query:';

/** Each user's desk query is remembered in this browser (several people may share a machine). */
export function loadDeskQuery(storage: KeyValueStorage, user: string): string {
  return storage.getItem(KEY_PREFIX + user) ?? '';
}

export function saveDeskQuery(storage: KeyValueStorage, user: string, query: string): void {
  if (query) storage.setItem(KEY_PREFIX + user, query);
  else storage.removeItem(KEY_PREFIX + user);
}
