import { methods, type MethodName } from '../../../shared/methods';
import type { PostStatus, ScheduledPost } from '../../../shared/publishing';
import { roleMay, type Role } from '../../../shared/roles';

/**
 * What the signed-in role may do, read from the contract's own access table so the UI never offers
 * a button the server would refuse. The server still decides: these only hide what can't work.
 * An unknown role (or none yet) may only read.
 */
export function may(role: Role | null | undefined, method: MethodName): boolean {
  if (!role) return false;
  return roleMay(role, methods[method].access);
}

/** The freeze switch and lifting it. */
export const canFreeze = (role: Role | null | undefined) => may(role, 'freeze.set');

/** The suggest-freeze prompt is for whoever can act on it; the wall stays read-only whoever runs it. */
export function showsSuggestionPrompt(role: Role | null | undefined, view: string): boolean {
  return view !== 'wall' && may(role, 'freeze.set') && may(role, 'freeze.dismiss');
}

/** Posts that haven't gone (or started going) out: these can still be changed or stopped. */
const OPEN: readonly PostStatus[] = ['draft', 'pending_approval', 'scheduled', 'held', 'failed'];

export interface PostActions {
  edit: boolean;
  cancel: boolean;
  approve: boolean;
  release: boolean;
  /** A draft gets a time (posts.schedule). */
  schedule: boolean;
}

export function postActions(role: Role | null | undefined, post: Pick<ScheduledPost, 'status'>): PostActions {
  const open = OPEN.includes(post.status);
  return {
    edit: open && may(role, 'posts.update'),
    cancel: open && may(role, 'posts.cancel'),
    approve: post.status === 'pending_approval' && may(role, 'posts.approve'),
    release: post.status === 'held' && may(role, 'posts.release'),
    schedule: post.status === 'draft' && may(role, 'posts.schedule'),
  };
}

export interface NavLink {
  href: string;
  label: string;
}

/** The crisis console is readable by everyone (it says why it's read-only); composing needs an agent. */
export function navLinks(role: Role | null | undefined): NavLink[] {
  const links: NavLink[] = [
    { href: '#/wall', label: 'Wall' },
    { href: '#/desk', label: 'Desk' },
  ];
  if (may(role, 'posts.create')) links.push({ href: '#/compose', label: 'Compose' });
  if (may(role, 'posts.list')) links.push({ href: '#/posts', label: 'Posts' });
  links.push({ href: '#/crisis', label: 'Crisis' });
  if (may(role, 'alerts.ack')) links.push({ href: '#/alerts', label: 'Alerts' });
  // Admins manage users there; leads the topics (issue 10), alert rules and channels (issue 11), the queue's teams, triage rules and SLAs (issue 12).
  if (may(role, 'users.list') || may(role, 'topics.save') || may(role, 'alerts.rules.list') || may(role, 'rules.save')) links.push({ href: '#/settings', label: 'Settings' });
  return links;
}
