import type { Clock } from '../../../shared/clock.js';
import type { UserView } from '../../../shared/domain.js';
import type { MethodName, ParsedParams, Results } from '../../../shared/methods.js';
import type { Logger, SecretStore } from '../engine-types.js';
import type { AlertsRuntime } from '../alerts/alerts-runtime.js';
import type { Publishing } from '../publish/publishing.js';
import { addSource, removeSource, setSourcePaused, type SourcesDeps } from '../sources-service.js';
import type { Store } from '../store/store.js';
import { createAlertsHandlers } from './alerts-handlers.js';
import { createClientHandlers } from './client-handlers.js';
import { createPublishHandlers } from './publish-handlers.js';
import { createTopicsHandlers, type TopicsHandlerDeps } from './topics-handlers.js';
import { createQueueHandlers } from './queue-handlers.js';
import type { QueueService } from '../queue/wiring/queue-service.js';
import { createUsersHandlers } from './users-handlers.js';
import { listItemsMatching } from '../topics/query-items.js';

export interface HandlerDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  /** Tells the connectors that sources changed (added, removed, paused, resumed). */
  sourcesChanged(): void;
  /** Ends the sessions of tokens that stopped being valid (users removed or rotated). */
  usersChanged(): void;
  publishing: Publishing;
  /** Where client.reportError writes. */
  log: Logger;
  /** The topics' matcher (ingest tags with it) and the background re-tagger (issue 10). */
  topics: Pick<TopicsHandlerDeps, 'matcher' | 'retagger'>;
  queue: QueueService;
  /** Issue 11: trends, alerts and the walls' layouts. */
  alerts: AlertsRuntime;
}

export type Handlers = {
  [M in MethodName]: (user: UserView, params: ParsedParams<M>) => Promise<Results[M]> | Results[M];
};

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, clock } = deps;
  const sd: SourcesDeps = { store, clock, secrets: deps.secrets, sourcesChanged: deps.sourcesChanged };

  return {
    'me.get': (user) => ({ name: user.name, role: user.role }),
    'items.list': (user, { query, ...p }) => {
      const list = { ...p, publicOnly: user.role === 'wall' };
      return { items: query !== undefined ? listItemsMatching(store, list, query) : store.items.list(list) };
    },
    'sources.list': () => ({ sources: store.sources.list() }),
    'sources.add': async (_user, p) => ({
      source: await addSource(sd, {
        platform: p.platform,
        name: p.name,
        config: { instanceUrl: p.instanceUrl.replace(/\/+$/, ''), hashtags: p.hashtags, terms: p.terms, mentions: p.mentions },
        accessToken: p.accessToken,
      }),
    }),
    'sources.remove': async (_user, p) => {
      await removeSource(sd, p.id);
      return { ok: true };
    },
    'sources.pause': (_user, p) => ({ source: setSourcePaused(sd, p.id, true) }),
    'sources.resume': (_user, p) => ({ source: setSourcePaused(sd, p.id, false) }),
    ...createPublishHandlers({ store, clock, secrets: deps.secrets, publishing: deps.publishing }),
    ...createUsersHandlers({ store, clock, usersChanged: deps.usersChanged }),
    ...createClientHandlers({ clock, log: deps.log }),
    ...createTopicsHandlers({ store, clock, ...deps.topics }),
    ...createQueueHandlers(deps.queue),
    ...createAlertsHandlers({ store, clock, secrets: deps.secrets, alerts: deps.alerts }),
  };
}
