import { INTENTS, SENTIMENTS, STAGES, type Enrichment } from '../../../../shared/understanding.js';
import type { Enricher } from '../enricher.js';
import { scoreLabels, type LabelReport } from './metrics.js';
import type { LabelledPost } from './read-labelled.js';

export const LABEL_SETS = { sentiment: SENTIMENTS, intent: INTENTS, stage: STAGES } as const;
export type LabelSet = keyof typeof LABEL_SETS;

export interface EvalReport {
  posts: number;
  postsPerSec: number;
  sentiment?: LabelReport;
  intent?: LabelReport;
  stage?: LabelReport;
  /** Share of posts (with a `lang`) whose language came out right; the enricher gets no platform language. */
  langAccuracy?: number;
  mistakes: Array<{ id: string | undefined; text: string; set: string; gold: string; predicted: string; reasons: string[] }>;
}

const predicted = (e: Enrichment, set: LabelSet): string => e[set].label;

/** Enriches every post (no platform language: the detector's path) and scores each label set. */
export function runEval(enricher: Enricher, posts: LabelledPost[], minMs = 1000): EvalReport {
  const results = posts.map((p) => enricher.enrich({ text: p.text, platformLang: null }));
  // Speed: warm the JIT up first, then the whole file again as often as it takes to measure
  // for at least minMs (a first pass alone would measure the compiler, not the rules).
  const warm = performance.now();
  while (performance.now() - warm < minMs / 2) for (const p of posts) enricher.enrich({ text: p.text, platformLang: null });
  let rounds = 0;
  const t0 = performance.now();
  do {
    for (const p of posts) enricher.enrich({ text: p.text, platformLang: null });
    rounds++;
  } while (performance.now() - t0 < minMs);
  const postsPerSec = Math.round((rounds * posts.length) / ((performance.now() - t0) / 1000));

  const report: EvalReport = { posts: posts.length, postsPerSec, mistakes: [] };
  for (const set of Object.keys(LABEL_SETS) as LabelSet[]) {
    const pairs: Array<{ gold: string; predicted: string }> = [];
    posts.forEach((p, i) => {
      const gold = p[set];
      if (!gold) return;
      const e = results[i]!;
      pairs.push({ gold, predicted: predicted(e, set) });
      if (gold !== predicted(e, set)) {
        report.mistakes.push({ id: p.id, text: p.text, set, gold, predicted: predicted(e, set), reasons: e[set].reasons.map((r) => `${r.rule} ${r.evidence}${r.weight !== undefined ? ` ${r.weight}` : ''}`) });
      }
    });
    if (pairs.length) report[set] = scoreLabels(LABEL_SETS[set], pairs);
  }
  const withLang = posts.map((p, i) => [p.lang, results[i]!.lang.value] as const).filter(([g]) => g);
  if (withLang.length) report.langAccuracy = withLang.filter(([g, v]) => g === v).length / withLang.length;
  return report;
}

const pad = (s: string, n: number) => s.padStart(n);

/** The text report: `sentiment macro-F1 0.812` lines, confusion matrices, posts/s. */
export function formatReport(name: string, r: EvalReport): string {
  const lines = [`${name}: ${r.posts} posts`];
  for (const set of Object.keys(LABEL_SETS) as LabelSet[]) {
    const s = r[set];
    if (!s) continue;
    lines.push('', `${set} accuracy ${s.accuracy.toFixed(3)}`, `${set} macro-F1 ${s.macroF1.toFixed(3)}`, `${set} confusion (rows: labelled, columns: predicted; n=${s.n})`);
    const w = Math.max(...s.labels.map((l) => l.length)) + 2;
    lines.push(`${pad('', w)}${s.labels.map((l) => pad(l, w)).join('')}`);
    for (const g of s.labels) lines.push(`${pad(g, w)}${s.labels.map((p) => pad(String(s.confusion[g]![p]), w)).join('')}`);
  }
  if (r.langAccuracy !== undefined) lines.push('', `lang accuracy ${r.langAccuracy.toFixed(3)}`);
  lines.push('', `posts/s ${r.postsPerSec}`);
  return lines.join('\n');
}
