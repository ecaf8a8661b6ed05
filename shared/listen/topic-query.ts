import type { QueryNode } from './ast.js';
import { ParseError } from './parse-error.js';
import { parseQuery } from './parser.js';

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
