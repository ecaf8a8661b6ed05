import type { Topic } from '../../../shared/topics.js';
import type { Logger } from '../engine-types.js';
import { createMatcher, parseTopicQuery, type MatchInput } from '../../../shared/listen/index.js';

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
