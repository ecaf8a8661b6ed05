import { freezeHolds } from '../../../shared/publishing.js';
import { isDeskReply, sendVisibility } from './desk-replies.js';
/**
 * The outbox's transactions. Each is one store.write(): a send is recorded (and the freeze
 * re-checked) in the same transaction that claims the post, and committed before the platform
 * is called; every outcome is recorded against that attempt row.
 */
import type { PostRecord, AttemptRecord } from '../store/posts-repo.js';
import type { AccountRecord } from '../store/publish-accounts-repo.js';
import type { Store } from '../store/store.js';
import { SYSTEM_ACTOR } from '../team/audit.js';
import { HELD_BY_FREEZE } from './freeze-service.js';
import { savePost } from './post-transitions.js';
import { idempotencyKey, PublishError, type PostVisibility, type PublishResult, type RecentOwnPost } from './publisher.js';

export const MISSED_NOTE = 'missed its time while Newsroom was not running';
const FREEZE_CHANGED_NOTE = 'the freeze changed since this send started: review it before it goes out';

const iso = (ms: number) => new Date(ms).toISOString();

export interface OutboxRules {
  /** A post this late when the scheduler gets to it is held for review, not sent late. */
  missedAfterMs: number;
  /** Clear failures (5xx, refused) before a post is failed. */
  maxAttempts: number;
  /** Wait before retry n (1-based). */
  backoffMs(failures: number): number;
}

export type ClaimResult =
  | { kind: 'claimed'; post: PostRecord; attempt: AttemptRecord; account: AccountRecord; visibility: PostVisibility }
  | { kind: 'held' | 'failed' | 'skipped' };

/**
 * Claims a due post for sending. Refused unless, in this very transaction, the post is still
 * scheduled, due, at the revision the scheduler saw, and no freeze covers its account.
 */
export function claim(store: Store, rules: OutboxRules, nowMs: number, postId: string, revision: number, hasToken: boolean): ClaimResult {
  const at = iso(nowMs);
  return store.write((): ClaimResult => {
    const post = store.posts.get(postId);
    if (!post || post.status !== 'scheduled' || post.revision !== revision || post.scheduledAt === null) return { kind: 'skipped' };
    const dueMs = Math.max(Date.parse(post.scheduledAt), post.notBefore ? Date.parse(post.notBefore) : 0);
    if (dueMs > nowMs) return { kind: 'skipped' };
    const freeze = store.freeze.get();
    if (freezeHolds(freeze, post.accountId, isDeskReply(store, post.id))) {
      savePost(store, post, { ...post, status: 'held', note: HELD_BY_FREEZE, notBefore: null }, { actor: SYSTEM_ACTOR, action: 'post.held', at, details: { freezeEpoch: freeze.epoch } });
      return { kind: 'held' };
    }
    if (nowMs - dueMs > rules.missedAfterMs) {
      savePost(store, post, { ...post, status: 'held', note: MISSED_NOTE, notBefore: null }, { actor: SYSTEM_ACTOR, action: 'post.held', at, details: { dueAt: iso(dueMs) } });
      return { kind: 'held' };
    }
    const account = store.accounts.get(post.accountId);
    if (!account || !hasToken) {
      const note = !account ? 'its publishing account was removed' : 'no access token is stored for its account: add the account again';
      savePost(store, post, { ...post, status: 'failed', note, notBefore: null }, { actor: SYSTEM_ACTOR, action: 'post.failed', at, details: { error: note } });
      return { kind: 'failed' };
    }
    const attempt = store.posts.insertAttempt({ postId, revision, freezeEpoch: freeze.epoch, idempotencyKey: idempotencyKey(postId, revision), startedAt: at });
    const fresh = savePost(store, post, { ...post, status: 'publishing', note: null }, { actor: SYSTEM_ACTOR, action: 'post.sending', at, details: { attemptId: attempt.id, freezeEpoch: freeze.epoch } });
    return { kind: 'claimed', post: fresh, attempt, account, visibility: sendVisibility(store, postId) };
  });
}

/** Back to scheduled for another try, unless the freeze moved since the send started (then: review). */
function retryOrHold(store: Store, post: PostRecord, attempt: AttemptRecord, at: string, retryAtMs: number, why: string, failures: number): void {
  const freeze = store.freeze.get();
  if ((freeze.epoch !== attempt.freezeEpoch && !isDeskReply(store, post.id)) || freezeHolds(freeze, post.accountId, isDeskReply(store, post.id))) {
    savePost(store, post, { ...post, status: 'held', note: `${why}; ${FREEZE_CHANGED_NOTE}`, notBefore: null, failures }, { actor: SYSTEM_ACTOR, action: 'post.held', at, details: { attemptId: attempt.id, error: why } });
    return;
  }
  const retryAt = iso(retryAtMs);
  savePost(
    store,
    post,
    { ...post, status: 'scheduled', note: `${why}; trying again at ${retryAt}`, notBefore: retryAt, failures },
    { actor: SYSTEM_ACTOR, action: 'post.retry', at, details: { attemptId: attempt.id, error: why, retryAt } },
  );
}

/** Records how a send ended. A result for an attempt that is already settled (say, at shutdown) is ignored. */
export function settle(store: Store, rules: OutboxRules, nowMs: number, attemptId: number, postId: string, outcome: { ok: PublishResult } | { error: unknown }): void {
  const at = iso(nowMs);
  store.write(() => {
    const post = store.posts.get(postId);
    const attempt = post?.attempts.find((a) => a.id === attemptId);
    if (!post || !attempt || attempt.outcome !== null || post.status !== 'publishing') return;
    if ('ok' in outcome) {
      store.posts.finishAttempt(attemptId, { outcome: 'sent', finishedAt: at, error: null, remoteId: outcome.ok.remoteId, remoteUrl: outcome.ok.url });
      savePost(
        store,
        post,
        { ...post, status: 'published', remoteId: outcome.ok.remoteId, remoteUrl: outcome.ok.url, note: null, notBefore: null, failures: 0 },
        { actor: SYSTEM_ACTOR, action: 'post.published', at, details: { attemptId, remoteUrl: outcome.ok.url } },
      );
      return;
    }
    // Anything that isn't a known, clear failure may have published: only reconciliation decides.
    const e = outcome.error instanceof PublishError ? outcome.error : new PublishError('unknown', outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
    if (e.kind === 'unknown') {
      store.posts.finishAttempt(attemptId, { outcome: 'unknown', finishedAt: at, error: e.message });
      savePost(
        store,
        post,
        { ...post, status: 'unconfirmed', note: `${e.message}: checking the account before anything else is sent` },
        { actor: SYSTEM_ACTOR, action: 'post.unconfirmed', at, details: { attemptId, error: e.message } },
      );
      return;
    }
    store.posts.finishAttempt(attemptId, { outcome: 'failed', finishedAt: at, error: e.message });
    if (e.kind === 'rejected') {
      savePost(store, post, { ...post, status: 'failed', note: e.message, notBefore: null }, { actor: SYSTEM_ACTOR, action: 'post.failed', at, details: { attemptId, error: e.message } });
      return;
    }
    if (e.kind === 'rate-limited') {
      retryOrHold(store, post, attempt, at, Math.max(e.retryAt ?? nowMs + 60_000, nowMs + 1_000), e.message, post.failures);
      return;
    }
    const failures = post.failures + 1;
    if (failures >= rules.maxAttempts) {
      const note = `gave up after ${failures} attempts: ${e.message}`;
      savePost(store, post, { ...post, status: 'failed', note, notBefore: null, failures }, { actor: SYSTEM_ACTOR, action: 'post.failed', at, details: { attemptId, error: e.message } });
      return;
    }
    retryOrHold(store, post, attempt, at, nowMs + rules.backoffMs(failures), e.message, failures);
  });
}

/** On engine start: every send that was on the wire when the engine died is unconfirmed, never retried blindly. */
export function recoverOpenAttempts(store: Store, nowMs: number): number {
  const at = iso(nowMs);
  return store.write(() => {
    let n = 0;
    const open = store.posts.openAttempts();
    for (const a of open) {
      store.posts.finishAttempt(a.id, { outcome: 'unknown', finishedAt: at, error: 'Newsroom stopped while this send was on the wire' });
    }
    for (const post of store.posts.byStatus(['publishing'])) {
      savePost(
        store,
        post,
        { ...post, status: 'unconfirmed', note: 'Newsroom stopped while this send was on the wire: checking the account before anything else is sent' },
        { actor: SYSTEM_ACTOR, action: 'post.unconfirmed', at, details: { recovered: true } },
      );
      n++;
    }
    return n;
  });
}

/** The attempt reconciliation is about: the last one, which left the post unconfirmed. */
export function pendingAttempt(post: PostRecord): AttemptRecord | null {
  const last = post.attempts.at(-1);
  return last && last.outcome === 'unknown' && last.revision === post.revision ? last : null;
}

export type ReconcileVerdict = { found: RecentOwnPost } | { notFound: true } | { undecided: true };

/** Applies what reading the account back showed. */
export function applyReconciliation(store: Store, nowMs: number, postId: string, attemptId: number, verdict: ReconcileVerdict, settleMs: number): void {
  const at = iso(nowMs);
  store.write(() => {
    const post = store.posts.get(postId);
    const attempt = post ? pendingAttempt(post) : null;
    if (!post || post.status !== 'unconfirmed' || !attempt || attempt.id !== attemptId) return;
    if ('found' in verdict) {
      store.posts.finishAttempt(attemptId, { outcome: 'sent', finishedAt: attempt.finishedAt ?? at, error: `confirmed by reading the account back at ${at}`, remoteId: verdict.found.remoteId, remoteUrl: verdict.found.url });
      savePost(
        store,
        post,
        { ...post, status: 'published', remoteId: verdict.found.remoteId, remoteUrl: verdict.found.url, note: null, notBefore: null, failures: 0 },
        { actor: SYSTEM_ACTOR, action: 'post.published', at, details: { attemptId, reconciled: true, remoteUrl: verdict.found.url } },
      );
      return;
    }
    if (!('notFound' in verdict)) return;
    const minutes = Math.round(settleMs / 6_000) / 10;
    const why = `not on the account ${minutes} min after the send`;
    store.posts.finishAttempt(attemptId, { outcome: 'failed', finishedAt: attempt.finishedAt ?? at, error: `${why}: safe to send again` });
    retryOrHold(store, post, attempt, at, nowMs, why, post.failures);
  });
}
