import type { FreezeState } from '../../../shared/publishing';
/** Whether the freeze covers this post's account: the hub refuses its release until the lift. */
export function releaseBlocked(freeze: FreezeState | null | undefined, accountId: string): boolean {
  if (!freeze?.frozen) return false;
  return freeze.scope.kind === 'all' || freeze.scope.accountIds.includes(accountId);
}
