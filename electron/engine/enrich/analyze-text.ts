import { foldText } from '../../../shared/text-fold.js';

export const WORD = 0;
export const EMOJI = 1;
export const PUNCT = 2;

/** One token of a post as the enrichment rules see it. */
export interface Token {
  kind: typeof WORD | typeof EMOJI | typeof PUNCT;
  /** Folded word, the emoji, or the punctuation run (`!!`, `?`, `.`). */
  text: string;
  /** As written (for evidence and ALL CAPS). */
  raw: string;
  /** A word of 3+ letters written in capitals. */
  caps: boolean;
  /** Clause number: negation and phrases never reach across `, . ; : ! ?`. */
  clause: number;
}

export interface AnalyzedText {
  tokens: Token[];
  /** Indexes of the word tokens, in order. */
  words: number[];
  exclamations: number;
  /** The post asks something: a `?` or `¿`. */
  questionMarks: number;
  /** Word index (into `words`) where each sentence starts. */
  sentenceStarts: Set<number>;
  /** Letters in the post: too few and language evidence means little. */
  letters: number;
}

// Contractions and elisions become separate words, so `don't` negates like `do not` and
// `n'est pas` like `ne est pas`.
const NT = /(\p{L})n[’']t\b/giu;
const ELISION = /\b(n|l|d|j|qu|c|s|m|t)[’'](?=\p{L})/giu;
const POSSESSIVE = /[’']s\b/giu;
const TOKENS = /(\p{Regional_Indicator}{2}|\p{Extended_Pictographic})|([\p{L}\p{N}_]+(?:[’'][\p{L}]+)*)|([!?¡¿]+)|([.,;:…]+|[-–—(]\s)/gu;
const APOSTROPHES = /[’']/g;

/** `don't` → `do not`, `n'est` → `ne est`, `BrewCo's` → `BrewCo`: phrases go through it too. */
export function expandContractions(s: string): string {
  return s.includes("'") || s.includes('’') ? s.replace(NT, '$1 not').replace(ELISION, '$1e ').replace(POSSESSIVE, '') : s;
}

/** Posts are read on their first characters only: a hostile 1 MB post costs no more than a long one. */
export const MAX_ENRICH_CHARS = 20_000;

export function analyzeText(input: string): AnalyzedText {
  const text = expandContractions(input.length > MAX_ENRICH_CHARS ? input.slice(0, MAX_ENRICH_CHARS) : input);
  const tokens: Token[] = [];
  const words: number[] = [];
  const sentenceStarts = new Set<number>([0]);
  let clause = 0;
  let exclamations = 0;
  let questionMarks = 0;
  let letters = 0;
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m; m = TOKENS.exec(text)) {
    if (m[1]) {
      tokens.push({ kind: EMOJI, text: m[1], raw: m[1], caps: false, clause });
    } else if (m[2]) {
      const raw = m[2];
      const folded = foldText(raw).replace(APOSTROPHES, '');
      letters += raw.length;
      const second = raw.charCodeAt(1);
      // Most words have a lower-case ASCII second letter: not capitals, no need to compare cases.
      const caps = raw.length >= 3 && !(second >= 97 && second <= 122) && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
      words.push(tokens.length);
      tokens.push({ kind: WORD, text: folded, raw, caps, clause });
    } else {
      const p = (m[3] ?? m[4] ?? '').trim();
      for (const c of p) {
        if (c === '!') exclamations++;
        else if (c === '?' || c === '¿') questionMarks++;
      }
      // ¿ and ¡ open a sentence; everything else closes a clause.
      if (p.startsWith('¿') || p.startsWith('¡')) {
        clause++;
        sentenceStarts.add(words.length);
        tokens.push({ kind: PUNCT, text: p, raw: p, caps: false, clause });
        continue;
      }
      tokens.push({ kind: PUNCT, text: p, raw: p, caps: false, clause });
      clause++;
      if (/[.!?…]/.test(p)) sentenceStarts.add(words.length);
    }
  }
  return { tokens, words, exclamations, questionMarks, sentenceStarts, letters };
}
