import type { QueryError } from '../understanding.js';
import { ParseError } from './parse-error.js';
import { parseQuery } from './parser.js';
import { parseTopicQuery } from './topic-query.js';

/**
 * Why a query doesn't parse (position, end and a hint), or null when it does: what the query
 * editor shows under the text. `forTopic` adds the one rule a topic's own query has (no `topic:`).
 */
export function checkQuery(query: string, opts: { forTopic?: boolean } = {}): QueryError | null {
  try {
    if (opts.forTopic) parseTopicQuery(query);
    else parseQuery(query);
    return null;
  } catch (err) {
    if (err instanceof ParseError) return err.toJSON();
    throw err;
  }
}
