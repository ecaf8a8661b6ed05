import { isPositional, QUERY_LIMITS, type QueryNode } from './ast.js';
import { fieldLeaf, textLeaf, wordLeaf } from './leaves.js';
import { lexQuery, type QueryToken } from './lexer.js';
import { ParseError } from './parse-error.js';

/*
 * Grammar (operators in capitals; AND binds tighter than OR; a space between two operands is AND):
 *   query   := or EOF
 *   or      := and ( OR and )*
 *   and     := unary ( [AND] unary )*
 *   unary   := ( NOT | - ) unary | near
 *   near    := primary ( NEAR/n[f] primary )*          operands: words, phrases, #tags, @mentions, (a OR b)
 *   primary := ( or ) | term | "phrase" | prefix* | #tag | @mention | field:value
 * `a NOT b` is `a AND (NOT b)`. Groups of the same operator are flattened.
 */

const NAMES: Record<string, string> = { and: '`AND`', or: '`OR`', not: '`NOT`', near: '`NEAR`', rparen: '`)`', minus: '`-`' };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly toks: QueryToken[],
    private readonly length: number,
  ) {}

  parse(): QueryNode {
    if (this.toks.length === 0) throw new ParseError('the query is empty', 0, this.length, 'write a word, a "phrase", a #hashtag or a field such as `lang:de`');
    const node = this.or();
    const t = this.toks[this.pos];
    if (t) {
      if (t.kind === 'rparen') throw new ParseError('this `)` has no matching `(`', t.start, t.end, 'remove it or add a `(` before it');
      throw new ParseError(`unexpected ${NAMES[t.kind] ?? 'text'}`, t.start, t.end, 'check the operators around here');
    }
    return node;
  }

  private peek(): QueryToken | undefined {
    return this.toks[this.pos];
  }

  private enter(t: QueryToken): void {
    if (++this.depth > QUERY_LIMITS.maxDepth) {
      throw new ParseError('the query is nested too deeply', t.start, t.end, `use at most ${QUERY_LIMITS.maxDepth} levels of parentheses and NOT`);
    }
  }

  private or(): QueryNode {
    const first = this.and();
    const children = [first];
    while (this.peek()?.kind === 'or') {
      const op = this.toks[this.pos++]!;
      this.needOperand(op, 'right');
      children.push(this.and());
    }
    return children.length === 1 ? first : group('or', children);
  }

  private and(): QueryNode {
    const first = this.unary();
    const children = [first];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'and') {
        this.pos++;
        this.needOperand(t, 'right');
        children.push(this.unary());
      } else if (t.kind === 'or' || t.kind === 'rparen') {
        break;
      } else if (t.kind === 'near') {
        throw new ParseError('`NEAR` needs a word or phrase on its left', t.start, t.end, 'e.g. `coffee NEAR/3 cold`; NOT, fields and AND groups cannot be inside NEAR');
      } else {
        children.push(this.unary());
      }
    }
    return children.length === 1 ? first : group('and', children);
  }

  private unary(): QueryNode {
    const t = this.peek();
    if (t && (t.kind === 'not' || t.kind === 'minus')) {
      this.pos++;
      this.enter(t);
      this.needOperand(t, 'right');
      const child = this.unary();
      this.depth--;
      return { type: 'not', child, start: t.start, end: child.end };
    }
    return this.near();
  }

  private near(): QueryNode {
    let left = this.primary();
    while (this.peek()?.kind === 'near') {
      const op = this.toks[this.pos++] as Extract<QueryToken, { kind: 'near' }>;
      this.needOperand(op, 'right');
      const right = this.primary();
      for (const side of [left, right]) {
        if (!isPositional(side)) {
          throw new ParseError('`NEAR` joins words, phrases, #hashtags, @mentions or (a OR b) groups', side.start, side.end, 'move fields, NOT and AND outside the NEAR, e.g. `(coffee NEAR/3 cold) -decaf`');
        }
      }
      left = { type: 'near', left, right, distance: op.distance, ordered: op.ordered, start: left.start, end: right.end };
    }
    return left;
  }

  private primary(): QueryNode {
    const t = this.peek();
    if (!t) throw new ParseError('the query ends too early', this.length, this.length, 'finish the expression');
    switch (t.kind) {
      case 'lparen': {
        this.pos++;
        this.enter(t);
        if (this.peek()?.kind === 'rparen') throw new ParseError('the parentheses are empty', t.start, this.peek()!.end, 'put something between them or remove them');
        const inner = this.or();
        const close = this.peek();
        if (close?.kind !== 'rparen') throw new ParseError('this `(` is never closed', t.start, t.end, 'add a `)` where the group ends');
        this.pos++;
        this.depth--;
        return inner;
      }
      case 'word':
        this.pos++;
        return wordLeaf(t.text, t.start, t.end);
      case 'quoted':
        this.pos++;
        return textLeaf(t.text, t.start, t.end, true);
      case 'field':
        this.pos++;
        return fieldLeaf(t.field, t.value, t.valueStart, t.start, t.end);
      case 'rparen':
        throw new ParseError('this `)` has no matching `(`', t.start, t.end, 'remove it or add a `(` before it');
      default:
        throw new ParseError(`${NAMES[t.kind]} needs something on its left`, t.start, t.end, 'e.g. `coffee AND cold`, `coffee OR tea`, `coffee NEAR/3 cold`');
    }
  }

  private needOperand(op: QueryToken, side: 'right'): void {
    const next = this.peek();
    if (!next || next.kind === 'rparen' || next.kind === 'and' || next.kind === 'or' || next.kind === 'near') {
      throw new ParseError(`${NAMES[op.kind] ?? 'this operator'} needs something on its ${side}`, op.start, op.end, 'add a word, a "phrase" or a (group) after it, or remove the operator');
    }
  }
}

function group(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat: QueryNode[] = [];
  for (const c of children) {
    if (c.type === type) flat.push(...c.children);
    else flat.push(c);
  }
  return { type, children: flat, start: children[0]!.start, end: children[children.length - 1]!.end };
}

/** Parses a listening query; throws `ParseError` (with a position and a hint) and nothing else. */
export function parseQuery(query: string): QueryNode {
  return new Parser(lexQuery(query), query.length).parse();
}
