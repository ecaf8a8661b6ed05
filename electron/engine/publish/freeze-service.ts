import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import { RpcError } from '../../../shared/errors.js';
import { freezeCovers, freezeHolds, type FreezeScope, type FreezeState, type FreezeSuggestion, type InFlightSend, type ScheduledPost } from '../../../shared/publishing.js';
import { postView, type PostRecord } from '../store/posts-repo.js';
import type { Store } from '../store/store.js';
import { isDeskReply } from './desk-replies.js';
import { recordAudit, SYSTEM_ACTOR } from '../team/audit.js';
import { savePost } from './post-transitions.js';

export interface FreezeDeps {
  store: Store;
  clock: Clock;
}

export const HELD_BY_FREEZE = 'held by the freeze';
export const HELD_AT_EXPIRY = 'the freeze expired: review it before it goes out';

export interface SetFreezeInput {
  frozen: boolean;
  reason?: string | undefined;
  accountIds?: string[] | undefined;
  expiresAt?: string | undefined;
  /** Hold the desk's replies to customers too (issue 12); by default they go on during a freeze. */
  holdReplies?: boolean | undefined;
  /** The freeze suggestion (an alert's evidence) this freeze answers: the audit ties them together. */
  suggestionId?: string | undefined;
}

export interface SetFreezeResult {
  freeze: FreezeState;
  held: ScheduledPost[];
  mayHavePublished: InFlightSend[];
  awaitingSecondPerson: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

function changed(store: Store, freeze: FreezeState, at: string): void {
  store.changes.append({ kind: 'freeze.changed', freeze }, at);
}

/** Holds each post (inside the caller's transaction), with its audit entry and change. */
function holdAll(store: Store, posts: PostRecord[], actor: string, note: string, at: string, details: Record<string, unknown>): PostRecord[] {
  return posts.map((p) => savePost(store, p, { ...p, status: 'held', note, notBefore: null }, { actor, action: 'post.held', at, details: { ...details, note } }));
}

function inFlight(store: Store, state: FreezeState): InFlightSend[] {
  const posts = store.posts.byStatus(['publishing', 'unconfirmed']).filter((p) => freezeCovers(state, p.accountId));
  return posts.map((p) => ({
    postId: p.id,
    accountId: p.accountId,
    text: p.text,
    startedAt: p.attempts.at(-1)?.startedAt ?? p.updatedAt,
    checkUrl: store.accounts.get(p.accountId)?.profileUrl ?? null,
  }));
}

function mergeScope(prev: FreezeState, next: FreezeScope): FreezeScope {
  // A second freeze while one is on widens it; it never quietly narrows what someone froze.
  if (!prev.frozen) return next;
  const replies = prev.scope.holdsReplies === true || next.holdsReplies === true ? { holdsReplies: true } : {};
  if (prev.scope.kind === 'all' || next.kind === 'all') return { kind: 'all', ...replies };
  return { kind: 'accounts', accountIds: [...new Set([...prev.scope.accountIds, ...next.accountIds])], ...replies };
}

/**
 * Ends an expired freeze INTO REVIEW: every scheduled post in scope is held, whatever its time,
 * so nothing goes out because a timer ran out. While a lift needs a second person, the expiry
 * counts as the lift request of whoever set it (the freeze's `by`: a re-freeze that sets an end
 * time makes its author `by`): the freeze stays on until someone else confirms, unless someone
 * else had asked to lift already. Runs in its own transaction (or joins the caller's).
 */
export function applyExpiry(d: FreezeDeps): boolean {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  const due = (s: FreezeState) => s.frozen && s.expiresAt !== null && Date.parse(s.expiresAt) <= nowMs;
  // Every scheduler pass asks: answer the usual "no" with a read, without taking the write lock.
  if (!due(store.freeze.get())) return false;
  return store.write(() => {
    const s = store.freeze.get();
    if (!due(s)) return false;
    const scheduled = store.posts.byStatus(['scheduled']).filter((p) => freezeHolds(s, p.accountId, isDeskReply(store, p.id)));
    const requester = s.by ?? SYSTEM_ACTOR;
    const waits = s.liftRequiresSecondPerson && (s.pendingLift === null || s.pendingLift.by === requester);
    const epoch = waits ? s.epoch : s.epoch + 1;
    const held = holdAll(store, scheduled, SYSTEM_ACTOR, HELD_AT_EXPIRY, at, { freezeEpoch: epoch });
    const next = waits
      ? store.freeze.set({ ...s, expiresAt: null, pendingLift: s.pendingLift ?? { by: requester, at } })
      : store.freeze.set({ ...s, frozen: false, epoch, reason: null, scope: { kind: 'all' }, by: SYSTEM_ACTOR, since: at, expiresAt: null, pendingLift: null });
    recordAudit(
      store,
      {
        actor: SYSTEM_ACTOR,
        action: 'freeze.expired',
        entity: 'freeze',
        entityId: 'freeze',
        from: 'frozen',
        to: waits ? 'frozen' : 'lifted',
        details: { reason: s.reason, frozenBy: s.by, expiresAt: s.expiresAt, epoch: next.epoch, held: held.map((p) => p.id), awaitingSecondPerson: waits, requestedBy: s.pendingLift?.by ?? null },
      },
      at,
    );
    changed(store, next, at);
    return true;
  });
}

/**
 * The end time a (re-)freeze leaves: a re-freeze never shortens an end time and never gives one to
 * a freeze that had none (either would let one person end a freeze sooner than agreed, around the
 * second-person rule); it may lengthen one or make the freeze open-ended.
 */
function nextExpiry(prev: FreezeState, requested: string | undefined): string | null {
  const wanted = requested === undefined ? null : iso(Date.parse(requested));
  if (!prev.frozen || wanted === null) return wanted;
  if (prev.expiresAt === null) {
    throw new RpcError('conflict', 'publishing is frozen with no end time: a re-freeze cannot add one. Re-freeze without expiresAt, or lift the freeze');
  }
  if (Date.parse(wanted) < Date.parse(prev.expiresAt)) {
    throw new RpcError('conflict', `the freeze runs until ${prev.expiresAt}: a re-freeze may move its end time later, never earlier`);
  }
  return wanted;
}

export function setFreeze(d: FreezeDeps, user: string, p: SetFreezeInput): SetFreezeResult {
  const { store } = d;
  const nowMs = d.clock.now();
  const at = iso(nowMs);
  if (p.frozen && !p.reason) throw new RpcError('invalid_input', 'say why you are freezing: a reason is required');
  if (!p.frozen && p.accountIds !== undefined) throw new RpcError('invalid_input', 'a lift ends the whole freeze: leave out accountIds');
  if (!p.frozen && p.expiresAt !== undefined) throw new RpcError('invalid_input', 'expiresAt belongs to a freeze, not a lift');
  if (p.expiresAt !== undefined && Date.parse(p.expiresAt) <= nowMs) throw new RpcError('invalid_input', `expiresAt (${p.expiresAt}) has passed already`);
  if (!p.frozen && p.suggestionId !== undefined) throw new RpcError('invalid_input', 'a lift answers no freeze suggestion: leave out suggestionId');
  return store.write(() => {
    applyExpiry(d);
    const prev = store.freeze.get();
    if (p.frozen) {
      const answered = p.suggestionId === undefined ? null : store.freeze.getSuggestion(p.suggestionId);
      if (p.suggestionId !== undefined && !answered) throw new RpcError('not_found', `no freeze suggestion "${p.suggestionId}"`);
      for (const id of p.accountIds ?? []) {
        if (!store.accounts.get(id)) throw new RpcError('invalid_input', `no publishing account "${id}": accounts.list shows the ones there are`);
      }
      const scope = mergeScope(prev, {
        ...(p.accountIds ? { kind: 'accounts' as const, accountIds: [...new Set(p.accountIds)] } : { kind: 'all' as const }),
        ...(p.holdReplies ? { holdsReplies: true } : {}),
      });
      const expiresAt = nextExpiry(prev, p.expiresAt);
      const next = store.freeze.set({
        ...prev,
        frozen: true,
        epoch: prev.epoch + 1,
        reason: p.reason!,
        scope,
        by: user,
        since: at,
        expiresAt,
        pendingLift: null,
      });
      const due = store.posts.scheduledUpTo(at).filter((x) => freezeHolds(next, x.accountId, isDeskReply(store, x.id)));
      const held = holdAll(store, due, user, HELD_BY_FREEZE, at, { freezeEpoch: next.epoch, reason: next.reason });
      const mayHavePublished = inFlight(store, next);
      for (const s of store.freeze.openSuggestions()) {
        const resolved = store.freeze.resolveSuggestion(s.id, at, user, 'frozen');
        if (resolved) store.changes.append({ kind: 'freeze.suggestion_resolved', suggestion: resolved }, at);
      }
      recordAudit(
        store,
        {
          actor: user,
          action: 'freeze.set',
          entity: 'freeze',
          entityId: 'freeze',
          from: prev.frozen ? 'frozen' : 'lifted',
          to: 'frozen',
          details: {
            reason: next.reason,
            scope: next.scope,
            expiresAt: next.expiresAt,
            epoch: next.epoch,
            held: held.map((x) => x.id),
            mayHavePublished: mayHavePublished.map((x) => x.postId),
            suggestionId: answered?.id ?? null,
            suggestion: answered ? { reason: answered.reason, by: answered.by, at: answered.at, evidence: answered.evidence } : null,
          },
        },
        at,
      );
      changed(store, next, at);
      return { freeze: next, held: held.map(postView), mayHavePublished, awaitingSecondPerson: false };
    }

    if (!prev.frozen) throw new RpcError('conflict', 'publishing is not frozen: there is nothing to lift');
    if (prev.liftRequiresSecondPerson) {
      if (prev.pendingLift === null) {
        const next = store.freeze.set({ ...prev, pendingLift: { by: user, at } });
        recordAudit(store, { actor: user, action: 'freeze.lift_requested', entity: 'freeze', entityId: 'freeze', from: 'frozen', to: 'frozen', details: { reason: p.reason ?? null } }, at);
        changed(store, next, at);
        return { freeze: next, held: [], mayHavePublished: [], awaitingSecondPerson: true };
      }
      if (prev.pendingLift.by === user) {
        throw new RpcError('conflict', `you asked to lift the freeze already (${prev.pendingLift.at}): a second person (crisis or admin) must confirm`);
      }
    }
    // Posts whose time came while frozen go to review; lifting never sends anything by itself.
    const overdue = store.posts.scheduledUpTo(at).filter((x) => freezeHolds(prev, x.accountId, isDeskReply(store, x.id)));
    const held = holdAll(store, overdue, user, HELD_BY_FREEZE, at, { freezeEpoch: prev.epoch + 1 });
    const next = store.freeze.set({ ...prev, frozen: false, epoch: prev.epoch + 1, reason: null, scope: { kind: 'all' }, by: user, since: at, expiresAt: null, pendingLift: null });
    recordAudit(
      store,
      {
        actor: user,
        action: 'freeze.lifted',
        entity: 'freeze',
        entityId: 'freeze',
        from: 'frozen',
        to: 'lifted',
        details: { reason: p.reason ?? null, frozenReason: prev.reason, requestedBy: prev.pendingLift?.by ?? null, epoch: next.epoch, held: held.map((x) => x.id) },
      },
      at,
    );
    changed(store, next, at);
    return { freeze: next, held: held.map(postView), mayHavePublished: [], awaitingSecondPerson: false };
  });
}

export function configureFreeze(d: FreezeDeps, user: string, liftRequiresSecondPerson: boolean): FreezeState {
  const { store } = d;
  const at = iso(d.clock.now());
  return store.write(() => {
    // An end time that has passed ends the freeze under the rule of its time, not the new one.
    applyExpiry(d);
    const prev = store.freeze.get();
    // Turning the rule off drops a half-done lift: the next lift is one person's again.
    const next = store.freeze.set({ ...prev, liftRequiresSecondPerson, pendingLift: liftRequiresSecondPerson ? prev.pendingLift : null });
    recordAudit(
      store,
      { actor: user, action: 'freeze.configured', entity: 'freeze', entityId: 'freeze', from: null, to: null, details: { liftRequiresSecondPerson, was: prev.liftRequiresSecondPerson } },
      at,
    );
    changed(store, next, at);
    return next;
  });
}

export interface SuggestInput {
  reason: string;
  evidence: FreezeSuggestion['evidence'];
  by: string;
}

/** A suggestion to freeze, from a person (freeze.suggest) or from the engine itself (alerts). */
export function suggestFreeze(d: FreezeDeps, s: SuggestInput): FreezeSuggestion {
  const { store } = d;
  const at = iso(d.clock.now());
  return store.write(() => {
    const suggestion = store.freeze.addSuggestion({ id: randomUUID(), reason: s.reason, evidence: s.evidence, by: s.by, at, resolvedAt: null });
    recordAudit(store, { actor: s.by, action: 'freeze.suggested', entity: 'freeze', entityId: suggestion.id, details: { reason: s.reason, evidence: s.evidence } }, at);
    store.changes.append({ kind: 'freeze.suggested', suggestion }, at);
    return suggestion;
  });
}

export function dismissSuggestion(d: FreezeDeps, user: string, id: string): FreezeSuggestion {
  const { store } = d;
  const at = iso(d.clock.now());
  return store.write(() => {
    const existing = store.freeze.getSuggestion(id);
    if (!existing) throw new RpcError('not_found', `no freeze suggestion "${id}"`);
    if (existing.resolvedAt !== null) throw new RpcError('conflict', `that suggestion was settled already (${existing.resolvedAt})`);
    const resolved = store.freeze.resolveSuggestion(id, at, user, 'dismissed')!;
    recordAudit(store, { actor: user, action: 'freeze.suggestion_dismissed', entity: 'freeze', entityId: id, details: { reason: existing.reason } }, at);
    store.changes.append({ kind: 'freeze.suggestion_resolved', suggestion: resolved }, at);
    return resolved;
  });
}
