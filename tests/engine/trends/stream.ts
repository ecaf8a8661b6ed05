import type { SliceScheduler } from '../../../electron/engine/trends/sliced.js';

/** A seeded PRNG (mulberry32): streams are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = (
  'coffee latte espresso beans roast morning barista order app store cup tea milk oat sugar croissant ' +
  'breakfast queue staff friendly price card loyalty points cold brew decaf mocha cappuccino flat white ' +
  'weekend monday rain sunny office meeting train bus commute music podcast book garden dog cat friend ' +
  'family lunch dinner cake cookie sandwich bagel muffin vanilla caramel hazelnut cinnamon pumpkin spice ' +
  'delivery pickup drive window table chair wifi laptop study exam holiday trip city park walk run gym'
).split(' ');

export interface StreamOptions {
  random: () => number;
  /** Words per chatter post. */
  words?: number;
  /** Steady high-volume term and the share of posts that carry it. */
  steady?: { text: string; share: number };
}

/** An everyday post: Zipf-like picks from a café-chatter vocabulary. */
export function chatter(o: StreamOptions): string {
  const words: string[] = [];
  const n = o.words ?? 10;
  for (let i = 0; i < n; i++) {
    const rank = Math.floor(VOCAB.length * Math.pow(o.random(), 1.6));
    words.push(VOCAB[rank]!);
  }
  if (o.steady && o.random() < o.steady.share) words.splice(Math.floor(o.random() * words.length), 0, o.steady.text);
  return words.join(' ');
}

/** Slices run when the test says so; `now` is a counter the test moves (a fake performance.now). */
export class ManualScheduler implements SliceScheduler {
  readonly queue: Array<() => void> = [];
  t = 0;
  /** Added to t on each read: each check the runner makes "costs" this many ms. */
  constructor(public costPerRead = 0) {}
  defer(fn: () => void): void {
    this.queue.push(fn);
  }
  now(): number {
    this.t += this.costPerRead;
    return this.t;
  }
  /** Runs the next slice; false when none was waiting. */
  async step(): Promise<boolean> {
    const fn = this.queue.shift();
    if (!fn) return false;
    fn();
    await new Promise((r) => setImmediate(r));
    return true;
  }
}

/** Runs every slice at once (each close is one slice): for tests about detection, not slicing. */
export const eagerScheduler: SliceScheduler = { defer: (fn) => setImmediate(fn), now: () => 0 };
