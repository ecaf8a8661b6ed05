import type { ChangeEnvelope } from '../../shared/changes.js';
import { freezeNotice, type Notice } from '../../shared/freeze-notice.js';
import type { FreezeState } from '../../shared/publishing.js';

/**
 * Feeds freeze changes from the engine's change feed into desktop notifications. Solo mode only: in
 * hub mode this process sees no changes, so the renderer raises the same notices itself
 * (renderer/src/features/freeze/freeze-notifications.ts, wording shared via shared/freeze-notice).
 */
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
