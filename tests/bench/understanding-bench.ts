import { readFileSync } from 'node:fs';
import { createEnricher } from '../../electron/engine/enrich/enricher.js';
import { loadLanguageDetector } from '../../electron/engine/enrich/language.js';
import { createMatcher, type Matcher } from '../../electron/engine/listen/matcher.js';
import type { MatchInput } from '../../electron/engine/listen/match-input.js';

/** A small deterministic PRNG, so every run measures the same work. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = prng(10);
const SYLLABLES = 'bre co ka fe ro sto li na mo ti vel ra sun dor pi ex ma lu zen or'.split(' ');
const word = () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]).join('');
/** 20,000 distinct words; posts draw from the first ones more often (a Zipf-like skew). */
const VOCAB = [...new Set(Array.from({ length: 60_000 }, word))].slice(0, 20_000);
const pick = () => VOCAB[Math.floor(VOCAB.length * rnd() ** 3)]!;

/** Posts shaped like the shipped sample: real care sentences in four languages, plus brand-ish words. */
const SAMPLE = ['care-tuning', 'care-held-aside'].flatMap((f) =>
  readFileSync(`resources/eval/${f}.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; lang: string }),
);
const POSTS: Array<MatchInput & { platformLang: string }> = Array.from({ length: 5000 }, (_, i) => {
  const s = SAMPLE[i % SAMPLE.length]!;
  const extra = Array.from({ length: 6 }, pick).join(' ');
  return {
    text: `${s.text} ${extra} #${pick()}`,
    platformLang: s.lang,
    hashtags: [],
    mentions: [],
    author: `u${i % 500}@bench.example`,
    platform: 'mastodon',
    lang: s.lang,
    url: `https://bench.example/@u${i % 500}/${i}`,
    isReply: i % 10 === 0,
    hasMedia: i % 7 === 0,
    sentiment: null,
    intent: null,
    stage: null,
    topics: [],
  };
});

/** Queries of four literals each, in the shapes leads write: OR lists, phrases, wildcards, NOT, NEAR, fields. */
function queries(literals: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length * 4 < literals; i++) {
    const [a, b, c, d, e] = [pick(), pick(), pick(), pick(), pick()];
    switch (i % 5) {
      case 0:
        out.push(`(${a} OR ${b} OR ${c}) -${d}`);
        break;
      case 1:
        out.push(`"${a} ${b}" OR ${c.slice(0, 4)}* OR #${d}`);
        break;
      case 2:
        out.push(`${a} NEAR/4 (${b} OR ${c}) -is:reply ${d}*`.replace(/(\S{3})\S*\*$/, '$1*'));
        break;
      case 3:
        out.push(`(${a} OR ${b}) (${c} OR ${e}) lang:en NOT ${d}`);
        break;
      default:
        out.push(`${a} OR ${b} OR "${c} ${d}"`);
    }
  }
  return out;
}

function load(m: Matcher, qs: string[]): void {
  qs.forEach((q, i) => m.set(`q${i}`, q));
}

function perSec(fn: (i: number) => void, minMs = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    for (let k = 0; k < 500; k++) fn(n++);
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

function heapAfterGc(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

export async function benchUnderstanding() {
  const out: Record<string, unknown> = { posts: POSTS.length, gcExposed: typeof globalThis.gc === 'function' };

  for (const literals of [1_000, 10_000]) {
    const m = createMatcher();
    load(m, queries(literals));
    m.rebuild();
    let matched = 0;
    const rate = perSec((i) => {
      matched += m.match(POSTS[i % POSTS.length]!).length;
    });
    out[`match${literals / 1000}kLiterals`] = { queries: m.stats().queries, literals: m.stats().literals, postsPerSec: rate, matchesPerPost: Number((matched / (rate * 1.5)).toFixed(2)) };
  }

  // The automaton alone, and a full rebuild, at 100,000 literals.
  const big = queries(100_000);
  const before = heapAfterGc();
  const m = createMatcher();
  const t0 = performance.now();
  load(m, big);
  const setMs = performance.now() - t0;
  m.rebuild();
  const after = heapAfterGc();
  const editT0 = performance.now();
  m.set('q0', `${pick()} OR ${pick()}`); // one edit with new words: one more full build
  m.rebuild();
  const editMs = performance.now() - editT0;
  out.rebuild100kLiterals = {
    queries: m.stats().queries,
    literals: m.stats().literals,
    parseAndIndexMs: Math.round(setMs),
    automatonBuildMs: Math.round(m.stats().lastBuildMs),
    oneEditThenRebuildMs: Math.round(editMs),
    matcherHeapMiB: mb(after - before),
  };
  for (const literals of [1_000, 10_000]) {
    const b = heapAfterGc();
    const small = createMatcher();
    load(small, queries(literals));
    small.rebuild();
    out[`heap${literals / 1000}kLiteralsMiB`] = mb(heapAfterGc() - b);
    small.delete('q0');
  }

  const detector = await loadLanguageDetector();
  const enricher = createEnricher({ detector });
  out.enrichPostsPerSec = {
    // Mastodon gives a language: the detector runs only when the words contradict it.
    platformLanguage: perSec((i) => enricher.enrich({ text: POSTS[i % POSTS.length]!.text, platformLang: POSTS[i % POSTS.length]!.platformLang })),
    // RSS-like sources give none: function words first, the detector when they are unclear.
    noPlatformLanguage: perSec((i) => enricher.enrich({ text: POSTS[i % POSTS.length]!.text, platformLang: null })),
  };
  const m1k = createMatcher();
  load(m1k, queries(1_000));
  out.enrichAndMatch1kLiteralsPostsPerSec = perSec((i) => {
    const p = POSTS[i % POSTS.length]!;
    const e = enricher.enrich({ text: p.text, platformLang: p.platformLang });
    m1k.match({ ...p, lang: e.lang.value, sentiment: e.sentiment.label, intent: e.intent.label, stage: e.stage.label });
  });
  return out;
}
