/**
 * Mastodon's id paging (Paginable#to_a_paginated_by_id) and its Link header. Semantics copied
 * from Mastodon: max_id/since_id give the newest items below max_id (newest first); min_id gives
 * the items immediately above min_id (the oldest ones), still returned newest first.
 */

export interface PageParams {
  maxId: bigint | null;
  sinceId: bigint | null;
  minId: bigint | null;
  limit: number;
}

/** Ids are numeric; anything else is ignored like an absent parameter. */
export function parseId(v: string | null): bigint | null {
  if (v === null || !/^\d{1,30}$/.test(v)) return null;
  return BigInt(v);
}

/** Api::BaseController#limit_param: `[params[:limit].to_i.abs, default * 2].min`. */
export function limitParam(raw: string | null, defaultLimit: number, max = defaultLimit * 2): number {
  if (raw === null) return defaultLimit;
  const n = Math.abs(parseInt(raw, 10));
  return Math.min(Number.isFinite(n) ? n : 0, max);
}

export function pageParams(q: URLSearchParams, defaultLimit: number, max?: number): PageParams {
  return {
    maxId: parseId(q.get('max_id')),
    sinceId: parseId(q.get('since_id')),
    minId: parseId(q.get('min_id')),
    limit: limitParam(q.get('limit'), defaultLimit, max),
  };
}

/** First index whose key is > k (items sorted ascending by key). */
function upperBound<T extends { key: bigint }>(items: readonly T[], k: bigint): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as T).key <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is >= k. */
function lowerBound<T extends { key: bigint }>(items: readonly T[], k: bigint): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as T).key < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pages `items` (ascending by key) and returns newest first. With `skip` (search's offset) the
 * first `skip` matches of the window are dropped before `limit` is taken.
 */
export function paginate<T extends { key: bigint }>(items: readonly T[], keep: (item: T) => boolean, p: PageParams, skip = 0): T[] {
  const out: T[] = [];
  let skipped = 0;
  if (p.limit <= 0) return out;
  if (p.minId !== null) {
    const end = p.maxId !== null ? lowerBound(items, p.maxId) : items.length;
    for (let i = upperBound(items, p.minId); i < end && out.length < p.limit; i++) {
      const it = items[i] as T;
      if (!keep(it)) continue;
      if (skipped < skip) skipped++;
      else out.push(it);
    }
    return out.reverse();
  }
  const start = p.maxId !== null ? lowerBound(items, p.maxId) - 1 : items.length - 1;
  for (let i = start; i >= 0 && out.length < p.limit; i--) {
    const it = items[i] as T;
    if (p.sinceId !== null && it.key <= p.sinceId) break;
    if (!keep(it)) continue;
    if (skipped < skip) skipped++;
    else out.push(it);
  }
  return out;
}

/** Encodes query pairs the way Rails' Hash#to_query does: `types[]` → `types%5B%5D`, pairs sorted. */
export function toQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
}

/** The params a Mastodon controller carries into its Link URLs (`pagination_params`). */
export function carryParams(q: URLSearchParams, names: readonly string[], arrays: readonly string[] = []): [string, string][] {
  const out: [string, string][] = [];
  for (const n of names) {
    const v = q.get(n);
    if (v !== null) out.push([n, v]);
  }
  for (const n of arrays) for (const v of [...q.getAll(`${n}[]`), ...q.getAll(n)]) out.push([`${n}[]`, v]);
  return out;
}

/** `<url>; rel="next", <url>; rel="prev"` — LinkHeader#to_s as Mastodon sends it. */
export function linkHeader(base: string, path: string, carry: readonly (readonly [string, string])[], next: string | null, prev: string | null, prevParam: 'min_id' | 'since_id' = 'min_id'): string | null {
  const links: string[] = [];
  if (next !== null) links.push(`<${base}${path}?${toQuery([...carry, ['max_id', next]])}>; rel="next"`);
  if (prev !== null) links.push(`<${base}${path}?${toQuery([...carry, [prevParam, prev]])}>; rel="prev"`);
  return links.length > 0 ? links.join(', ') : null;
}
