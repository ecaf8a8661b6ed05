import { PLATFORMS } from '../domain.js';
import { INTENTS, SENTIMENTS, STAGES, type QueryField } from '../understanding.js';
import { foldText, isOneWord, wordsOf } from '../text-fold.js';
import type { FieldNode, QueryNode } from './ast.js';
import { ParseError } from './parse-error.js';

const SEARCHABLE = 'search for words, "phrases", #hashtags or @mentions';

/** Words or a quoted phrase → a term (one word) or a phrase. */
export function textLeaf(raw: string, start: number, end: number, quoted: boolean): QueryNode {
  const words = wordsOf(foldText(raw));
  if (words.length === 0) {
    throw new ParseError(quoted ? 'the phrase has no words' : `\`${raw}\` has no letters or digits to search for`, start, end, SEARCHABLE);
  }
  return words.length === 1 ? { type: 'term', value: words[0]!, start, end } : { type: 'phrase', words, start, end };
}

/** A bare word: `#tag`, `@name`, `prefix*` or a term (a hyphenated word is a phrase). */
export function wordLeaf(raw: string, start: number, end: number): QueryNode {
  if (raw.startsWith('#')) {
    const value = foldText(raw.slice(1));
    if (!isOneWord(value)) throw new ParseError('a hashtag is letters, digits and `_`', start, end, 'e.g. `#brewco`');
    return { type: 'hashtag', value, start, end };
  }
  if (raw.startsWith('@')) {
    const value = foldText(raw.slice(1));
    const [local = '', domain, extra] = value.split('@');
    if (!isOneWord(local) || extra !== undefined || (domain !== undefined && !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain))) {
      throw new ParseError('a mention is `@name` or `@name@instance`', start, end, 'e.g. `@brewco` or `@brewco@mastodon.social`');
    }
    return { type: 'mention', value, start, end };
  }
  const star = raw.indexOf('*');
  if (star >= 0) {
    if (star !== raw.length - 1) throw new ParseError('`*` only goes at the end of a word', start, end, 'a wildcard matches word endings, e.g. `refun*`');
    const prefix = foldText(raw.slice(0, -1));
    if (!isOneWord(prefix)) throw new ParseError('a wildcard applies to one word', start, end, 'e.g. `refun*`; for a phrase, list the words: `"cold brew"`');
    if ([...prefix].length < 3) throw new ParseError('a wildcard needs at least 3 letters before `*`', start, end, `e.g. \`refun*\`; \`${raw}\` would match too many words`);
    return { type: 'wildcard', prefix, start, end };
  }
  return textLeaf(raw, start, end, false);
}

function oneOf(field: string, value: string, allowed: readonly string[], start: number, end: number): string {
  if (!allowed.includes(value)) {
    throw new ParseError(`\`${field}:\` can't be \`${value}\``, start, end, `write one of: ${allowed.map((a) => `${field}:${a}`).join(', ')}`);
  }
  return value;
}

/** Validates and normalizes a field's value (folded, so matching compares like with like). */
export function fieldLeaf(field: QueryField, raw: string, valueStart: number, start: number, end: number): FieldNode {
  const vEnd = Math.max(end, valueStart);
  if (raw.trim() === '') {
    throw new ParseError(`\`${field}:\` needs a value`, start, end, `e.g. ${EXAMPLES[field]}`);
  }
  const folded = foldText(raw.trim()).replace(/\s+/g, ' ');
  let value: string;
  switch (field) {
    case 'author': {
      value = folded.replace(/^@/, '');
      if (!/^[\p{L}\p{N}_.-]+(@[a-z0-9-]+(\.[a-z0-9-]+)*)?$/u.test(value)) {
        throw new ParseError('`author:` takes a handle', valueStart, vEnd, 'e.g. `author:brewco` or `author:brewco@mastodon.social`');
      }
      break;
    }
    case 'platform':
      value = oneOf(field, folded, PLATFORMS, valueStart, vEnd);
      break;
    case 'lang':
      value = folded;
      if (!/^[a-z]{2,3}$/.test(value)) throw new ParseError('`lang:` takes a language code', valueStart, vEnd, 'a two-letter ISO 639-1 code, e.g. `lang:de`');
      break;
    case 'site':
      value = folded.replace(/^www\./, '');
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(value)) throw new ParseError('`site:` takes a domain', valueStart, vEnd, 'e.g. `site:example.com` (no `https://`, no path)');
      break;
    case 'is':
      value = oneOf(field, folded, ['reply'], valueStart, vEnd);
      break;
    case 'has':
      value = oneOf(field, folded, ['media'], valueStart, vEnd);
      break;
    case 'sentiment':
      value = oneOf(field, folded, SENTIMENTS, valueStart, vEnd);
      break;
    case 'intent':
      value = oneOf(field, folded, INTENTS, valueStart, vEnd);
      break;
    case 'stage':
      value = oneOf(field, folded, STAGES, valueStart, vEnd);
      break;
    case 'topic':
      value = folded;
      break;
  }
  return { type: 'field', field, value, start, end };
}

const EXAMPLES: Record<QueryField, string> = {
  author: '`author:brewco`',
  platform: '`platform:mastodon`',
  lang: '`lang:de`',
  site: '`site:example.com`',
  is: '`is:reply`',
  has: '`has:media`',
  sentiment: '`sentiment:negative`',
  intent: '`intent:complaint`',
  stage: '`stage:pre-purchase`',
  topic: '`topic:competitors` or `topic:"cold brew"`',
};
