import type { ScheduledPost } from '../../../../shared/publishing';
import { formatInZone } from '../../lib/zoned-time';

/** What the composer says after posts.create, in words the author can act on. */
export function describeCreated(posts: readonly Pick<ScheduledPost, 'status' | 'scheduledAt' | 'timeZone'>[], now = Date.now()): string {
  if (posts.length === 0) return 'Nothing was created.';
  const n = (k: number) => (k === 1 ? 'one account' : `${k} accounts`);
  const by = (status: ScheduledPost['status']) => posts.filter((p) => p.status === status);
  const parts: string[] = [];
  const pending = by('pending_approval');
  if (pending.length) parts.push(`Sent for approval (${n(pending.length)}): a lead must approve it before it is scheduled.`);
  const scheduled = by('scheduled');
  if (scheduled.length) {
    const first = scheduled[0]!;
    const when = first.scheduledAt ? ` for ${formatInZone(first.scheduledAt, first.timeZone, now)} (${first.timeZone})` : '';
    parts.push(`Scheduled${when} on ${n(scheduled.length)}.`);
  }
  const held = by('held');
  if (held.length) parts.push(`Held on ${n(held.length)}: publishing is frozen, it waits for review.`);
  const drafts = by('draft');
  if (drafts.length) parts.push(`Saved as a draft (${n(drafts.length)}).`);
  return parts.join(' ') || `Created (${posts.map((p) => p.status).join(', ')}).`;
}
