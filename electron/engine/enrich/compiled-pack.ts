import { foldText, wordsOf } from '../../../shared/text-fold.js';
import type { EnrichConfig } from './config.js';
import { PACK_LANGS, PACKS, type PackLang } from './lexicon/index.js';
import { CUE_KINDS, type CueKind } from './lexicon/types.js';
import { PhraseIndex } from './phrase-index.js';

/** A language's rules ready to run: lexicons folded and indexed, the brand's additions merged. */
export interface CompiledPack {
  lang: PackLang;
  valence: PhraseIndex<number>;
  cues: PhraseIndex<CueKind>;
  negators: Set<string>;
  postNegators: Set<string>;
  intensifiers: Map<string, number>;
  contrast: Set<string>;
  interrogatives: Set<string>;
}

const fold = (w: string) => wordsOf(foldText(w)).join(' ');
const lastWord = (w: string) => wordsOf(foldText(w)).pop() ?? '';

export function compilePack(lang: PackLang, config: EnrichConfig): CompiledPack {
  const pack = PACKS[lang];
  const valence = new PhraseIndex<number>();
  const merged = new Map<string, number>();
  for (const [w, v] of Object.entries(pack.valence)) merged.set(w, v);
  for (const [w, v] of Object.entries(config.sentiment.words[lang] ?? {})) merged.set(w, v);
  for (const [w, v] of merged) if (v !== 0) valence.add(w, v);
  const cues = new PhraseIndex<CueKind>();
  for (const kind of CUE_KINDS) {
    for (const p of [...(pack.cues[kind] ?? []), ...(config.cues[lang]?.[kind] ?? [])]) cues.add(p, kind);
  }
  return {
    lang,
    valence,
    cues,
    negators: new Set(pack.negators.map(fold)),
    postNegators: new Set(pack.postNegators.map(fold)),
    // A multi-word intensifier (`a bit`, `un peu`) is keyed by its last word.
    intensifiers: new Map(Object.entries(pack.intensifiers).map(([w, m]) => [lastWord(w), m])),
    contrast: new Set(pack.contrast.map(fold).filter((w) => !w.includes(' '))),
    interrogatives: new Set(pack.interrogatives.map(fold).filter((w) => !w.includes(' '))),
  };
}

export function compilePacks(config: EnrichConfig): Record<PackLang, CompiledPack> {
  return Object.fromEntries(PACK_LANGS.map((l) => [l, compilePack(l, config)])) as Record<PackLang, CompiledPack>;
}
