import type { QueryNode } from './ast.js';
import { compileNode, literalKeys, triggerOf, type CompiledNode } from './compile.js';
import { Evaluator } from './evaluate.js';
import { prepareMatchDoc, type MatchDoc } from './match-doc.js';
import type { MatchInput } from './match-input.js';
import { parseQuery } from './parser.js';
import { WordAutomaton } from './word-automaton.js';

export interface MatcherStats {
  queries: number;
  /** Distinct literals: whole words and phrases (in the automaton) plus wildcard prefixes. */
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
  /** Builds the automaton now if it was never built or needs compacting (else the next match does). */
  rebuild(): void;
  stats(): MatcherStats;
}

interface Entry {
  node: CompiledNode;
  literals: Set<string>;
  triggers: Set<string> | null;
  order: number;
}

function addSpan(hits: Map<string, number[]>, key: string, s: number, e: number): void {
  const list = hits.get(key);
  if (list) list.push(s, e);
  else hits.set(key, [s, e]);
}

/**
 * All whole-word literals of all queries live in one Aho–Corasick automaton over words (see
 * `WordAutomaton`); wildcard prefixes in a map probed with each word's first letters. A post is
 * scanned once, and only queries with a key present in the post (a literal hit, a hashtag, a
 * mention or a field value, see `triggerOf`) are evaluated; queries with no positive key
 * (`NOT spam`, `-is:reply`) are the only ones evaluated for every post. Changing a query updates
 * the key index and adds or removes its new or dropped literals in the automaton in place.
 */
export function createMatcher(): Matcher {
  const entries = new Map<string, Entry>();
  const automaton = new WordAutomaton();
  /** Literal key (`w:cold brew`, `p:refun`) → how many queries use it. */
  const refs = new Map<string, number>();
  /** Wildcard prefixes by their first three letters (every prefix has at least three). */
  const prefixes = new Map<string, string[]>();
  let prefixCount = 0;
  const byTrigger = new Map<string, Set<string>>();
  const always = new Set<string>();
  let order = 0;

  function countLiteral(key: string, delta: number): void {
    const n = (refs.get(key) ?? 0) + delta;
    if (n > 0) refs.set(key, n);
    else refs.delete(key);
    const text = key.slice(2);
    if (delta > 0 && n === 1) {
      if (key.startsWith('w:')) automaton.add(text);
      else {
        const stem = text.slice(0, 3);
        (prefixes.get(stem) ?? prefixes.set(stem, []).get(stem)!).push(text);
        prefixCount++;
      }
    } else if (n === 0) {
      if (key.startsWith('w:')) automaton.remove(text);
      else {
        const stem = text.slice(0, 3);
        const list = prefixes.get(stem)!.filter((p) => p !== text);
        if (list.length) prefixes.set(stem, list);
        else prefixes.delete(stem);
        prefixCount--;
      }
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

  function addTriggered(candidates: Set<string>, key: string): void {
    const ids = byTrigger.get(key);
    if (ids) for (const id of ids) candidates.add(id);
  }

  function matchDoc(doc: MatchDoc): string[] {
    automaton.build();
    const hits = new Map<string, number[]>();
    automaton.scan(doc.words, hits);
    if (prefixCount > 0) {
      const words = doc.words;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w.length < 3) continue;
        const list = prefixes.get(w.slice(0, 3));
        if (list) for (const p of list) if (w.startsWith(p)) addSpan(hits, `p:${p}`, i, i);
      }
    }
    const candidates = new Set<string>(always);
    for (const key of hits.keys()) addTriggered(candidates, `L${key}`);
    for (const t of doc.tags) addTriggered(candidates, `T${t}`);
    for (const m of doc.mentions) addTriggered(candidates, `M${m}`);
    for (const f of doc.fields) addTriggered(candidates, `F${f}`);
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
      // Count the new literals before dropping the old ones: words an edit keeps stay put.
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
    rebuild: () => automaton.build(),
    stats: () => ({ queries: entries.size, literals: automaton.size + prefixCount, alwaysEvaluated: always.size, builds: automaton.builds, lastBuildMs: automaton.lastBuildMs }),
  };
}
