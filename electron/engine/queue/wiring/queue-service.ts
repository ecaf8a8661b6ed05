import type { Clock } from '../../../../shared/clock.js';
import type { Logger } from '../../engine-types.js';
import type { Enricher } from '../../enrich/enricher.js';
import type { InTransactionHook } from '../../ingest/hooks.js';
import type { Store } from '../../store/store.js';
import { createQueueActions, type QueueActions } from './queue-actions.js';
import { createQueueConfigActions } from './queue-config-actions.js';
import { createQueueCore, type QueueCore } from './queue-core.js';
import { createQueueHook } from './queue-placement.js';
import { createSlaTicker, queueStats, type SlaTicker } from './queue-sla-ticker.js';
import { trackPresenceSessions } from './presence-sessions.js';
import { createCustomerTagActions, type CustomerTagActions } from './customer-tags.js';
import type { ReplyParentResolver } from '../../publish/reply-parent.js';

/** The assignment queue wired into the engine: the ingest hook, the actions behind queue.*, the settings, the SLA ticker. */
export interface QueueService {
  readonly core: QueueCore;
  readonly hook: InTransactionHook;
  readonly actions: QueueActions;
  readonly config: ReturnType<typeof createQueueConfigActions>;
  readonly sla: SlaTicker;
  readonly customerTags: CustomerTagActions;
  /** Hub connections of agents: the last one closing sets them offline after a grace period. */
  readonly sessions: ReturnType<typeof trackPresenceSessions>;
  stats(): ReturnType<typeof queueStats>;
}

export function createQueueService(deps: { store: Store; clock: Clock; log: Logger; enricher: Enricher | null; replyParent: ReplyParentResolver }): QueueService {
  const core = createQueueCore(deps.store, deps.clock, deps.log);
  const actions = createQueueActions(core, { replyParent: deps.replyParent });
  return {
    core,
    hook: createQueueHook(core),
    actions,
    sessions: trackPresenceSessions(core, actions),
    config: createQueueConfigActions(core, deps.enricher),
    sla: createSlaTicker(core),
    customerTags: createCustomerTagActions(core),
    stats: () => queueStats(core),
  };
}
