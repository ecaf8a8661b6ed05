import { DynamicAhoCorasick } from '@monyone/aho-corasick';

/**
 * The one automaton behind the matcher: every whole-word literal (a term is a one-word phrase)
 * of every query, as an Aho–Corasick automaton over *words* rather than letters. Each word the
 * literals use gets a two-unit code (first unit U+1000–U+1FFF from the id's low bits, second
 * U+A000–U+AFFF from its high bits: the ranges never overlap, so a match can only start on a word
 * boundary, and the varied unit comes first, which keeps in-place edits local); a post is encoded the same way, unknown words as filler.
 * Scanning a post costs two code units per word whatever the literal count, there are no
 * hits inside words to discard, and literals are added and removed in place (the library's
 * dynamic automaton), so editing a query never rebuilds the whole automaton.
 */
export class WordAutomaton {
  private readonly ids = new Map<string, { id: number; refs: number }>();
  /** Code → the phrase (words joined by spaces) it stands for. */
  private readonly phrases = new Map<string, string>();
  private ac: DynamicAhoCorasick | null = null;
  private nextId = 0;
  private deadIds = 0;
  builds = 0;
  lastBuildMs = 0;

  get size(): number {
    return this.phrases.size;
  }

  private code(id: number): string {
    return String.fromCharCode(0x1000 + (id & 0xfff), 0xa000 + (id >>> 12));
  }

  private encodePhrase(words: string[], create: boolean): string | null {
    let out = '';
    for (const w of words) {
      let e = this.ids.get(w);
      if (!e) {
        if (!create) return null;
        e = { id: this.nextId++, refs: 0 };
        this.ids.set(w, e);
      }
      if (create) e.refs++;
      out += this.code(e.id);
    }
    return out;
  }

  add(phrase: string): void {
    const code = this.encodePhrase(phrase.split(' '), true)!;
    this.phrases.set(code, phrase);
    this.ac?.add(code);
  }

  remove(phrase: string): void {
    const words = phrase.split(' ');
    const code = this.encodePhrase(words, false);
    if (code === null || !this.phrases.delete(code)) return;
    this.ac?.delete(code);
    for (const w of words) {
      const e = this.ids.get(w)!;
      if (--e.refs === 0) {
        this.ids.delete(w);
        this.deadIds++;
      }
    }
  }

  /** Builds from scratch if never built, or if retired word codes outnumber live ones. */
  build(): void {
    const compact = this.deadIds > 1024 && this.deadIds > this.ids.size;
    if (this.ac && !compact && this.nextId < 0xfff000) return;
    const t0 = performance.now();
    if (this.ac) {
      // Renumber the live words so codes stay dense (and within the two-unit range).
      const live = [...this.phrases.values()];
      this.ids.clear();
      this.phrases.clear();
      this.nextId = 0;
      this.deadIds = 0;
      for (const p of live) this.phrases.set(this.encodePhrase(p.split(' '), true)!, p);
    }
    this.ac = new DynamicAhoCorasick([...this.phrases.keys()]);
    this.lastBuildMs = performance.now() - t0;
    this.builds++;
  }

  get built(): boolean {
    return this.ac !== null;
  }

  /** Adds `[first word, last word]` under `w:<phrase>` in `hits` for every literal occurrence. */
  scan(words: readonly string[], hits: Map<string, number[]>): void {
    if (!this.ac || this.phrases.size === 0) return;
    let text = '';
    let known = false;
    for (const w of words) {
      const e = this.ids.get(w);
      if (e) {
        text += this.code(e.id);
        known = true;
      } else {
        text += '\u0001\u0001';
      }
    }
    if (!known) return;
    for (const m of this.ac.matchInText(text)) {
      const key = `w:${this.phrases.get(m.keyword)!}`;
      const at = m.begin >> 1;
      const span = hits.get(key);
      const last = at + ((m.end - m.begin) >> 1) - 1;
      if (span) span.push(at, last);
      else hits.set(key, [at, last]);
    }
  }
}
