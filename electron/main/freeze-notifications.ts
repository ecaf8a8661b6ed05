import type { ChangeEnvelope } from '../../shared/changes.js';
import type { FreezeState } from '../../shared/publishing.js';

export interface Notice {
  title: string;
  body: string;
  /** Stays until dismissed: a freeze is not a toast to miss. */
  urgent: boolean;
}

function scopeText(f: FreezeState): string {
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

/** Feeds freeze changes from the engine's change feed into desktop notifications. */
export function watchFreeze(
  engine: { onChanges(listener: (envs: ChangeEnvelope[]) => void): () => void },
  initial: FreezeState | null,
  show: (n: Notice) => void,
): () => void {
  let last = initial;
  return engine.onChanges((envs) => {
    for (const { change } of envs) {
      if (change.kind !== 'freeze.changed') continue;
      const notice = freezeNotice(last, change.freeze);
      last = change.freeze;
      if (notice) show(notice);
    }
  });
}
