import type { PostStatus, ScheduledPost } from '../../../../shared/publishing';

/** The order groups appear in: what needs a person first, what is done last. */
export const STATUS_ORDER: readonly PostStatus[] = [
  'held',
  'pending_approval',
  'unconfirmed',
  'failed',
  'publishing',
  'scheduled',
  'draft',
  'published',
  'cancelled',
];

export const STATUS_LABEL: Record<PostStatus, string> = {
  draft: 'Drafts',
  pending_approval: 'Waiting for approval',
  scheduled: 'Scheduled',
  held: 'Held (review before anything goes out)',
  publishing: 'Publishing now',
  published: 'Published',
  failed: 'Failed',
  unconfirmed: 'Unconfirmed (may have gone out; being checked)',
  cancelled: 'Cancelled',
};

/** Short status words for a chip. */
export const STATUS_WORD: Record<PostStatus, string> = {
  draft: 'draft',
  pending_approval: 'needs approval',
  scheduled: 'scheduled',
  held: 'held',
  publishing: 'publishing',
  published: 'published',
  failed: 'failed',
  unconfirmed: 'unconfirmed',
  cancelled: 'cancelled',
};

const FINISHED: readonly PostStatus[] = ['published', 'cancelled'];

export interface PostGroup {
  status: PostStatus;
  posts: ScheduledPost[];
  /** How many older ones were left out (finished groups only show the newest). */
  hidden: number;
}

const time = (p: ScheduledPost) => (p.scheduledAt ? Date.parse(p.scheduledAt) : Number.POSITIVE_INFINITY);

/**
 * Posts by status in STATUS_ORDER, empty groups left out. Open posts come soonest first (what goes
 * out next is on top); finished ones newest first, at most `finishedLimit` of them.
 */
export function groupPosts(posts: readonly ScheduledPost[], finishedLimit = 50): PostGroup[] {
  const groups: PostGroup[] = [];
  for (const status of STATUS_ORDER) {
    const mine = posts.filter((p) => p.status === status);
    if (!mine.length) continue;
    if (FINISHED.includes(status)) {
      mine.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
      groups.push({ status, posts: mine.slice(0, finishedLimit), hidden: Math.max(0, mine.length - finishedLimit) });
    } else {
      mine.sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id));
      groups.push({ status, posts: mine, hidden: 0 });
    }
  }
  return groups;
}
