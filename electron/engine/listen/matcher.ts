import { AhoCorasick } from '@monyone/aho-corasick/fast';
import type { QueryNode } from './ast.js';
import { compileNode, literalKeys, triggerOf, type CompiledNode } from './compile.js';
import { Evaluator } from './evaluate.js';
import { prepareMatchDoc, type MatchDoc } from './match-doc.js';
import type { MatchInput } from './match-input.js';
import { parseQuery } from './parser.js';

export interface MatcherStats {
  queries: number;
  /** Distinct keywords in the automaton. */
  literals: number;
  /** Queries with no positive key (e.g. `NOT spam`), evaluated for every post. */
  alwaysEvaluated: number;
  builds: number;
  lastBuildMs: number;
}

export interface Matcher {
  /** Adds or replaces a query. A string is parsed (and may throw `ParseError`). */
  set(id: string, query: string | QueryNode): void;
  delete(id: string): boolean;
  has(id: string): boolean;
  /** Ids of the queries the post matches, in the order they were added. */
  match(input: MatchInput): string[];
  matchDoc(doc: MatchDoc): string[];
  /** Builds the automaton now if queries changed (otherwise the next match does it). */
  rebuild(): void;
  stats(): MatcherStats;
}

interface Keyword {
  /** How many queries use it as a whole word/phrase, and as a prefix. */
  exact: number;
  prefix: number;
  words: number;
}

interface Entry {
  node: CompiledNode;
  literals: Set<string>;
  triggers: Set<string> | null;
  order: number;
}

function wordIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function addSpan(hits: Map<string, number[]>, key: string, s: number, e: number): void {
  const list = hits.get(key);
  if (list) list.push(s, e);
  else hits.set(key, [s, e]);
}

/**
 * All text literals of all queries live in one Aho–Corasick automaton over the posts' folded
 * words; a post is scanned once, and only queries with a key present in the post (a literal hit,
 * a hashtag, a mention or a field value, see `triggerOf`) are evaluated. Queries with no positive
 * key are the only ones evaluated for every post. Changing queries updates the key index at once
 * and marks the automaton stale; it is rebuilt once, on the next match (or `rebuild()`), and only
 * when the set of keywords actually changed.
 */
export function createMatcher(): Matcher {
  const entries = new Map<string, Entry>();
  const keywords = new Map<string, Keyword>();
  const byTrigger = new Map<string, Set<string>>();
  const always = new Set<string>();
  let automaton: AhoCorasick | null = null;
  let stale = false;
  let order = 0;
  let builds = 0;
  let lastBuildMs = 0;

  function countLiteral(key: string, delta: number): void {
    const kw = key.slice(2);
    let k = keywords.get(kw);
    if (!k) {
      k = { exact: 0, prefix: 0, words: kw.split(' ').length };
      keywords.set(kw, k);
    }
    if (key.startsWith('w:')) k.exact += delta;
    else k.prefix += delta;
    if (k.exact === 0 && k.prefix === 0) {
      keywords.delete(kw);
      stale = true;
    } else if (delta > 0 && k.exact + k.prefix === 1) {
      stale = true;
    }
  }

  function remove(id: string): boolean {
    const e = entries.get(id);
    if (!e) return false;
    entries.delete(id);
    for (const key of e.literals) countLiteral(key, -1);
    if (e.triggers) {
      for (const t of e.triggers) {
        const set = byTrigger.get(t)!;
        set.delete(id);
        if (set.size === 0) byTrigger.delete(t);
      }
    } else {
      always.delete(id);
    }
    return true;
  }

  function build(): void {
    if (!stale) return;
    const t0 = performance.now();
    automaton = keywords.size > 0 ? new AhoCorasick([...keywords.keys()]) : null;
    lastBuildMs = performance.now() - t0;
    builds++;
    stale = false;
  }

  function matchDoc(doc: MatchDoc): string[] {
    build();
    const hits = new Map<string, number[]>();
    const scan = doc.scan;
    if (automaton && scan.length > 0) {
      for (const h of automaton.matchInText(scan)) {
        if (h.begin > 0 && scan.charCodeAt(h.begin - 1) !== 32) continue;
        const k = keywords.get(h.keyword)!;
        const s = wordIndex(doc.starts, h.begin);
        if (k.exact > 0 && (h.end === scan.length || scan.charCodeAt(h.end) === 32)) addSpan(hits, `w:${h.keyword}`, s, s + k.words - 1);
        if (k.prefix > 0) addSpan(hits, `p:${h.keyword}`, s, s);
      }
    }
    const candidates = new Set<string>(always);
    const trigger = (key: string) => {
      const ids = byTrigger.get(key);
      if (ids) for (const id of ids) candidates.add(id);
    };
    for (const key of hits.keys()) trigger(`L${key}`);
    for (const t of doc.tags) trigger(`T${t}`);
    for (const m of doc.mentions) trigger(`M${m}`);
    for (const f of doc.fields) trigger(`F${f}`);
    if (candidates.size === 0) return [];
    const ev = new Evaluator(doc, hits);
    const matched: Entry[] = [];
    const ids: string[] = [];
    for (const id of candidates) {
      const e = entries.get(id)!;
      if (ev.test(e.node)) {
        matched.push(e);
        ids.push(id);
      }
    }
    if (ids.length > 1) {
      const rank = new Map(ids.map((id, i) => [id, matched[i]!.order]));
      ids.sort((a, b) => rank.get(a)! - rank.get(b)!);
    }
    return ids;
  }

  return {
    set(id, query) {
      const ast = typeof query === 'string' ? parseQuery(query) : query;
      const node = compileNode(ast);
      const previous = entries.get(id);
      const literals = literalKeys(node);
      // Count the new literals before dropping the old ones: an edit that keeps its words
      // doesn't rebuild the automaton.
      for (const key of literals) countLiteral(key, +1);
      remove(id);
      const trigger = triggerOf(node);
      const entry: Entry = { node, literals, triggers: trigger?.keys ?? null, order: previous?.order ?? order++ };
      entries.set(id, entry);
      if (entry.triggers) {
        for (const t of entry.triggers) {
          let set = byTrigger.get(t);
          if (!set) byTrigger.set(t, (set = new Set()));
          set.add(id);
        }
      } else {
        always.add(id);
      }
    },
    delete: remove,
    has: (id) => entries.has(id),
    match: (input) => matchDoc(prepareMatchDoc(input)),
    matchDoc,
    rebuild: build,
    stats: () => ({ queries: entries.size, literals: keywords.size, alwaysEvaluated: always.size, builds, lastBuildMs }),
  };
}
