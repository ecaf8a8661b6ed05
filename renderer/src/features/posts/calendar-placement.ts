import type { ScheduledPost } from '../../../../shared/publishing';
import { zonedParts } from '../../lib/zoned-time';

/** One column of the week view: a calendar date in the viewer's zone. */
export interface WeekDay {
  /** "2025-03-03" */
  date: string;
  /** "Mon 3 Mar" */
  label: string;
}

export interface Placement {
  /** 0 = Monday … 6 = Sunday of the week shown. */
  day: number;
  hour: number;
  minute: number;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The Monday-to-Sunday week containing `now` in `timeZone`, moved by `offset` weeks. Dates are
 * counted on the civil calendar (UTC arithmetic on Y-M-D), so a DST change inside the week can't
 * shift a column.
 */
export function weekOf(now: number, timeZone: string, offset = 0): WeekDay[] {
  const p = zonedParts(now, timeZone);
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day - p.weekday + offset * 7 + i));
    return { date: d.toISOString().slice(0, 10), label: `${DAY_NAMES[i]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` };
  });
}

/** Where a post lands in `week` for a viewer in `timeZone`, or null (no time, or another week). */
export function placePost(scheduledAt: string | null, timeZone: string, week: readonly WeekDay[]): Placement | null {
  if (!scheduledAt) return null;
  const t = Date.parse(scheduledAt);
  if (Number.isNaN(t)) return null;
  const p = zonedParts(t, timeZone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const day = week.findIndex((d) => d.date === date);
  return day < 0 ? null : { day, hour: p.hour, minute: p.minute };
}

export interface PlacedPost {
  post: ScheduledPost;
  at: Placement;
}

/** The week's posts by column, each column in time order. Cancelled posts are left out: they won't go. */
export function layoutWeek(posts: readonly ScheduledPost[], timeZone: string, week: readonly WeekDay[]): PlacedPost[][] {
  const columns: PlacedPost[][] = week.map(() => []);
  for (const post of posts) {
    if (post.status === 'cancelled') continue;
    const at = placePost(post.scheduledAt, timeZone, week);
    if (at) columns[at.day]!.push({ post, at });
  }
  const minutes = (p: Placement) => p.hour * 60 + p.minute;
  for (const col of columns) col.sort((a, b) => minutes(a.at) - minutes(b.at) || a.post.id.localeCompare(b.post.id));
  return columns;
}
