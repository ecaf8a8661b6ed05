import type { TermKind } from '../../../shared/alerts.js';
import { stopwordsFor } from './stopwords.js';

export interface Token {
  term: string;
  kind: TermKind;
}

/** Only this much of a post is read: trends are about what many say, not about one long text. */
const MAX_TEXT = 10_000;
/** Longer "words" are URLs, hashes or keyboard mashing, never a readable trend. */
const MAX_TERM_LENGTH = 40;
/** Distinct terms kept per post (words, hashtags and bigrams together). */
export const MAX_TERMS_PER_POST = 96;

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
// @user or @user@instance (a Mastodon mention), not an e-mail address's domain part.
const MENTION = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?/gu;
// One pass: a hashtag, a word (inner apostrophes allowed), or punctuation that ends a phrase.
const PIECES = /#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*)|([.!?;:,()"“”«»„[\]{}|/\\…—–]+)/gu;
const FRENCH_ELISION = /^(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)'/u;
const DIGITS = /^\p{N}+$/u;

/**
 * A copy of a term that no longer points into the post's text. V8 keeps substrings of 13+
 * characters as views on their parent, so a term kept in the trend state would keep a whole
 * 10,000-character post alive; the state's fixed size must not depend on post length.
 */
function detach(term: string): string {
  return term.length < 13 ? term : (' ' + term).slice(1);
}

function keepWord(w: string, stopwords: ReadonlySet<string>): boolean {
  return w.length >= 2 && w.length <= MAX_TERM_LENGTH && !DIGITS.test(w) && !stopwords.has(w);
}

function normalizeWord(raw: string): string {
  return raw.replace(FRENCH_ELISION, '').replace(/'s$/u, '');
}

/**
 * The distinct terms of a post, in order of first appearance: words (stopwords dropped),
 * hashtags ("#tag") and bigrams of adjacent kept words ("app outage"), with the stopwords of
 * the post's language (all four languages' when unknown). Counting each term once
 * per post is deliberate: one angry post repeating a word fifty times is still one voice.
 */
export function tokenize(text: string, tags: readonly string[] = [], lang: string | null = null): Token[] {
  const stopwords = stopwordsFor(lang);
  const out = new Map<string, TermKind>();
  const add = (term: string, kind: TermKind): boolean => {
    if (out.size >= MAX_TERMS_PER_POST) return false;
    if (!out.has(term)) out.set(detach(term), kind);
    return true;
  };
  const clean = text
    .slice(0, MAX_TEXT)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/’/gu, "'")
    .replace(URL, ' | ')
    .replace(MENTION, '$1 | ');

  let previous: string | null = null;
  for (const m of clean.matchAll(PIECES)) {
    if (m[1] !== undefined) {
      if (m[1].length <= MAX_TERM_LENGTH && !DIGITS.test(m[1]) && !add(`#${m[1]}`, 'hashtag')) break;
      previous = null;
    } else if (m[2] !== undefined) {
      const w = normalizeWord(m[2]);
      if (!keepWord(w, stopwords)) {
        previous = null;
        continue;
      }
      if (!add(w, 'word')) break;
      if (previous !== null && previous !== w && !add(`${previous} ${w}`, 'bigram')) break;
      previous = w;
    } else {
      previous = null;
    }
  }
  for (const tag of tags) {
    const t = tag.normalize('NFKC').toLowerCase().replace(/^#/u, '');
    if (t.length > 0 && t.length <= MAX_TERM_LENGTH && /^[\p{L}\p{N}_]+$/u.test(t)) add(`#${t}`, 'hashtag');
  }
  return [...out].map(([term, kind]) => ({ term, kind }));
}

/** Lowercase, accents removed: how sensitive-event words and brand names are compared. */
export function foldTerm(term: string): string {
  return term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim().replace(/\s+/gu, ' ');
}
