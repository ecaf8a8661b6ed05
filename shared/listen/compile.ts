import type { QueryNode } from './ast.js';

/**
 * A query ready to evaluate. Text leaves become literals the automaton finds: `w:` a whole word
 * or phrase, `p:` a word prefix (`refun*`); the keyword is the text after the colon.
 */
export type CompiledNode =
  | { t: 'lit'; key: string; words: number }
  | { t: 'tag'; v: string }
  | { t: 'mention'; v: string }
  | { t: 'field'; key: string }
  | { t: 'and' | 'or'; c: CompiledNode[] }
  | { t: 'not'; c: CompiledNode }
  | { t: 'near'; l: CompiledNode; r: CompiledNode; d: number; ordered: boolean };

export function compileNode(n: QueryNode): CompiledNode {
  switch (n.type) {
    case 'term':
      return { t: 'lit', key: `w:${n.value}`, words: 1 };
    case 'phrase':
      return { t: 'lit', key: `w:${n.words.join(' ')}`, words: n.words.length };
    case 'wildcard':
      return { t: 'lit', key: `p:${n.prefix}`, words: 1 };
    case 'hashtag':
      return { t: 'tag', v: n.value };
    case 'mention':
      return { t: 'mention', v: n.value };
    case 'field':
      return { t: 'field', key: `${n.field}=${n.value}` };
    case 'and':
    case 'or':
      return { t: n.type, c: n.children.map(compileNode) };
    case 'not':
      return { t: 'not', c: compileNode(n.child) };
    case 'near':
      return { t: 'near', l: compileNode(n.left), r: compileNode(n.right), d: n.distance, ordered: n.ordered };
  }
}

/** Every literal key in the query, negated ones included (NOT needs to know they are absent). */
export function literalKeys(n: CompiledNode, out: Set<string> = new Set()): Set<string> {
  switch (n.t) {
    case 'lit':
      out.add(n.key);
      break;
    case 'and':
    case 'or':
      for (const c of n.c) literalKeys(c, out);
      break;
    case 'not':
      literalKeys(n.c, out);
      break;
    case 'near':
      literalKeys(n.l, out);
      literalKeys(n.r, out);
      break;
  }
  return out;
}

/** Field values most posts have: a poor trigger, used only when nothing better is there. */
const COMMON_FIELDS = /^(platform|lang|is|has|sentiment|intent|stage)=/;

export interface Trigger {
  keys: Set<string>;
  cost: number;
}

/**
 * A set of keys one of which every matching post must have (`L` literal, `T` hashtag,
 * `M` mention, `F` field value), or null when the query can match a post that has none of its
 * positive keys (e.g. `NOT spam`). AND keeps its cheapest child's set, OR needs all of them.
 */
export function triggerOf(n: CompiledNode): Trigger | null {
  switch (n.t) {
    case 'lit':
      return { keys: new Set([`L${n.key}`]), cost: 1 };
    case 'tag':
      return { keys: new Set([`T${n.v}`]), cost: 1 };
    case 'mention':
      return { keys: new Set([`M${n.v}`]), cost: 1 };
    case 'field':
      return { keys: new Set([`F${n.key}`]), cost: COMMON_FIELDS.test(n.key) ? 50 : 2 };
    case 'not':
      return null;
    case 'near': {
      const l = triggerOf(n.l);
      const r = triggerOf(n.r);
      return l && r ? (l.cost <= r.cost ? l : r) : (l ?? r);
    }
    case 'and': {
      let best: Trigger | null = null;
      for (const c of n.c) {
        const t = triggerOf(c);
        if (t && (!best || t.cost < best.cost)) best = t;
      }
      return best;
    }
    case 'or': {
      const keys = new Set<string>();
      let cost = 0;
      for (const c of n.c) {
        const t = triggerOf(c);
        if (!t) return null;
        for (const k of t.keys) keys.add(k);
        cost += t.cost;
      }
      return { keys, cost };
    }
  }
}
