import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnricher, type Enricher } from '../../../electron/engine/enrich/enricher.js';
import { scoreLabels } from '../../../electron/engine/enrich/eval/metrics.js';
import { LabelledFileError, parseCsv, readLabelled } from '../../../electron/engine/enrich/eval/read-labelled.js';
import { formatReport, runEval, type EvalReport } from '../../../electron/engine/enrich/eval/run-eval.js';
import { loadLanguageDetector } from '../../../electron/engine/enrich/language.js';

describe('eval harness', () => {
  it('computes accuracy, per-class F1, macro-F1 and the confusion matrix', () => {
    const r = scoreLabels(['a', 'b', 'c'], [
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: 'b' },
      { gold: 'b', predicted: 'b' },
      { gold: 'b', predicted: 'b' },
    ]);
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion).toEqual({ a: { a: 1, b: 1, c: 0 }, b: { a: 0, b: 2, c: 0 }, c: { a: 0, b: 0, c: 0 } });
    // a: P 1, R .5, F1 2/3; b: P 2/3, R 1, F1 .8; c never labelled nor predicted: left out.
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });

  it('reads JSONL and CSV (quoted commas, newlines and quotes) and names the bad line', () => {
    expect(readLabelled('x.jsonl', '{"text":"hi","sentiment":"positive"}\n\n{"text":"yo","intent":"chatter"}\n')).toEqual([
      { text: 'hi', sentiment: 'positive' },
      { text: 'yo', intent: 'chatter' },
    ]);
    expect(parseCsv('text,stage\n"a, ""b""\nc",none\r\nd,purchase\n')).toEqual([['text', 'stage'], ['a, "b"\nc', 'none'], ['d', 'purchase']]);
    expect(readLabelled('x.csv', 'text,sentiment\n"so, good",positive\nmeh,\n')).toEqual([{ text: 'so, good', sentiment: 'positive' }, { text: 'meh' }]);
    expect(() => readLabelled('x.jsonl', '{"text":"a"}\n{"text":"b","sentiment":"angry"}')).toThrow(/x\.jsonl:2: sentiment/);
    expect(() => readLabelled('x.jsonl', 'nope')).toThrow(LabelledFileError);
    expect(() => readLabelled('x.csv', 'body,sentiment\nx,positive')).toThrow(/"text" column/);
  });

  it('prints the lines the README promises', () => {
    const enricher = createEnricher({ detector: null });
    const text = formatReport('f.jsonl', runEval(enricher, [{ text: 'Great coffee, thanks!', sentiment: 'positive', intent: 'praise', stage: 'post-purchase' }], 0));
    expect(text).toMatch(/^sentiment macro-F1 1\.000$/m);
    expect(text).toMatch(/^intent macro-F1 1\.000$/m);
    expect(text).toMatch(/^stage macro-F1 1\.000$/m);
    expect(text).toMatch(/^posts\/s \d+$/m);
  });
});

/**
 * The shipped sample, both parts. The floors sit a little under what the rules reach (see the
 * README), so a real regression fails here. The held-aside part was never tuned on.
 */
describe('eval floors on the shipped sample', () => {
  let enricher: Enricher;
  const reports: Record<string, EvalReport> = {};
  beforeAll(async () => {
    enricher = createEnricher({ detector: await loadLanguageDetector() });
    for (const part of ['tuning', 'held-aside']) {
      const file = `resources/eval/care-${part}.jsonl`;
      reports[part] = runEval(enricher, readLabelled(file, readFileSync(file, 'utf8')), 0);
    }
  });

  it.each([
    ['tuning', { sentiment: 0.9, intent: 0.9, stage: 0.87, lang: 0.97 }],
    ['held-aside', { sentiment: 0.83, intent: 0.83, stage: 0.62, lang: 0.97 }],
  ] as const)('%s part', (part, floor) => {
    const r = reports[part]!;
    expect(r.posts).toBeGreaterThanOrEqual(part === 'tuning' ? 250 : 150);
    expect(r.sentiment!.macroF1).toBeGreaterThanOrEqual(floor.sentiment);
    expect(r.intent!.macroF1).toBeGreaterThanOrEqual(floor.intent);
    expect(r.stage!.macroF1).toBeGreaterThanOrEqual(floor.stage);
    expect(r.langAccuracy).toBeGreaterThanOrEqual(floor.lang);
  });

  it('covers the four languages and every label in both parts', () => {
    for (const part of ['tuning', 'held-aside']) {
      const posts = readLabelled(part, readFileSync(`resources/eval/care-${part}.jsonl`, 'utf8'));
      expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['en', 'de', 'fr', 'es']));
      for (const set of ['sentiment', 'intent', 'stage'] as const) {
        const r = reports[part]![set]!;
        for (const label of r.labels) expect(r.perClass[label]!.support, `${part} ${set} ${label}`).toBeGreaterThan(0);
      }
    }
  });
});
