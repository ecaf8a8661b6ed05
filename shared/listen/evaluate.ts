import type { CompiledNode } from './compile.js';
import type { MatchDoc } from './match-doc.js';

/** Word spans `[start, end]` (inclusive word positions), flat: s0, e0, s1, e1, … */
export type Spans = readonly number[];
const NONE: Spans = [];

interface Span {
  s: number;
  e: number;
}

function toSpans(flat: Spans): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ s: flat[i]!, e: flat[i + 1]! });
  return out;
}

/** First index in `sorted` whose `key` is >= `min`. */
function lowerBound(sorted: Span[], key: 's' | 'e', min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]![key] < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pairs of a left and a right span at most `d` positions apart (right after left; or either way
 * round unless `ordered`), each pair becoming the span that covers both. Sorted lookups keep this
 * near-linear: a post repeating a word 20,000 times costs milliseconds, not seconds.
 */
function nearSpans(l: Spans, r: Spans, d: number, ordered: boolean, firstOnly = false): number[] {
  const out: number[] = [];
  const rightByStart = toSpans(r).sort((a, b) => a.s - b.s);
  const rightByEnd = ordered ? [] : [...rightByStart].sort((a, b) => a.e - b.e);
  for (let i = 0; i < l.length; i += 2) {
    const ls = l[i]!;
    const le = l[i + 1]!;
    for (let j = lowerBound(rightByStart, 's', le + 1); j < rightByStart.length && rightByStart[j]!.s <= le + d; j++) out.push(ls, rightByStart[j]!.e);
    if (!ordered) for (let j = lowerBound(rightByEnd, 'e', ls - d); j < rightByEnd.length && rightByEnd[j]!.e < ls; j++) out.push(rightByEnd[j]!.s, le);
    // A yes/no question needs one pair, not all of them.
    if (firstOnly && out.length > 0) break;
  }
  return out;
}

/** Evaluates a compiled query against a prepared post and the automaton's literal hits. */
export class Evaluator {
  constructor(
    private readonly doc: MatchDoc,
    private readonly hits: ReadonlyMap<string, Spans>,
  ) {}

  test(n: CompiledNode): boolean {
    switch (n.t) {
      case 'lit':
        return this.hits.has(n.key);
      case 'tag':
        return this.doc.tags.has(n.v);
      case 'mention':
        return this.doc.mentions.has(n.v);
      case 'field':
        return this.doc.fields.has(n.key);
      case 'and':
        return n.c.every((c) => this.test(c));
      case 'or':
        return n.c.some((c) => this.test(c));
      case 'not':
        return !this.test(n.c);
      case 'near': {
        const l = this.spans(n.l);
        return l.length > 0 && nearSpans(l, this.spans(n.r), n.d, n.ordered, true).length > 0;
      }
    }
  }

  spans(n: CompiledNode): Spans {
    switch (n.t) {
      case 'lit':
        return this.hits.get(n.key) ?? NONE;
      case 'tag':
        return positions(this.doc.tagAt.get(n.v));
      case 'mention':
        return positions(this.doc.mentionAt.get(n.v));
      case 'or': {
        const out: number[] = [];
        for (const c of n.c) out.push(...this.spans(c));
        return out;
      }
      case 'near': {
        const l = this.spans(n.l);
        if (l.length === 0) return NONE;
        return nearSpans(l, this.spans(n.r), n.d, n.ordered);
      }
      default:
        return NONE;
    }
  }
}

function positions(at: number[] | undefined): Spans {
  if (!at) return NONE;
  const out: number[] = [];
  for (const p of at) out.push(p, p);
  return out;
}
