import type { Change } from '../../../shared/changes';
import type { AuditEntry, FreezeState, FreezeSuggestion, PostStatus, PublishAccount, ScheduledPost } from '../../../shared/publishing';
import { FREEZE_KEY, type NewsroomDb } from './db';

/**
 * The publishing half of the replica: posts, accounts, the freeze state, freeze suggestions and the
 * audit trail. None of these carry a seq, so within the stream the last change for a row wins (the
 * stream is in seq order); against a racing bootstrap snapshot the stream wins for every row it
 * touched (see PublishingTouched).
 */

/** Posts kept at most; past it the oldest finished ones (published, cancelled) go first. */
export const POST_CAP = 2_000;
/** Audit entries kept (newest by id): the console shows a recent trail, the hub keeps the full one. */
export const AUDIT_CAP = 1_000;
/** Resolved suggestions kept for context; unresolved ones are never pruned. */
export const RESOLVED_SUGGESTIONS_CAP = 50;

const FINISHED: readonly PostStatus[] = ['published', 'cancelled'];

export function publishingTables(db: NewsroomDb) {
  return [db.posts, db.accounts, db.audit, db.freeze, db.suggestions];
}

/** What one batch of changes does to the publishing tables; later changes overwrite earlier ones. */
export interface PublishingBatch {
  posts: Map<string, ScheduledPost>;
  /** null = removed. */
  accounts: Map<string, PublishAccount | null>;
  freeze: FreezeState | null;
  suggestions: Map<string, FreezeSuggestion>;
  audit: AuditEntry[];
}

export function newPublishingBatch(): PublishingBatch {
  return { posts: new Map(), accounts: new Map(), freeze: null, suggestions: new Map(), audit: [] };
}

/** Adds a change to the batch; false when it isn't a publishing change. */
export function collectPublishing(batch: PublishingBatch, c: Change): boolean {
  switch (c.kind) {
    case 'post.added':
    case 'post.updated':
      batch.posts.set(c.post.id, c.post);
      return true;
    case 'account.added':
    case 'account.updated':
      batch.accounts.set(c.account.id, c.account);
      return true;
    case 'account.removed':
      batch.accounts.set(c.id, null);
      return true;
    case 'freeze.changed':
      batch.freeze = c.freeze;
      return true;
    case 'freeze.suggested':
    case 'freeze.suggestion_resolved':
      batch.suggestions.set(c.suggestion.id, c.suggestion);
      return true;
    case 'audit.added':
      batch.audit.push(c.entry);
      return true;
    default:
      return false;
  }
}

export function isEmptyBatch(b: PublishingBatch): boolean {
  return b.posts.size === 0 && b.accounts.size === 0 && b.freeze === null && b.suggestions.size === 0 && b.audit.length === 0;
}

/** Must run inside a transaction over the publishing tables. */
export async function writePublishing(db: NewsroomDb, b: PublishingBatch): Promise<void> {
  if (isEmptyBatch(b)) return;
  if (b.posts.size) await db.posts.bulkPut([...b.posts.values()]);
  const accountPuts = [...b.accounts.values()].filter((a): a is PublishAccount => a !== null);
  const accountRemoves = [...b.accounts.entries()].filter(([, a]) => a === null).map(([id]) => id);
  if (accountPuts.length) await db.accounts.bulkPut(accountPuts);
  if (accountRemoves.length) await db.accounts.bulkDelete(accountRemoves);
  if (b.freeze) await db.freeze.put(b.freeze, FREEZE_KEY);
  if (b.suggestions.size) await db.suggestions.bulkPut([...b.suggestions.values()]);
  // Audit entries never change: a re-delivered one rewrites itself.
  if (b.audit.length) await db.audit.bulkPut(b.audit);
  await prunePublishing(db);
}

/** Rows the stream wrote while a bootstrap snapshot was in flight: the snapshot's copy is older. */
export interface PublishingTouched {
  posts: Set<string>;
  accounts: Set<string>;
  suggestions: Set<string>;
  freeze: boolean;
}

export function newTouched(): PublishingTouched {
  return { posts: new Set(), accounts: new Set(), suggestions: new Set(), freeze: false };
}

export function noteTouched(t: PublishingTouched, c: Change): void {
  if (c.kind === 'post.added' || c.kind === 'post.updated') t.posts.add(c.post.id);
  else if (c.kind === 'account.added' || c.kind === 'account.updated') t.accounts.add(c.account.id);
  else if (c.kind === 'account.removed') t.accounts.add(c.id);
  else if (c.kind === 'freeze.changed') t.freeze = true;
  else if (c.kind === 'freeze.suggested' || c.kind === 'freeze.suggestion_resolved') t.suggestions.add(c.suggestion.id);
}

/**
 * What the bootstrap fetched. A missing field is a call the role may not make (or the hub doesn't
 * know): that table is left alone rather than emptied.
 */
export interface PublishingSnapshot {
  posts?: ScheduledPost[] | undefined;
  accounts?: PublishAccount[] | undefined;
  freeze?: FreezeState | undefined;
  suggestions?: FreezeSuggestion[] | undefined;
  audit?: AuditEntry[] | undefined;
}

/** Must run inside a transaction over the publishing tables. */
export async function bootstrapPublishing(db: NewsroomDb, snap: PublishingSnapshot, skip: PublishingTouched): Promise<void> {
  const posts = snap.posts?.filter((p) => !skip.posts.has(p.id)) ?? [];
  const accounts = snap.accounts?.filter((a) => !skip.accounts.has(a.id)) ?? [];
  const suggestions = snap.suggestions?.filter((s) => !skip.suggestions.has(s.id)) ?? [];
  if (posts.length) await db.posts.bulkPut(posts);
  if (accounts.length) await db.accounts.bulkPut(accounts);
  if (suggestions.length) await db.suggestions.bulkPut(suggestions);
  if (snap.freeze && !skip.freeze) await db.freeze.put(snap.freeze, FREEZE_KEY);
  if (snap.audit?.length) await db.audit.bulkPut(snap.audit);
  await prunePublishing(db);
}

/** Keeps the publishing tables bounded; each check is a count until a table is actually over. */
async function prunePublishing(db: NewsroomDb): Promise<void> {
  const postExcess = (await db.posts.count()) - POST_CAP;
  if (postExcess > 0) {
    // Only finished posts go: a scheduled or held post must stay visible however many there are.
    const finished = await db.posts.where('status').anyOf(FINISHED as PostStatus[]).toArray();
    finished.sort((a, b) => byText(a.updatedAt, b.updatedAt));
    await db.posts.bulkDelete(finished.slice(0, postExcess).map((p) => p.id));
  }
  const auditExcess = (await db.audit.count()) - AUDIT_CAP;
  if (auditExcess > 0) await db.audit.bulkDelete(await db.audit.toCollection().limit(auditExcess).primaryKeys());
  const resolved = await db.suggestions.filter((s) => s.resolvedAt !== null).toArray();
  if (resolved.length > RESOLVED_SUGGESTIONS_CAP) {
    resolved.sort((a, b) => byText(a.at, b.at));
    await db.suggestions.bulkDelete(resolved.slice(0, resolved.length - RESOLVED_SUGGESTIONS_CAP).map((s) => s.id));
  }
}

/** ISO times in one format sort as text; no locale rules wanted here. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Must run inside a transaction over the publishing tables. */
export async function clearPublishing(db: NewsroomDb): Promise<void> {
  await Promise.all(publishingTables(db).map((t) => t.clear()));
}
