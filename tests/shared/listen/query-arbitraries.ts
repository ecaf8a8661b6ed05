import fc from 'fast-check';
import type { QueryNode } from '../../../shared/listen/ast.js';
import { INTENTS, SENTIMENTS, STAGES } from '../../../shared/understanding.js';

/** Folded words: queries and posts draw from the same few so that random queries do match. */
export const VOCAB = ['coffee', 'cafe', 'refund', 'refunds', 'brew', 'cold', 'order', 'late', 'not', 'bad', 'and', 'near', 'x1', 'zu'];
const PREFIXES = ['ref', 'refu', 'cof', 'bre', 'ord', 'caf'];
const TAGS = ['brewco', 'coffee', 'cold_brew'];
const HANDLES = ['brewco', 'anna', 'brewco@mastodon.social'];
const TOPICS = ['competitors', 'cold brew', 'say "hi"', 'back\\slash'];

const at = { start: 0, end: 0 };
const word = fc.constantFrom(...VOCAB);

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  word.map((value) => ({ type: 'term', value, ...at }) as QueryNode),
  fc.array(word, { minLength: 2, maxLength: 3 }).map((words) => ({ type: 'phrase', words, ...at }) as QueryNode),
  fc.constantFrom(...PREFIXES).map((prefix) => ({ type: 'wildcard', prefix, ...at }) as QueryNode),
  fc.constantFrom(...TAGS).map((value) => ({ type: 'hashtag', value, ...at }) as QueryNode),
  fc.constantFrom(...HANDLES).map((value) => ({ type: 'mention', value, ...at }) as QueryNode),
);

const field: fc.Arbitrary<QueryNode> = fc
  .oneof(
    fc.constantFrom(...HANDLES).map((value) => ['author', value] as const),
    fc.constant(['platform', 'mastodon'] as const),
    fc.constantFrom('en', 'de').map((value) => ['lang', value] as const),
    fc.constantFrom('example.com', 'shop.example.com', 'brewco.org').map((value) => ['site', value] as const),
    fc.constant(['is', 'reply'] as const),
    fc.constant(['has', 'media'] as const),
    fc.constantFrom(...SENTIMENTS).map((value) => ['sentiment', value] as const),
    fc.constantFrom(...INTENTS).map((value) => ['intent', value] as const),
    fc.constantFrom(...STAGES).map((value) => ['stage', value] as const),
    fc.constantFrom(...TOPICS).map((value) => ['topic', value] as const),
  )
  .map(([f, value]) => ({ type: 'field', field: f, value, ...at }) as QueryNode);

/** Trees in the parser's canonical shape: AND/OR children never repeat their parent's type. */
export const queryTree: fc.Arbitrary<QueryNode> = fc.letrec<{ node: QueryNode; positional: QueryNode }>((tie) => ({
  positional: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .array(tie('positional'), { minLength: 2, maxLength: 3 })
      .map((cs) => ({ type: 'or', children: cs.flatMap((c) => (c.type === 'or' ? c.children : [c])), ...at }) as QueryNode),
    fc
      .tuple(tie('positional'), tie('positional'), fc.integer({ min: 1, max: 6 }), fc.boolean())
      .map(([left, right, distance, ordered]) => ({ type: 'near', left, right, distance, ordered, ...at }) as QueryNode),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    field,
    tie('positional'),
    tie('node').map((child) => ({ type: 'not', child, ...at }) as QueryNode),
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(tie('node'), { minLength: 2, maxLength: 4 }))
      .map(([type, cs]) => ({ type, children: cs.flatMap((c) => (c.type === type ? c.children : [c])), ...at }) as QueryNode),
  ),
})).node;

/** Post texts over the same vocabulary, with case, accents, punctuation, hashtags and mentions. */
export const postText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: word },
      // A few words often, so phrases and NEAR pairs from the queries do occur.
      { weight: 6, arbitrary: fc.constantFrom('coffee', 'cold', 'brew', 'refund', 'late') },
      { weight: 1, arbitrary: fc.constantFrom('Café', 'COFFEE', 'Refund!', 'brew-cold', "don't", 'ÇAFÉ') },
      { weight: 1, arbitrary: fc.constantFrom('#BrewCo', '#coffee', '#cold_brew', 'C#', '@brewco', '@BrewCo@mastodon.social', '@anna', 'me@brewco.org') },
      { weight: 1, arbitrary: fc.constantFrom('.', ',', '!!', '…', '—', '(', ')', '"', '☕', '😡') },
    ),
    { maxLength: 14 },
  )
  .map((ws) => ws.join(' '));
