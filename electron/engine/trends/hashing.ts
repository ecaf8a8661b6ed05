/**
 * Two independent 32-bit hashes of a string in one pass (FNV-1a with two offsets, each finished
 * with murmur3's avalanche), combined by double hashing (Kirsch & Mitzenmacher) into one column
 * per row of a count-min table. Pure integer arithmetic: no allocation per call.
 */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Writes the cell index of `term` in each row into `out` (row r's cells start at r × width). */
export function cellIndexes(term: string, width: number, out: Int32Array): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  const h1 = fmix32(a);
  // Odd, so the rows' columns walk the whole (power-of-two) width.
  const h2 = fmix32(b) | 1;
  const mask = width - 1;
  for (let r = 0; r < out.length; r++) out[r] = r * width + ((h1 + Math.imul(r, h2)) & mask);
}

/** A short stable id fragment for a string (topic ids). */
export function shortHash(s: string): string {
  const idx = new Int32Array(1);
  cellIndexes(s, 2 ** 30, idx);
  return idx[0]!.toString(36);
}
