import { createEnricher, loadLanguageDetector, type EnrichConfigInput, type LanguageDetector } from '../enrich/index.js';
import type { Logger } from '../engine-types.js';
import type { Understanding } from '../ingest/understand.js';
import type { Store } from '../store/store.js';
import { createTopicMatcher } from './topic-matcher.js';

export interface UnderstandingOptions {
  /** The brand's enrichment rules (README "Enrichment"); validated (a bad config throws at engine creation). */
  enrichConfig?: EnrichConfigInput;
  /**
   * Loads the offline language detector (default: eld's data, ~0.35 s and ~50 MB). Null turns it
   * off (tests); the platform's language and function words still decide.
   */
  loadDetector?: (() => Promise<LanguageDetector | null>) | null;
}

export interface UnderstandingRuntime {
  understanding: Understanding;
  /** Starts loading the detector (once); enrichment runs meanwhile on the platform's language. */
  startLoading(): void;
  /** Resolves when the detector is in (true) or could not be loaded or is off (false). */
  readonly detectorReady: Promise<boolean>;
}

/**
 * The enricher and the topics' matcher the pipeline's enrich and match stages use. The language
 * detector loads in the background: until it is in, a post keeps its platform's language (or the
 * one its function words clearly say), which is what the detector would mostly confirm anyway.
 */
export function createUnderstandingRuntime(store: Store, log: Logger, opts: UnderstandingOptions = {}): UnderstandingRuntime {
  let loaded: LanguageDetector | null = null;
  const detector: LanguageDetector = { detect: (text) => (loaded ? loaded.detect(text) : { lang: null, reliable: false }) };
  const enricher = createEnricher({ detector, ...(opts.enrichConfig ? { config: opts.enrichConfig } : {}) });
  const topics = createTopicMatcher(log);
  topics.load(store.topics.list());
  const load = opts.loadDetector === undefined ? loadLanguageDetector : opts.loadDetector;
  let started = false;
  let ready!: (ok: boolean) => void;
  const detectorReady = new Promise<boolean>((resolve) => (ready = resolve));
  return {
    understanding: { enricher, topics },
    detectorReady,
    startLoading() {
      if (started) return;
      started = true;
      if (!load) return ready(false);
      load().then(
        (d) => {
          loaded = d;
          ready(d !== null);
        },
        (err: unknown) => {
          log.warn('the language detector could not be loaded; languages come from the platform and function words', { error: String(err) });
          ready(false);
        },
      );
    },
  };
}
