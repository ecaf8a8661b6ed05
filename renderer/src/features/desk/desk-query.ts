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

const keyOf = (names: TopicNames) => JSON.stringify([...names]);
const namesOf = (topics: readonly Pick<Topic, 'id' | 'name'>[]): TopicNames => new Map(topics.map((t) => [t.id, t.name]));

/**
 * Runs `keep` over `conversations` a few milliseconds at a time (each answer is remembered by
 * `keep`), then calls `done`: a query over 10,000 conversations never blocks the page in one task.
 * Returns a function that stops it (the person typed on).
 */
export function evaluateInSlices(keep: ConversationPredicate, conversations: readonly ConversationView[], done: () => void, sliceMs = 8): () => void {
  let i = 0;
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const until = performance.now() + sliceMs;
    while (i < conversations.length) {
      keep(conversations[i++]!);
      if (performance.now() >= until) break;
    }
    if (i < conversations.length) timer = setTimeout(step, 0);
    else done();
  };
  let timer = setTimeout(step, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The desk's filter as a predicate (remembering its answers): null for an empty query; throws `ParseError` for one that doesn't parse. */
export function conversationFilter(query: string, topics: readonly Pick<Topic, 'id' | 'name'>[] = []): ConversationPredicate | null {
  if (!query.trim()) return null;
  const matcher = createMatcher();
  matcher.set('q', query);
  const names = namesOf(topics);
  const namesKey = keyOf(names);
  // One answer per conversation version: the list re-renders without matching again.
  const answers = new WeakMap<ConversationView, boolean>();
  return (c) => {
    let yes = answers.get(c);
    if (yes === undefined) {
      yes = matcher.matchDoc(docOf(c, names, namesKey)).length > 0;
      answers.set(c, yes);
    }
    return yes;
  };
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
