/** "Why it is trending", in words a person at the wall can check: this epoch's count against the usual. */
export function trendWhy(count: number, expected: number, sd: number, epochMs = 60_000): string {
  const usual = expected < 0.5 ? 'usually none' : `usually ${fmt(expected)} ± ${fmt(sd)}`;
  const times = expected >= 0.5 ? ` (${fmt(count / expected)}×)` : '';
  const period = epochMs === 60_000 ? 'this minute' : `in ${fmt(epochMs / 1000)} s`;
  return `${Math.round(count)} posts ${period}, ${usual}${times}`;
}

function fmt(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}
