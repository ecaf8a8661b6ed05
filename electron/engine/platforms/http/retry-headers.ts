/** When a server says to try again: its rate-limit reset and Retry-After headers, read leniently. */

/** Returns the reset time in epoch ms, or null when the header is absent or unreadable. */
export function parseRateLimitReset(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n > 1e12) return Math.round(n); // epoch milliseconds
    if (n > 1e9) return Math.round(n * 1000); // epoch seconds
    return nowMs + Math.round(n * 1000); // a delta in seconds
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return nowMs + Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
