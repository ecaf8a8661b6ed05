import type { SeriesPoint } from '../../../shared/alerts.js';
import { Ewma } from '../trends/ewma.js';

const HISTORY = 24;
const ITEMS = 20;

/**
 * A volume or sentiment rule's own series when it watches a query or the whole stream: this
 * epoch's count and sentiment, the usual levels (EWMA, same half-life as the trends) and the
 * last epochs as evidence. The trend detector's topics cover the "topic" target instead.
 */
export class RuleSeries {
  count = 0;
  private sentimentSum = 0;
  sentimentCount = 0;
  readonly itemIds: number[] = [];
  readonly volume: Ewma;
  /** Usual mean sentiment of an epoch (epochs without any sentiment don't count). */
  readonly sentiment: Ewma;
  readonly history: SeriesPoint[] = [];

  constructor(alpha: number) {
    this.volume = new Ewma(alpha);
    this.sentiment = new Ewma(alpha);
  }

  add(itemId: number, sentiment: number | null): void {
    this.count++;
    if (sentiment !== null) {
      this.sentimentSum += sentiment;
      this.sentimentCount++;
    }
    this.itemIds.push(itemId);
    if (this.itemIds.length > ITEMS) this.itemIds.shift();
  }

  meanSentiment(): number | null {
    return this.sentimentCount > 0 ? this.sentimentSum / this.sentimentCount : null;
  }

  /** Ends the epoch that started at `at`; `skipped` empty epochs followed it. */
  close(at: number, epochMs: number, skipped: number, beta: number): SeriesPoint {
    const point: SeriesPoint = {
      at: new Date(at).toISOString(),
      volume: this.count,
      sentiment: this.meanSentiment(),
      sentimentCount: this.sentimentCount,
      expected: this.volume.epochs > 0 ? this.volume.mean : null,
      significance: this.volume.epochs > 0 ? this.volume.significance(this.count, beta) : null,
    };
    this.push(point);
    this.volume.update(this.count);
    if (point.sentiment !== null) this.sentiment.update(point.sentiment);
    for (let k = 1; k <= Math.min(skipped, HISTORY); k++) {
      this.push({ at: new Date(at + k * epochMs).toISOString(), volume: 0, sentiment: null, sentimentCount: 0, expected: this.volume.mean, significance: null });
      this.volume.update(0);
    }
    this.count = 0;
    this.sentimentSum = 0;
    this.sentimentCount = 0;
    this.itemIds.length = 0;
    return point;
  }

  private push(p: SeriesPoint): void {
    this.history.push(p);
    if (this.history.length > HISTORY) this.history.shift();
  }
}
