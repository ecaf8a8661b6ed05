/** Accuracy, per-class F1, macro-F1 and the confusion matrix of one label set. */
export interface LabelReport {
  labels: string[];
  /** Posts that carry this label. */
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted]. */
  confusion: Record<string, Record<string, number>>;
}

export function scoreLabels(labels: readonly string[], pairs: Array<{ gold: string; predicted: string }>): LabelReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    confusion[gold]![predicted] = (confusion[gold]![predicted] ?? 0) + 1;
    if (gold === predicted) correct++;
  }
  const perClass: LabelReport['perClass'] = {};
  const f1s: number[] = [];
  for (const l of labels) {
    const tp = confusion[l]![l]!;
    const support = labels.reduce((s, p) => s + confusion[l]![p]!, 0);
    const predictedAs = labels.reduce((s, g) => s + confusion[g]![l]!, 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    // A class neither labelled nor predicted says nothing about the rules: leave it out.
    if (support > 0 || predictedAs > 0) f1s.push(f1);
  }
  return {
    labels: [...labels],
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClass,
    confusion,
  };
}
