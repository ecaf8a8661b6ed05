import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import type { UserView } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import { freezeCovers, type PostStatus } from '../../../shared/publishing.js';
import { roleMay } from '../../../shared/roles.js';
import type { AccountRecord } from '../store/publish-accounts-repo.js';
import { postView, type PostRecord } from '../store/posts-repo.js';
import type { Store } from '../store/store.js';
import { recordAudit } from '../team/audit.js';
import { assertUnlocked, savePost } from './post-transitions.js';
import { textTooLong } from './text-length.js';

export interface PostsDeps {
  store: Store;
  clock: Clock;
}

/** A time up to this far in the past is taken as "now" (the seconds a person takes to click). */
const PAST_GRACE_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const isLead = (u: UserView) => roleMay(u.role, 'lead');

function account(store: Store, id: string): AccountRecord {
  const a = store.accounts.get(id);
  if (!a) throw new RpcError('not_found', `no publishing account "${id}": accounts.list shows the ones there are`);
  return a;
}

function mustPost(store: Store, id: string): PostRecord {
  const p = store.posts.get(id);
  if (!p) throw new RpcError('not_found', `no post "${id}"`);
  return p;
}

/** Agents act on their own posts; leads and above on anyone's. */
function assertMayChange(user: UserView, post: PostRecord, what: string): void {
  if (!isLead(user) && post.author !== user.name) throw new RpcError('forbidden', `agents may ${what} only their own posts; this one is ${post.author}'s`);
}

/** A requested time as stored: normalized to UTC; up to a minute late counts as now; earlier is refused. */
export function resolveTime(at: string, nowMs: number): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RpcError('invalid_input', `"${at}" is not a time`);
  if (ms < nowMs - PAST_GRACE_MS) throw new RpcError('invalid_input', `${iso(ms)} is in the past: pick a time from now on`);
  return iso(Math.max(ms, nowMs));
}

function checkLength(a: AccountRecord, text: string): void {
  const over = textTooLong(a.platform, text);
  if (over) throw new RpcError('invalid_input', `${a.name}: ${over}`);
}

/**
 * Where a post with a time goes when this person sets it: agents' posts on an approval account
 * wait for a lead; leads and above (and anyone on an account without approval) schedule directly.
 */
function liveStatus(user: UserView, a: AccountRecord, prevApprovedBy: string | null): { status: PostStatus; approvedBy: string | null } {
  if (!a.requireApproval) return { status: 'scheduled', approvedBy: prevApprovedBy };
  if (isLead(user)) return { status: 'scheduled', approvedBy: user.name };
  return { status: 'pending_approval', approvedBy: null };
}

export interface NewPost {
  groupId: string;
  account: Pick<AccountRecord, 'id' | 'platform'>;
  text: string;
  inReplyTo: string | null;
  scheduledAt: string | null;
  timeZone: string;
  status: PostStatus;
  author: string;
  approvedBy: string | null;
  at: string;
}

/** A new post's first revision, stored (inside the caller's transaction); also how the desk's replies enter the outbox. */
export function insertNewPost(store: Store, p: NewPost): PostRecord {
  return store.posts.insert({
    id: randomUUID(),
    groupId: p.groupId,
    accountId: p.account.id,
    platform: p.account.platform,
    text: p.text,
    inReplyTo: p.inReplyTo,
    scheduledAt: p.scheduledAt,
    timeZone: p.timeZone,
    status: p.status,
    revision: 1,
    author: p.author,
    approvedBy: p.approvedBy,
    note: null,
    remoteId: null,
    remoteUrl: null,
    createdAt: p.at,
    updatedAt: p.at,
    notBefore: null,
    failures: 0,
  });
}

export interface CreateInput {
  accountIds: string[];
  text: string;
  inReplyTo?: string | undefined;
  scheduledAt?: string | undefined;
  timeZone: string;
}

export function createPosts(d: PostsDeps, user: UserView, p: CreateInput): PostRecord[] {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  const when = p.scheduledAt !== undefined ? resolveTime(p.scheduledAt, nowMs) : null;
  const ids = [...new Set(p.accountIds)];
  return store.write(() => {
    const accounts = ids.map((id) => account(store, id));
    for (const a of accounts) checkLength(a, p.text);
    const groupId = randomUUID();
    return accounts.map((a) => {
      const live = when === null ? { status: 'draft' as const, approvedBy: null } : liveStatus(user, a, null);
      const post = insertNewPost(store, {
        groupId,
        account: a,
        text: p.text,
        inReplyTo: p.inReplyTo ?? null,
        scheduledAt: when,
        timeZone: p.timeZone,
        status: live.status,
        author: user.name,
        approvedBy: live.approvedBy,
        at,
      });
      recordAudit(store, { actor: user.name, action: 'post.created', entity: 'post', entityId: post.id, from: null, to: post.status, details: { groupId, scheduledAt: when } }, at);
      store.changes.append({ kind: 'post.added', post: postView(post) }, at);
      return post;
    });
  });
}

export interface UpdateInput {
  id: string;
  text?: string | undefined;
  scheduledAt?: string | null | undefined;
  timeZone?: string | undefined;
}

export function updatePost(d: PostsDeps, user: UserView, p: UpdateInput): PostRecord {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  if (p.text === undefined && p.scheduledAt === undefined && p.timeZone === undefined) throw new RpcError('invalid_input', 'nothing to change: give text, scheduledAt or timeZone');
  const when = p.scheduledAt === undefined || p.scheduledAt === null ? p.scheduledAt : resolveTime(p.scheduledAt, nowMs);
  return store.write(() => {
    const post = mustPost(store, p.id);
    assertMayChange(user, post, 'edit');
    assertUnlocked(post, 'edited');
    if (post.status === 'held' && !isLead(user)) throw new RpcError('forbidden', 'held posts are reviewed by a lead or above');
    const a = account(store, post.accountId);
    const text = p.text ?? post.text;
    if (p.text !== undefined) checkLength(a, text);
    let status: PostStatus = post.status;
    let approvedBy = post.approvedBy;
    let scheduledAt = when === undefined ? post.scheduledAt : when;
    if (post.status !== 'held') {
      // A failed post's old time has passed: an edit without a new one makes it a draft again.
      if (post.status === 'failed' && when === undefined) scheduledAt = null;
      if (scheduledAt === null) {
        status = 'draft';
        approvedBy = null;
      } else {
        // An agent's edit is a new text to approve; a lead's edit is their approval.
        ({ status, approvedBy } = liveStatus(user, a, post.status === 'draft' || post.status === 'failed' ? null : post.approvedBy));
      }
    }
    return savePost(
      store,
      post,
      { ...post, text, scheduledAt, timeZone: p.timeZone ?? post.timeZone, status, approvedBy, revision: post.revision + 1, note: post.status === 'held' ? post.note : null, notBefore: null, failures: 0 },
      { actor: user.name, action: 'post.edited', at, details: { revision: post.revision + 1, textChanged: p.text !== undefined && p.text !== post.text, scheduledAt } },
    );
  });
}

export function schedulePost(d: PostsDeps, user: UserView, p: { id: string; at: string; timeZone?: string | undefined }): PostRecord {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  const when = resolveTime(p.at, nowMs);
  return store.write(() => {
    const post = mustPost(store, p.id);
    assertMayChange(user, post, 'reschedule');
    assertUnlocked(post, 'rescheduled');
    if (post.status === 'held') throw new RpcError('conflict', 'held posts go out only when a lead or above releases them (posts.release)');
    const a = account(store, post.accountId);
    const live = liveStatus(user, a, post.status === 'scheduled' ? post.approvedBy : null);
    return savePost(
      store,
      post,
      { ...post, scheduledAt: when, timeZone: p.timeZone ?? post.timeZone, ...live, note: null, notBefore: null, failures: 0 },
      { actor: user.name, action: 'post.scheduled', at, details: { scheduledAt: when } },
    );
  });
}

export function approvePost(d: PostsDeps, user: UserView, id: string): PostRecord {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  return store.write(() => {
    const post = mustPost(store, id);
    if (post.status !== 'pending_approval') throw new RpcError('conflict', `only posts waiting for approval can be approved; this one is ${post.status.replace('_', ' ')}`);
    if (post.scheduledAt === null || Date.parse(post.scheduledAt) < nowMs - PAST_GRACE_MS) {
      throw new RpcError('conflict', `its time (${post.scheduledAt ?? 'none'}) has passed: give it a new time with posts.schedule`);
    }
    return savePost(store, post, { ...post, status: 'scheduled', approvedBy: user.name, note: null }, { actor: user.name, action: 'post.approved', at, details: { scheduledAt: post.scheduledAt } });
  });
}

export function releasePost(d: PostsDeps, user: UserView, p: { id: string; at?: string | undefined }): PostRecord {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  const when = p.at !== undefined ? resolveTime(p.at, nowMs) : at;
  return store.write(() => {
    const post = mustPost(store, p.id);
    if (post.status !== 'held') throw new RpcError('conflict', `only held posts are released; this one is ${post.status.replace('_', ' ')}`);
    if (freezeCovers(store.freeze.get(), post.accountId)) throw new RpcError('conflict', 'publishing is frozen for this account: lift the freeze before releasing posts');
    const a = account(store, post.accountId);
    return savePost(
      store,
      post,
      { ...post, status: 'scheduled', scheduledAt: when, approvedBy: a.requireApproval ? user.name : post.approvedBy, note: null, notBefore: null, failures: 0 },
      { actor: user.name, action: 'post.released', at, details: { scheduledAt: when, heldNote: post.note } },
    );
  });
}

export function cancelPost(d: PostsDeps, user: UserView, id: string): PostRecord {
  const { store } = d;
  const at = iso(d.clock.now());
  return store.write(() => {
    const post = mustPost(store, id);
    assertMayChange(user, post, 'cancel');
    assertUnlocked(post, 'cancelled');
    return savePost(store, post, { ...post, status: 'cancelled', notBefore: null }, { actor: user.name, action: 'post.cancelled', at });
  });
}
