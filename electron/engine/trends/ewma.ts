/**
 * Exponentially weighted moving average and variance, updated once per epoch (Finch 2009,
 * "Incremental calculation of weighted mean and variance", as used by Signi-Trend):
 *   Δ = x − μ;  μ ← μ + α·Δ;  σ² ← (1 − α)·(σ² + α·Δ²)
 * α comes from a half-life in epochs: after `halfLife` epochs an observation weighs half.
 */
export function alphaForHalfLife(halfLifeEpochs: number): number {
  return 1 - Math.exp(Math.log(0.5) / Math.max(0.01, halfLifeEpochs));
}

/**
 * Signi-Trend's significance (Schubert, Weiler & Kriegel, KDD 2014):
 *   (x − max(μ, β)) / (σ + β)
 * β keeps rare terms from trending on noise: a never-seen term needs x ≥ β + threshold·β.
 */
export function significance(x: number, mean: number, variance: number, beta: number): number {
  return (x - Math.max(mean, beta)) / (Math.sqrt(Math.max(0, variance)) + beta);
}

/** One scalar baseline (the whole stream's volume, a query's volume, a sentiment level). */
export class Ewma {
  mean = 0;
  variance = 0;
  /** Epochs observed so far. */
  epochs = 0;

  constructor(private readonly alpha: number) {}

  update(x: number): void {
    if (this.epochs === 0) {
      // The first observation is the best guess of the level; variance still unknown.
      this.mean = x;
    } else {
      const delta = x - this.mean;
      this.mean += this.alpha * delta;
      this.variance = (1 - this.alpha) * (this.variance + this.alpha * delta * delta);
    }
    this.epochs++;
  }

  sd(): number {
    return Math.sqrt(Math.max(0, this.variance));
  }

  significance(x: number, beta: number): number {
    return significance(x, this.mean, this.variance, beta);
  }
}
