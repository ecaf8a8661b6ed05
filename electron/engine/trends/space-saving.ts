/**
 * Space-Saving (Metwally, Agrawal & El Abbadi 2005): the k most frequent items of a stream in
 * k counters. An unseen item takes over the smallest counter and inherits its count as `error`,
 * so `count − error` never overstates and `count` never understates an item's frequency.
 * The counters sit in a binary min-heap (O(log k) per offer); each knows its heap slot, so a
 * heap move costs no map update.
 */
export interface SpaceSavingEntry<M> {
  key: string;
  count: number;
  error: number;
  meta: M;
}

interface Counter<M> extends SpaceSavingEntry<M> {
  slot: number;
}

export class SpaceSaving<M> {
  private readonly heap: Array<Counter<M>> = [];
  private readonly byKey = new Map<string, Counter<M>>();

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('Space-Saving needs at least one counter');
  }

  get size(): number {
    return this.heap.length;
  }

  offer(key: string, meta: M, weight = 1): void {
    const known = this.byKey.get(key);
    if (known !== undefined) {
      known.count += weight;
      this.down(known.slot);
      return;
    }
    if (this.heap.length < this.capacity) {
      const c: Counter<M> = { key, count: weight, error: 0, meta, slot: this.heap.length };
      this.heap.push(c);
      this.byKey.set(key, c);
      this.up(c.slot);
      return;
    }
    // The smallest counter changes hands (reused in place: this is the hot path with a big vocabulary).
    const min = this.heap[0]!;
    this.byKey.delete(min.key);
    min.key = key;
    min.error = min.count;
    min.count += weight;
    min.meta = meta;
    this.byKey.set(key, min);
    this.down(0);
  }

  /** The counter for `key`, 0 when it holds none (it may still have been seen, less often than the smallest). */
  count(key: string): number {
    return this.byKey.get(key)?.count ?? 0;
  }

  /** The k largest counters, largest first (copies). */
  top(k: number): Array<SpaceSavingEntry<M>> {
    return [...this.heap]
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, k)
      .map(({ key, count, error, meta }) => ({ key, count, error, meta }));
  }

  entries(): ReadonlyArray<SpaceSavingEntry<M>> {
    return this.heap;
  }

  clear(): void {
    this.heap.length = 0;
    this.byKey.clear();
  }

  private place(c: Counter<M>, slot: number): void {
    this.heap[slot] = c;
    c.slot = slot;
  }

  private up(i: number): void {
    const c = this.heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = this.heap[p]!;
      if (parent.count <= c.count) break;
      this.place(parent, i);
      i = p;
    }
    this.place(c, i);
  }

  private down(i: number): void {
    const n = this.heap.length;
    const c = this.heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.heap[r]!.count < this.heap[l]!.count ? r : l;
      const child = this.heap[m]!;
      if (child.count >= c.count) break;
      this.place(child, i);
      i = m;
    }
    this.place(c, i);
  }
}
