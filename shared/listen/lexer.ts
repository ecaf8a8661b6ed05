import { QUERY_FIELDS, type QueryField } from '../understanding.js';
import { QUERY_LIMITS } from './ast.js';
import { ParseError } from './parse-error.js';

/** Query tokens with their offsets in the query text. */
export type QueryToken =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; start: number; end: number }
  | { kind: 'near'; distance: number; ordered: boolean; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'quoted'; text: string; start: number; end: number }
  | { kind: 'field'; field: QueryField; value: string; valueStart: number; start: number; end: number };

const FIELD_SET = new Set<string>(QUERY_FIELDS);
const FIELD_LIST = QUERY_FIELDS.map((f) => `${f}:`).join(' ');
const isSpace = (c: string) => /\s/.test(c);
const ends = (c: string | undefined) => c === undefined || c === '(' || c === ')' || c === '"' || isSpace(c);

/** Reads a `"…"` string starting at `at` (the opening quote); `\"` and `\\` escape. */
function readQuoted(q: string, at: number): { text: string; end: number } {
  let text = '';
  for (let i = at + 1; i < q.length; i++) {
    const c = q[i]!;
    if (c === '\\' && (q[i + 1] === '"' || q[i + 1] === '\\')) {
      text += q[++i];
    } else if (c === '"') {
      return { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  throw new ParseError('this quote is never closed', at, q.length, 'add a closing `"` after the phrase, e.g. `"cold brew"`');
}

function nearToken(run: string, start: number, end: number): QueryToken | null {
  const m = /^NEAR\/(\d{1,4})(f?)$/.exec(run);
  if (m) {
    const distance = Number(m[1]);
    if (distance < 1 || distance > QUERY_LIMITS.maxNear) {
      throw new ParseError(`NEAR/${distance} is out of range`, start, end, `the distance is a number of words from 1 to ${QUERY_LIMITS.maxNear}, e.g. \`NEAR/5\``);
    }
    return { kind: 'near', distance, ordered: m[2] === 'f', start, end };
  }
  if (run === 'NEAR') throw new ParseError('`NEAR` needs a distance', start, end, 'write `NEAR/n` with the largest number of words apart, e.g. `NEAR/5` (or `NEAR/5f` for "in this order")');
  if (run.startsWith('NEAR/')) throw new ParseError('`NEAR/` needs a number', start, end, '`NEAR/` needs a number, e.g. `NEAR/5` (or `NEAR/5f` for "in this order")');
  if (/^near\/\d/i.test(run)) throw new ParseError('operators are written in capitals', start, end, `write \`${run.toUpperCase().replace(/F$/, 'f')}\``);
  return null;
}

/** Splits a query into tokens; throws ParseError with the offending offsets. */
export function lexQuery(q: string): QueryToken[] {
  if (q.length > QUERY_LIMITS.maxLength) {
    throw new ParseError(`the query is ${q.length} characters long`, QUERY_LIMITS.maxLength, q.length, `keep a query under ${QUERY_LIMITS.maxLength} characters: split it into topics`);
  }
  const out: QueryToken[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (c === '"') {
      const { text, end } = readQuoted(q, i);
      out.push({ kind: 'quoted', text, start: i, end });
      i = end;
    } else if (c === '-' && (i === 0 || ends(q[i - 1]))) {
      if (ends(q[i + 1]) && q[i + 1] !== '(' && q[i + 1] !== '"') {
        throw new ParseError('`-` excludes what follows it, but nothing does', i, i + 1, 'write it against the word it excludes, e.g. `-refund` or `-(refund OR return)`');
      }
      out.push({ kind: 'minus', start: i, end: i + 1 });
      i++;
    } else {
      let j = i;
      while (j < q.length && !ends(q[j])) j++;
      const run = q.slice(i, j);
      const fieldMatch = /^([A-Za-z]+):/.exec(run);
      if (fieldMatch) {
        const name = fieldMatch[1]!.toLowerCase();
        if (!FIELD_SET.has(name)) {
          const hint = /^https?$/.test(name)
            ? 'to find posts that link to a site, write `site:example.com`'
            : `fields are ${FIELD_LIST}; to search for text with a colon, put it in quotes`;
          throw new ParseError(`unknown field \`${fieldMatch[1]}:\``, i, i + fieldMatch[0].length, hint);
        }
        const valueStart = i + fieldMatch[0].length;
        if (run.length === fieldMatch[0].length && q[j] === '"') {
          const { text, end } = readQuoted(q, j);
          out.push({ kind: 'field', field: name as QueryField, value: text, valueStart: j, start: i, end });
          i = end;
        } else {
          out.push({ kind: 'field', field: name as QueryField, value: run.slice(fieldMatch[0].length), valueStart, start: i, end: j });
          i = j;
        }
        continue;
      }
      if (run === 'AND' || run === 'OR' || run === 'NOT') {
        out.push({ kind: run === 'AND' ? 'and' : run === 'OR' ? 'or' : 'not', start: i, end: j });
      } else {
        out.push(nearToken(run, i, j) ?? { kind: 'word', text: run, start: i, end: j });
      }
      i = j;
    }
  }
  return out;
}
