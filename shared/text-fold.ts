/**
 * Case and accent folding, the one definition queries and posts share so that `cafe` finds
 * "Café" and `strasse` finds "Straße". NFKD also maps compatibility forms (full-width letters,
 * ligatures) to their plain letters. Combining marks are dropped, which is right for Latin,
 * Greek and Cyrillic but coarse for scripts whose marks are letters (both sides fold the same
 * way, so matching stays consistent).
 */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const NON_ASCII = /[^ -~\t\n\r]/;
const MARKS = /\p{M}+/gu;
const SPECIALS = /[ßæœøłđðþı]/g;

export function foldText(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  // Decompose first: a compatibility form can decompose into capitals (🄐 → "(A)").
  return s.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '').replace(SPECIALS, (c) => SPECIAL[c]!);
}

/** A word character after folding: letters, digits and `_` (as in Mastodon hashtags). */
export const WORD_CHAR = /[\p{L}\p{N}_]/u;
const WORDS = /[\p{L}\p{N}_]+/gu;

/** The words of already-folded text. */
export function wordsOf(folded: string): string[] {
  return folded.match(WORDS) ?? [];
}

/** True when `folded` is exactly one word. */
export function isOneWord(folded: string): boolean {
  return /^[\p{L}\p{N}_]+$/u.test(folded);
}
