/** Listening queries: parse, print, match (what ingest and the query editor will use). */
export { isPositional, stripSpans, QUERY_LIMITS, type QueryNode, type SourceSpan } from './ast.js';
export { ParseError } from './parse-error.js';
export { parseQuery } from './parser.js';
export { printQuery } from './printer.js';
export { createMatcher, type Matcher, type MatcherStats } from './matcher.js';
export { prepareMatchDoc, type MatchDoc } from './match-doc.js';
export type { MatchInput } from './match-input.js';
export { linksOf, matchInputOf, textOf, type MatchableItem } from './item-input.js';
export { itemFilter, topicValuesOf, type ItemPredicate } from './item-filter.js';
export { parseTopicQuery, usesTopicField } from './topic-query.js';
export { checkQuery } from './check-query.js';
