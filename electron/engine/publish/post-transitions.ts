import { RpcError } from '../../../shared/errors.js';
import type { PostStatus } from '../../../shared/publishing.js';
import type { Store } from '../store/store.js';
import { postView, type PostRecord } from '../store/posts-repo.js';
import { recordAudit } from '../team/audit.js';

/**
 * Every status change a post may make. Anything else is a bug or a race lost to another person
 * (or to the scheduler), and is refused rather than written.
 */
const ALLOWED: Record<PostStatus, readonly PostStatus[]> = {
  draft: ['draft', 'pending_approval', 'scheduled', 'cancelled'],
  pending_approval: ['pending_approval', 'scheduled', 'draft', 'cancelled'],
  scheduled: ['scheduled', 'pending_approval', 'draft', 'publishing', 'held', 'failed', 'cancelled'],
  held: ['held', 'scheduled', 'cancelled'],
  publishing: ['published', 'unconfirmed', 'failed', 'scheduled', 'held'],
  unconfirmed: ['published', 'scheduled', 'held'],
  failed: ['draft', 'pending_approval', 'scheduled', 'cancelled'],
  published: [],
  cancelled: [],
};

export function transitionAllowed(from: PostStatus, to: PostStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Why a person can't do `verb` to this post right now, or null when they can. */
export function lockedReason(post: PostRecord, verb: string): string | null {
  switch (post.status) {
    case 'published':
      return `published posts can't be ${verb}`;
    case 'cancelled':
      return `cancelled posts can't be ${verb}`;
    case 'publishing':
      return `this post is being sent right now and can't be ${verb}`;
    case 'unconfirmed':
      return `this post may have been published (Newsroom is checking the account) and can't be ${verb} until that is settled`;
    default:
      return null;
  }
}

export function assertUnlocked(post: PostRecord, verb: string): void {
  const why = lockedReason(post, verb);
  if (why) throw new RpcError('conflict', why);
}

export interface PostChange {
  actor: string;
  action: string;
  at: string;
  details?: Record<string, unknown> | null;
}

/**
 * Writes a post's new state with its audit entry and `post.updated` change. Must run inside
 * store.write(), so the three commit together.
 */
export function savePost(store: Store, before: PostRecord, after: Omit<PostRecord, 'attempts'>, c: PostChange): PostRecord {
  if (!transitionAllowed(before.status, after.status)) {
    throw new RpcError('conflict', `a ${before.status.replace('_', ' ')} post can't become ${after.status.replace('_', ' ')}`);
  }
  const fresh = store.posts.update({ ...after, updatedAt: c.at });
  recordAudit(
    store,
    { actor: c.actor, action: c.action, entity: 'post', entityId: before.id, from: before.status, to: fresh.status, details: c.details ?? null },
    c.at,
  );
  store.changes.append({ kind: 'post.updated', post: postView(fresh) }, c.at);
  return fresh;
}
