/** Enrichment: language, sentiment, intent, buying stage and urgency, each with its reasons. */
export { createEnricher, type Enricher, type EnricherDeps, type EnrichInput } from './enricher.js';
export { enrichConfigSchema, DEFAULT_ENRICH_CONFIG, type EnrichConfig, type EnrichConfigInput } from './config.js';
export { loadLanguageDetector, type LanguageDetector } from './language.js';
export type { AuthorSignals } from './classify.js';
export { PACK_LANGS, type PackLang } from './lexicon/index.js';
export { CUE_KINDS, type CueKind } from './lexicon/types.js';
