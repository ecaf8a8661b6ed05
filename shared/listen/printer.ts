import type { QueryNode } from './ast.js';

const BARE_FIELD_VALUE = /^[\p{L}\p{N}_.@-]+$/u;

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function wrap(n: QueryNode, when: boolean): string {
  return when ? `(${printQuery(n)})` : printQuery(n);
}

/**
 * The canonical text of a query: `parseQuery(printQuery(parseQuery(q)))` is the same tree as
 * `parseQuery(q)` (up to source positions). Operators are explicit and groups are parenthesized.
 */
export function printQuery(n: QueryNode): string {
  switch (n.type) {
    case 'term':
      return n.value;
    case 'phrase':
      return quote(n.words.join(' '));
    case 'wildcard':
      return `${n.prefix}*`;
    case 'hashtag':
      return `#${n.value}`;
    case 'mention':
      return `@${n.value}`;
    case 'field':
      return `${n.field}:${BARE_FIELD_VALUE.test(n.value) ? n.value : quote(n.value)}`;
    case 'and':
      return n.children.map((c) => wrap(c, c.type === 'or')).join(' AND ');
    case 'or':
      return n.children.map((c) => wrap(c, c.type === 'and')).join(' OR ');
    case 'not':
      return `NOT ${wrap(n.child, n.child.type === 'and' || n.child.type === 'or')}`;
    case 'near':
      return `${wrap(n.left, n.left.type === 'or')} NEAR/${n.distance}${n.ordered ? 'f' : ''} ${wrap(n.right, n.right.type === 'or' || n.right.type === 'near')}`;
  }
}
