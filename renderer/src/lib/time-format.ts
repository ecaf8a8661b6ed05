const pad = (n: number) => String(n).padStart(2, '0');

/** "12:03" in local time: how people in the room read a clock. */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "just now", "45 s", "12 min", "3 h", "2 d": short enough to read from across a room. */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Local time, with the date when it isn't today: "14:05" or "3 Mar 14:05". */
export function absoluteTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return hhmm(t);
  const month = d.toLocaleString(undefined, { month: 'short' });
  return `${d.getDate()} ${month}${d.getFullYear() === today.getFullYear() ? '' : ` ${d.getFullYear()}`} ${hhmm(t)}`;
}
