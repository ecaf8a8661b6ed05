import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans, type QueryNode } from '../../../shared/listen/ast.js';
import { ParseError } from '../../../shared/listen/parse-error.js';
import { parseQuery } from '../../../shared/listen/parser.js';
import { printQuery } from '../../../shared/listen/printer.js';
import { queryTree } from './query-arbitraries.js';

const tree = (q: string) => stripSpans(parseQuery(q));

function parseError(q: string): ParseError {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected ${q} not to parse`);
}

describe('query parser', () => {
  it('reads terms, phrases, wildcards, hashtags, mentions and fields, folding case and accents', () => {
    expect(tree('Café')).toEqual({ type: 'term', value: 'cafe' });
    expect(tree('"Cold  Brew"')).toEqual({ type: 'phrase', words: ['cold', 'brew'] });
    expect(tree('e-mail')).toEqual({ type: 'phrase', words: ['e', 'mail'] });
    expect(tree('Refün*')).toEqual({ type: 'wildcard', prefix: 'refun' });
    expect(tree('#BrewCo')).toEqual({ type: 'hashtag', value: 'brewco' });
    expect(tree('@BrewCo@Mastodon.social')).toEqual({ type: 'mention', value: 'brewco@mastodon.social' });
    expect(tree('Author:@Anna')).toEqual({ type: 'field', field: 'author', value: 'anna' });
    expect(tree('topic:"Cold Brew"')).toEqual({ type: 'field', field: 'topic', value: 'cold brew' });
    expect(tree('site:www.Example.com')).toEqual({ type: 'field', field: 'site', value: 'example.com' });
    expect(tree('straße')).toEqual(tree('STRASSE'));
  });

  it('gives AND precedence over OR, reads a space as AND and -x / NOT x as negation', () => {
    expect(printQuery(parseQuery('a b OR c NOT d'))).toBe('(a AND b) OR (c AND NOT d)');
    expect(tree('a -b')).toEqual(tree('a AND NOT b'));
    expect(tree('(a OR (b OR c)) d')).toEqual({
      type: 'and',
      children: [{ type: 'or', children: ['a', 'b', 'c'].map((value) => ({ type: 'term', value })) }, { type: 'term', value: 'd' }],
    });
    // Lower-case words are words: only capitals are operators.
    expect(tree('not and or')).toEqual({ type: 'and', children: ['not', 'and', 'or'].map((value) => ({ type: 'term', value })) });
  });

  it('reads NEAR/n and ordered NEAR/nf over words, phrases and OR groups', () => {
    expect(tree('(coffee OR latte) NEAR/3f "too cold"')).toEqual({
      type: 'near',
      left: { type: 'or', children: [{ type: 'term', value: 'coffee' }, { type: 'term', value: 'latte' }] },
      right: { type: 'phrase', words: ['too', 'cold'] },
      distance: 3,
      ordered: true,
    });
    expect(tree('a NEAR/2 b NEAR/4 c')).toMatchObject({ type: 'near', distance: 4, left: { type: 'near', distance: 2 } });
  });

  it('keeps source positions on every node', () => {
    const q = 'refund* OR "money back"';
    const n = parseQuery(q) as Extract<QueryNode, { type: 'or' }>;
    expect(n.children.map((c) => q.slice(c.start, c.end))).toEqual(['refund*', '"money back"']);
  });

  it.each([
    ['coffee NEAR/ cold', 7, '`NEAR/` needs a number, e.g. `NEAR/5`'],
    ['coffee NEAR cold', 7, 'e.g. `NEAR/5`'],
    ['coffee NEAR/0 cold', 7, 'from 1 to 100'],
    ['coffee near/5 cold', 7, '`NEAR/5`'],
    ['ab* OR x', 0, 'at least 3 letters'],
    ['re*und', 0, 'end of a word'],
    ['(refund OR return', 0, 'add a `)`'],
    ['refund)', 6, 'remove it'],
    ['"money back', 0, 'closing `"`'],
    ['refund AND', 7, 'add a word'],
    ['OR refund', 0, 'on its left'],
    ['nope:x', 0, 'fields are author:'],
    ['https://brewco.example', 0, 'site:'],
    ['lang:german', 5, 'lang:de'],
    ['is:replied', 3, 'is:reply'],
    ['sentiment:angry', 10, 'sentiment:negative'],
    ['author:', 0, 'author:brewco'],
    ['', 0, 'write a word'],
    ['a - b', 2, '-refund'],
    ['()', 0, 'put something'],
    ['is:reply NEAR/3 coffee', 0, 'outside the NEAR'],
    ['☕', 0, 'words'],
  ])('explains %j at its position', (q, position, hint) => {
    const e = parseError(q);
    expect(e.position).toBe(position);
    expect(e.end).toBeGreaterThanOrEqual(e.position);
    expect(e.end).toBeLessThanOrEqual(Math.max(q.length, e.position));
    expect(`${e.message} ${e.hint}`).toContain(hint);
  });

  it('refuses nesting deeper than the limit, and overlong queries, with a ParseError', () => {
    expect(parseError(`${'('.repeat(5000)}a${')'.repeat(5000)}`.slice(0, 3999)).message).toMatch(/nested too deeply/);
    expect(parseError('NOT '.repeat(900) + 'a').message).toMatch(/nested too deeply/);
    expect(parseError('a '.repeat(2001)).hint).toMatch(/under 4000/);
  });

  it('round-trips: printing a parsed tree and parsing it again gives the same tree', () => {
    fc.assert(
      fc.property(queryTree, (t) => {
        const printed = printQuery(t);
        expect(stripSpans(parseQuery(printed))).toEqual(stripSpans(t));
        expect(printQuery(parseQuery(printed))).toBe(printed);
      }),
      { numRuns: 1500 },
    );
  });

  const soup = fc
    .array(
      fc.oneof(
        fc.constantFrom('(', ')', '"', ' ', 'AND', 'OR', 'NOT', '-', 'NEAR/3', 'NEAR/', 'NEAR/0f', 'NEAR/2f', '#', '@', '*', ':', '\\'),
        fc.constantFrom('abc*', 'ab*', 'author:', 'topic:"x y"', 'lang:de', 'is:reply', 'café', 'Straße', '#tag', '@a@b.c', 'x', 'é', '☕'),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(fc.sample(fc.constantFrom('', ' '), 1)[0]));

  it('never throws anything but a ParseError with a position inside the query, on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), soup), (q) => {
        let node: QueryNode;
        try {
          node = parseQuery(q);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          const pe = e as ParseError;
          expect(pe.position).toBeGreaterThanOrEqual(0);
          expect(pe.position).toBeLessThanOrEqual(q.length);
          expect(pe.end).toBeGreaterThanOrEqual(pe.position);
          expect(pe.hint.length).toBeGreaterThan(0);
          return;
        }
        // Whatever parses also prints to a query that parses to the same tree.
        expect(stripSpans(parseQuery(printQuery(node)))).toEqual(stripSpans(node));
      }),
      { numRuns: 4000 },
    );
  });
});
