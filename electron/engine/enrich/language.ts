import type { LangSource, Reason } from '../../../shared/understanding.js';
import { foldText } from '../../../shared/text-fold.js';
import type { AnalyzedText } from './analyze-text.js';
import { PACK_LANGS, PACKS, type PackLang } from './lexicon/index.js';

/** An offline language identifier (eld by default; a fake in tests). */
export interface LanguageDetector {
  detect(text: string): { lang: string | null; reliable: boolean };
}

/**
 * Loads eld's small n-gram database (shipped inside the npm package: nothing is downloaded).
 * Takes about a third of a second and ~50 MB of heap, so hosts load it once, at start.
 */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  const { eld } = await import('eld/small');
  return {
    detect(text) {
      const r = eld.detect(text);
      const lang = r.language || null;
      // getScores() would cost as much again as detect(): the reliability flag is enough.
      return { lang, reliable: lang !== null && r.isReliable() };
    },
  };
}

/** Function word → its language, for words that belong to one language only. */
const STOPWORDS = (() => {
  const langs = new Map<string, Set<PackLang>>();
  for (const l of PACK_LANGS) for (const raw of PACKS[l].stopwords) {
    const w = foldText(raw);
    (langs.get(w) ?? langs.set(w, new Set()).get(w)!).add(l);
  }
  const only = new Map<string, PackLang>();
  for (const [w, ls] of langs) if (ls.size === 1) only.set(w, [...ls][0]!);
  return only;
})();

/**
 * How many function words of each known language the post uses, counting only words that belong
 * to one language (`la`, `de`, `in` or `an` say nothing about French vs Spanish, English vs German).
 */
export function stopwordCounts(t: AnalyzedText): Record<PackLang, number> {
  const counts = { en: 0, de: 0, fr: 0, es: 0 };
  for (const i of t.words) {
    const lang = STOPWORDS.get(t.tokens[i]!.text);
    if (lang) counts[lang]++;
  }
  return counts;
}

export interface LanguageResult {
  value: string | null;
  source: LangSource;
  reasons: Reason[];
}

function primary(lang: string | null): string | null {
  const p = lang?.trim().toLowerCase().split(/[-_]/)[0];
  return p && /^[a-z]{2,3}$/.test(p) ? p : null;
}

/**
 * The rule: a platform's language is kept unless the post's own function words clearly say
 * another known language (at least 3, and more than twice the platform language's), and the
 * detector, asked only then, reliably agrees with them. Without a platform language, clear
 * function-word evidence decides (at least 3, and more than twice any other language's: two
 * could be Italian's `il … non`); otherwise the detector does when it is reliable, then weaker
 * function-word evidence (at least 2); otherwise the language is unknown.
 * Mastodon fills `language` from the author's default, so "en" on a German post is common.
 */
export function decideLanguage(text: string, t: AnalyzedText, platformLang: string | null, detector: LanguageDetector | null, minLetters: number): LanguageResult {
  const platform = primary(platformLang);
  const counts = stopwordCounts(t);
  let best: PackLang = 'en';
  for (const l of PACK_LANGS) if (counts[l] > counts[best]) best = l;
  const evidence = `${counts[best]} function words of ${best}`;
  if (platform) {
    const own = (PACK_LANGS as readonly string[]).includes(platform) ? counts[platform as PackLang] : 0;
    const contradicted = best !== platform && counts[best] >= 3 && counts[best] > 2 * own && t.letters >= minLetters;
    if (contradicted && detector) {
      const d = detector.detect(text);
      if (d.reliable && d.lang === best) {
        return {
          value: best,
          source: 'detector',
          reasons: [
            { rule: 'language:platform-overruled', evidence: `platform said ${platform}; ${evidence}` },
            { rule: 'language:detector', evidence: `${d.lang} (reliable)` },
          ],
        };
      }
    }
    return { value: platform, source: 'platform', reasons: [{ rule: 'language:platform', evidence: platform }] };
  }
  // Clear function-word evidence for a language we have rules for: no need for the detector
  // (which costs ~80 µs a post, more than all the other rules together).
  let second = 0;
  for (const l of PACK_LANGS) if (l !== best) second = Math.max(second, counts[l]);
  if (counts[best] >= 3 && counts[best] > 2 * second) return { value: best, source: 'detector', reasons: [{ rule: 'language:function-words', evidence }] };
  if (detector && t.letters >= minLetters) {
    const d = detector.detect(text);
    if (d.lang && d.reliable) return { value: d.lang, source: 'detector', reasons: [{ rule: 'language:detector', evidence: `${d.lang} (reliable)` }] };
  }
  if (counts[best] >= 2) return { value: best, source: 'detector', reasons: [{ rule: 'language:function-words', evidence }] };
  return { value: null, source: 'none', reasons: [{ rule: 'language:unknown', evidence: t.letters < minLetters ? 'too short to tell' : 'no reliable evidence' }] };
}
