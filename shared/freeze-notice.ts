import type { FreezeState } from './publishing.js';

/**
 * What a desktop notification about the freeze says. Shared because two places raise it: the main
 * process in solo mode (it owns the engine) and the renderer when it talks to a hub.
 */
export interface Notice {
  title: string;
  body: string;
  /** Stays until dismissed: a freeze is not a toast to miss. */
  urgent: boolean;
}

export function scopeText(f: FreezeState): string {
  return f.scope.kind === 'all' ? 'all accounts' : `${f.scope.accountIds.length} account(s)`;
}

/** What the desktop should say about a freeze change, compared with the last state it saw. */
export function freezeNotice(prev: FreezeState | null, next: FreezeState): Notice | null {
  if (next.frozen && (!prev?.frozen || prev.epoch !== next.epoch)) {
    return {
      title: 'Publishing frozen',
      body: `${next.by ?? 'Someone'} froze ${scopeText(next)}: ${next.reason ?? 'no reason given'}`,
      urgent: true,
    };
  }
  if (next.frozen && next.pendingLift && !prev?.pendingLift) {
    return { title: 'Lift of the freeze requested', body: `${next.pendingLift.by} asked to lift it: a second person must confirm.`, urgent: true };
  }
  if (!next.frozen && prev?.frozen) {
    return { title: 'Freeze lifted', body: 'Nothing was sent by the lift: held posts wait in the review list.', urgent: false };
  }
  return null;
}
