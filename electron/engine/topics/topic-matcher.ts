import type { Topic } from '../../../shared/topics.js';
import type { Logger } from '../engine-types.js';
import { createMatcher, parseQuery, type MatchInput, type QueryNode } from '../listen/index.js';
import { ParseError } from '../listen/parse-error.js';

/**
 * The topics' queries in one matcher (one automaton for all their literals): the ingest
 * pipeline's match stage asks it which topics a post is about.
 */
export interface TopicMatcher {
  /** Replaces every topic (engine start). A stored query that no longer parses is skipped and logged. */
  load(topics: readonly Topic[]): void;
  /** Adds or replaces one topic; throws `ParseError` for a query that doesn't parse (nothing changes then). */
  set(topic: Topic): void;
  delete(id: string): void;
  /** Ids of the topics the post matches, in the order they were added. */
  match(input: MatchInput): string[];
  size(): number;
}

/** Whether a query mentions `topic:` anywhere (a topic's own query can't: topics are matched together). */
export function usesTopicField(n: QueryNode): boolean {
  switch (n.type) {
    case 'field':
      return n.field === 'topic';
    case 'and':
    case 'or':
      return n.children.some(usesTopicField);
    case 'not':
      return usesTopicField(n.child);
    case 'near':
      return usesTopicField(n.left) || usesTopicField(n.right);
    default:
      return false;
  }
}

/** Parses a topic's query; throws `ParseError` (with the position and a hint) for what a topic can't use. */
export function parseTopicQuery(query: string): QueryNode {
  const ast = parseQuery(query);
  if (usesTopicField(ast)) {
    const at = query.search(/topic:/i);
    throw new ParseError('a topic’s query can’t use `topic:`', Math.max(0, at), Math.max(0, at) + 6, 'topics are matched side by side: write the other topic’s words instead of `topic:`');
  }
  return ast;
}

export function createTopicMatcher(log?: Logger): TopicMatcher {
  let matcher = createMatcher();
  return {
    load(topics) {
      matcher = createMatcher();
      for (const t of topics) {
        try {
          matcher.set(t.id, parseTopicQuery(t.query));
        } catch (err) {
          log?.warn('a stored topic query does not parse; the topic matches nothing until it is fixed', { topic: t.id, error: String(err) });
        }
      }
    },
    set(topic) {
      matcher.set(topic.id, parseTopicQuery(topic.query));
    },
    delete(id) {
      matcher.delete(id);
    },
    match(input) {
      return matcher.match(input);
    },
    size: () => matcher.stats().queries,
  };
}
