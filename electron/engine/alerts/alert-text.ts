/** Numbers as a person reads them in a "why": 12.4, 2.1, 1,234, −0.62. */
export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Math.abs(x) >= 100 ? Math.round(x) : Number(x.toFixed(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits }).replace(/^-/u, '−');
}

export function signed(x: number, digits = 2): string {
  return x > 0 ? `+${num(x, digits)}` : num(x, digits);
}

export function quote(term: string): string {
  return `“${term}”`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n, 0)} ${n === 1 ? one : many}`;
}
