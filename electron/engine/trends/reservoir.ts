/**
 * A uniform random sample of an epoch's posts (Vitter's algorithm R) in fixed memory. Topics
 * are clustered and measured on it: with n posts seen and s sampled, a topic matched by m
 * sampled posts had about m·n/s posts (exactly m while n ≤ capacity).
 */
export interface SampledPost {
  itemId: number;
  sentiment: number | null;
  terms: readonly string[];
}

export class Reservoir {
  private posts: SampledPost[] = [];
  private seen = 0;

  constructor(
    readonly capacity: number,
    private readonly random: () => number,
  ) {}

  offer(post: SampledPost): void {
    this.seen++;
    if (this.posts.length < this.capacity) {
      this.posts.push(post);
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.posts[j] = post;
  }

  /** Posts offered since the last reset. */
  get total(): number {
    return this.seen;
  }

  sample(): readonly SampledPost[] {
    return this.posts;
  }

  /** Scale from sample counts to epoch counts. */
  get scale(): number {
    return this.posts.length === 0 ? 0 : this.seen / this.posts.length;
  }

  /** Hands the sample over and starts a new one. */
  takeAndReset(): { posts: readonly SampledPost[]; total: number } {
    const out = { posts: this.posts, total: this.seen };
    this.posts = [];
    this.seen = 0;
    return out;
  }
}
