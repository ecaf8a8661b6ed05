import type { AuditEntry, FreezeState, FreezeSuggestion, PublishAccount, ScheduledPost } from '../../../shared/publishing';
import { FREEZE_KEY, db } from './db';
import { useLiveRead } from './use-live';

/**
 * Live reads of the publishing tables. `undefined` while the first read runs; the freeze is `null`
 * when the replica has none (not bootstrapped yet, or an older hub).
 */
export function useFreeze(): FreezeState | null | undefined {
  return useLiveRead(async () => (await db.freeze.get(FREEZE_KEY)) ?? null, []);
}

export function useAccounts(): PublishAccount[] | undefined {
  return useLiveRead(async () => (await db.accounts.toArray()).sort((a, b) => a.name.localeCompare(b.name)), []);
}

export function usePosts(): ScheduledPost[] | undefined {
  return useLiveRead(() => db.posts.toArray(), []);
}

export function usePostsWithStatus(statuses: readonly ScheduledPost['status'][]): ScheduledPost[] | undefined {
  return useLiveRead(() => db.posts.where('status').anyOf([...statuses]).toArray(), [statuses.join()]);
}

export function useOpenSuggestions(enabled: boolean): FreezeSuggestion[] | undefined {
  return useLiveRead(async () => {
    if (!enabled) return [];
    const open = await db.suggestions.filter((s) => s.resolvedAt === null).toArray();
    return open.sort((a, b) => (a.at < b.at ? -1 : 1));
  }, [enabled]);
}

/** Newest first (audit ids only grow). */
export function useAudit(limit: number): AuditEntry[] | undefined {
  return useLiveRead(() => db.audit.reverse().limit(limit).toArray(), [limit]);
}

export function accountNames(accounts: readonly PublishAccount[] | undefined): Map<string, PublishAccount> {
  return new Map((accounts ?? []).map((a) => [a.id, a]));
}
