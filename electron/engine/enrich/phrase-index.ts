import { analyzeText, WORD, type AnalyzedText } from './analyze-text.js';

/** A phrase found in a post: which entry, at which word (index into `words`), how many words. */
export interface PhraseHit<T> {
  value: T;
  /** From a `^0.5` suffix on the phrase; 1 by default. */
  weight: number;
  phrase: string;
  at: number;
  length: number;
}

interface Entry<T> {
  words: string[];
  /** The last word is a prefix (`enttäusch*`). */
  prefix: boolean;
  phrase: string;
  value: T;
  weight: number;
}

/**
 * Phrases of one or more words, found in a post in one pass over its words: entries are indexed
 * by their first word (or its first three letters, for a one-word prefix entry).
 */
export class PhraseIndex<T> {
  /** One-word entries: found with a single lookup. */
  private readonly single = new Map<string, Entry<T>[]>();
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private readonly byStem = new Map<string, Entry<T>[]>();

  /** `word*` matches word endings; a `^0.5` suffix weighs the phrase (weak evidence). */
  add(spec: string, value: T): void {
    const weighted = /\^(\d+(?:\.\d+)?)\s*$/.exec(spec);
    const weight = weighted ? Number(weighted[1]) : 1;
    const phrase = weighted ? spec.slice(0, weighted.index) : spec;
    const prefix = phrase.trimEnd().endsWith('*');
    // Tokenized exactly like posts, so contractions and elisions line up.
    const t = analyzeText(phrase);
    const words = t.words.map((i) => t.tokens[i]!.text);
    if (words.length === 0) return;
    const entry: Entry<T> = { words, prefix, phrase, value, weight };
    if (prefix && words.length === 1) {
      const stem = words[0]!.slice(0, 3);
      (this.byStem.get(stem) ?? this.byStem.set(stem, []).get(stem)!).push(entry);
    } else if (words.length === 1) {
      const w = words[0]!;
      (this.single.get(w) ?? this.single.set(w, []).get(w)!).push(entry);
    } else {
      const first = words[0]!;
      (this.byFirst.get(first) ?? this.byFirst.set(first, []).get(first)!).push(entry);
    }
  }

  /** Every entry that matches at each word, longest first at a given position. */
  find(t: AnalyzedText): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    const { tokens, words } = t;
    for (let i = 0; i < words.length; i++) {
      const tok = tokens[words[i]!]!;
      const one = this.single.get(tok.text);
      if (one) for (const e of one) hits.push({ value: e.value, weight: e.weight, phrase: e.phrase, at: i, length: 1 });
      const list = this.byFirst.get(tok.text);
      if (list) {
        for (const e of list) {
          if (this.matchesAt(e, t, i)) hits.push({ value: e.value, weight: e.weight, phrase: e.phrase, at: i, length: e.words.length });
        }
      }
      const stemmed = this.byStem.size > 0 && tok.text.length >= 3 ? this.byStem.get(tok.text.slice(0, 3)) : undefined;
      if (stemmed) {
        for (const e of stemmed) if (tok.text.startsWith(e.words[0]!)) hits.push({ value: e.value, weight: e.weight, phrase: e.phrase, at: i, length: 1 });
      }
    }
    return hits;
  }

  private matchesAt(e: Entry<T>, t: AnalyzedText, i: number): boolean {
    const { tokens, words } = t;
    const n = e.words.length;
    if (i + n > words.length) return false;
    const clause = tokens[words[i]!]!.clause;
    for (let k = 0; k < n; k++) {
      const idx = words[i + k]!;
      // Words of a phrase are adjacent tokens in one clause (no emoji or punctuation between).
      if (k > 0 && (idx !== words[i + k - 1]! + 1 || tokens[idx]!.kind !== WORD || tokens[idx]!.clause !== clause)) return false;
      const w = tokens[idx]!.text;
      const want = e.words[k]!;
      if (e.prefix && k === n - 1 ? !w.startsWith(want) : w !== want) return false;
    }
    return true;
  }
}
