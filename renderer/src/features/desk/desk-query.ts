import { createMatcher, prepareMatchDoc, topicValuesOf, type MatchDoc, type MatchInput } from '../../../../shared/listen';
import type { ConversationView } from '../../../../shared/queue-views';
import type { Topic } from '../../../../shared/topics';
import type { Intent, Sentiment, Stage } from '../../../../shared/understanding';
import type { KeyValueStorage } from '../../store/storage';

export type ConversationPredicate = (c: ConversationView) => boolean;
type TopicNames = ReadonlyMap<string, string>;

/**
 * What a desk query tests of a conversation: the latest customer message (its text, the engine's
 * understanding of it and the topics it was tagged with when it arrived) and the conversation's
 * fields. The conversation's queue tags count as hashtags, so `#billing` finds both a post's
 * hashtag and a conversation tagged `billing`. `topic:` takes a topic's id or its name.
 */
export function conversationMatchInput(c: ConversationView, names: TopicNames = new Map()): MatchInput {
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
    topics: topicValuesOf({ topics: c.badges.topics ?? [] }, names),
  };
}

/**
 * Prepared once per conversation version (a change replaces the object), not once per keystroke;
 * started afresh when the topics' names change.
 */
let docs = new WeakMap<ConversationView, MatchDoc>();
let docsNames = '';
function docOf(c: ConversationView, names: TopicNames, namesKey: string): MatchDoc {
  if (namesKey !== docsNames) {
    docs = new WeakMap();
    docsNames = namesKey;
  }
  let d = docs.get(c);
  if (d === undefined) {
    d = prepareMatchDoc(conversationMatchInput(c, names));
    docs.set(c, d);
  }
  return d;
}

/** The desk's filter as a predicate: null for an empty query; throws `ParseError` for one that doesn't parse. */
export function conversationFilter(query: string, topics: readonly Pick<Topic, 'id' | 'name'>[] = []): ConversationPredicate | null {
  if (!query.trim()) return null;
  const matcher = createMatcher();
  matcher.set('q', query);
  const names: TopicNames = new Map(topics.map((t) => [t.id, t.name]));
  const namesKey = JSON.stringify([...names]);
  return (c) => matcher.matchDoc(docOf(c, names, namesKey)).length > 0;
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
