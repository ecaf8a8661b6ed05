import { cellIndexes } from './hashing.js';
import { significance } from './ewma.js';

export interface SketchOptions {
  /** Hash functions (rows). More rows: fewer false trends from collisions, more work per term. */
  depth: number;
  /** Cells per row, a power of two. */
  width: number;
  /** EWMA weight of the newest epoch. */
  alpha: number;
  /** Signi-Trend's β (posts per epoch). */
  beta: number;
}

export interface TermEstimate {
  /** Posts with the term this epoch (minimum over rows: never below the truth). */
  count: number;
  /** Baseline of the row that gave the lowest significance. */
  expected: number;
  sd: number;
  /** Minimum over rows: a collision can only make one row look busier, the least-hit row is the most honest. */
  significance: number;
}

/**
 * Signi-Trend's hashed counters: `depth` rows of `width` cells, each cell holding this epoch's
 * count and an EWMA mean and variance of past epochs. Memory is fixed at construction
 * (16 bytes a cell: two count buffers, mean, variance) whatever the vocabulary.
 *
 * Two count buffers let an epoch close without stopping the stream: at the boundary the live
 * buffer becomes the closing one and posts go on counting into the other, while the closing
 * one is folded into the baselines (and zeroed) in slices.
 */
export class SignificanceSketch {
  readonly depth: number;
  readonly width: number;
  private live: Uint32Array;
  private closing: Uint32Array;
  private readonly mean: Float32Array;
  private readonly variance: Float32Array;
  private readonly idx: Int32Array;
  private sweeping = false;
  private lastCell = 0;
  private lastCount = 0;
  private lastSig = 0;

  constructor(private readonly opts: SketchOptions) {
    if (!Number.isInteger(Math.log2(opts.width))) throw new Error(`sketch width must be a power of two, got ${opts.width}`);
    this.depth = opts.depth;
    this.width = opts.width;
    const cells = opts.depth * opts.width;
    this.live = new Uint32Array(cells);
    this.closing = new Uint32Array(cells);
    this.mean = new Float32Array(cells);
    this.variance = new Float32Array(cells);
    this.idx = new Int32Array(opts.depth);
  }

  get bytes(): number {
    return this.live.byteLength + this.closing.byteLength + this.mean.byteLength + this.variance.byteLength;
  }

  get cells(): number {
    return this.live.length;
  }

  /**
   * Counts one post containing `term` and returns its significance after it (no allocation:
   * this runs for every term of every post). `lastEstimate()` has the details when needed.
   */
  add(term: string): number {
    cellIndexes(term, this.width, this.idx);
    let bestSig = Infinity;
    let count = Infinity;
    for (let r = 0; r < this.depth; r++) {
      const i = this.idx[r]!;
      const c = ++this.live[i]!;
      if (c < count) count = c;
      const s = significance(c, this.mean[i]!, this.variance[i]!, this.opts.beta);
      if (s < bestSig) {
        bestSig = s;
        this.lastCell = i;
      }
    }
    this.lastCount = count;
    this.lastSig = bestSig;
    return bestSig;
  }

  /** The estimate behind the last `add`. */
  lastEstimate(): TermEstimate {
    const i = this.lastCell;
    return { count: this.lastCount, expected: this.mean[i]!, sd: Math.sqrt(Math.max(0, this.variance[i]!)), significance: this.lastSig };
  }

  /** The count behind the last `add`. */
  get lastAddCount(): number {
    return this.lastCount;
  }

  /** The term's estimate in the live epoch. */
  estimate(term: string): TermEstimate {
    cellIndexes(term, this.width, this.idx);
    return this.read(this.live);
  }

  /** The term's estimate in the epoch being closed, against the baselines before the close. */
  estimateClosing(term: string): TermEstimate {
    cellIndexes(term, this.width, this.idx);
    return this.read(this.closing);
  }

  private read(counts: Uint32Array): TermEstimate {
    let bestCell = -1;
    let bestSig = Infinity;
    let count = Infinity;
    for (let r = 0; r < this.depth; r++) {
      const i = this.idx[r]!;
      count = Math.min(count, counts[i]!);
      const s = significance(counts[i]!, this.mean[i]!, this.variance[i]!, this.opts.beta);
      if (s < bestSig) {
        bestSig = s;
        bestCell = i;
      }
    }
    return { count, expected: this.mean[bestCell]!, sd: Math.sqrt(Math.max(0, this.variance[bestCell]!)), significance: bestSig };
  }

  /** Starts closing the live epoch; `sweep()` must run to its end before the next call. */
  beginClose(): void {
    if (this.sweeping) throw new Error('the previous epoch is still being closed');
    const t = this.closing;
    this.closing = this.live;
    this.live = t;
    this.sweeping = true;
  }

  get closingInProgress(): boolean {
    return this.sweeping;
  }

  /**
   * Folds the closing counts into the baselines, `chunk` cells per step (yields between steps so
   * a caller can stop to let the event loop breathe). `extraEmptyEpochs` are epochs nobody
   * posted in (a sleeping laptop): each decays the baselines as a zero count would.
   */
  *sweep(chunk: number, extraEmptyEpochs = 0): Generator<void, void, void> {
    const a = this.opts.alpha;
    const empties = Math.min(extraEmptyEpochs, 64);
    const { mean, variance, closing } = this;
    for (let start = 0; start < closing.length; start += chunk) {
      const end = Math.min(closing.length, start + chunk);
      for (let i = start; i < end; i++) {
        let m = mean[i]!;
        let v = variance[i]!;
        const d = closing[i]! - m;
        m += a * d;
        v = (1 - a) * (v + a * d * d);
        for (let e = 0; e < empties; e++) {
          v = (1 - a) * (v + a * m * m);
          m -= a * m;
        }
        mean[i] = m;
        variance[i] = v;
        closing[i] = 0;
      }
      yield;
    }
    this.sweeping = false;
  }
}
