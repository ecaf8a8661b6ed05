/**
 * Space-Saving (Metwally, Agrawal & El Abbadi 2005): the k most frequent items of a stream in
 * k counters. An unseen item takes over the smallest counter and inherits its count as `error`,
 * so `count − error` never overstates and `count` never understates an item's frequency.
 * The counters sit in a binary min-heap (O(log k) per offer) with a map from key to slot.
 */
export interface SpaceSavingEntry<M> {
  key: string;
  count: number;
  error: number;
  meta: M;
}

export class SpaceSaving<M> {
  private readonly heap: Array<SpaceSavingEntry<M>> = [];
  private readonly slot = new Map<string, number>();

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('Space-Saving needs at least one counter');
  }

  get size(): number {
    return this.heap.length;
  }

  offer(key: string, meta: M, weight = 1): void {
    const at = this.slot.get(key);
    if (at !== undefined) {
      this.heap[at]!.count += weight;
      this.down(at);
      return;
    }
    if (this.heap.length < this.capacity) {
      this.heap.push({ key, count: weight, error: 0, meta });
      this.slot.set(key, this.heap.length - 1);
      this.up(this.heap.length - 1);
      return;
    }
    // The smallest counter changes hands (reused in place: this is the hot path with a big vocabulary).
    const min = this.heap[0]!;
    this.slot.delete(min.key);
    min.key = key;
    min.error = min.count;
    min.count += weight;
    min.meta = meta;
    this.slot.set(key, 0);
    this.down(0);
  }

  /** The counter for `key`, 0 when it holds none (it may still have been seen, less often than the smallest). */
  count(key: string): number {
    const at = this.slot.get(key);
    return at === undefined ? 0 : this.heap[at]!.count;
  }

  /** The k largest counters, largest first. */
  top(k: number): Array<SpaceSavingEntry<M>> {
    return [...this.heap].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, k).map((e) => ({ ...e }));
  }

  entries(): ReadonlyArray<SpaceSavingEntry<M>> {
    return this.heap;
  }

  clear(): void {
    this.heap.length = 0;
    this.slot.clear();
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    this.heap[i] = b;
    this.heap[j] = a;
    this.slot.set(b.key, i);
    this.slot.set(a.key, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.heap[p]!.count <= this.heap[i]!.count) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.heap[l]!.count < this.heap[m]!.count) m = l;
      if (r < n && this.heap[r]!.count < this.heap[m]!.count) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
