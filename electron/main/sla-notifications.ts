import type { ChangeEnvelope } from '../../shared/changes.js';
import type { Notice } from '../../shared/freeze-notice.js';
import { slaNotice } from '../../shared/sla-notice.js';

/** SLA breaches from the engine's change feed as desktop notifications (solo mode; the renderer does it on a hub). */
export function watchSla(engine: { onChanges(listener: (envs: ChangeEnvelope[]) => void): () => void }, show: (n: Notice) => void): () => void {
  return engine.onChanges((envs) => {
    for (const { change } of envs) {
      const n = slaNotice(change);
      if (n) show(n);
    }
  });
}
