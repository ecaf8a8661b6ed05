import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import type { SourceView, UserView } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import type { MethodName, ParsedParams, Results } from '../../../shared/methods.js';
import type { Logger, SecretStore } from '../engine-types.js';
import type { Publishing } from '../publish/publishing.js';
import { sourceTokenKey } from '../sources/connector-types.js';
import type { Store } from '../store/store.js';
import { createClientHandlers } from './client-handlers.js';
import { createPublishHandlers } from './publish-handlers.js';

export interface HandlerDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  /** Tells the connectors that sources changed (added, removed, paused, resumed). */
  sourcesChanged(): void;
  publishing: Publishing;
  /** Where client.reportError writes. */
  log: Logger;
}

export type Handlers = {
  [M in MethodName]: (user: UserView, params: ParsedParams<M>) => Promise<Results[M]> | Results[M];
};

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, clock } = deps;
  const now = () => new Date(clock.now()).toISOString();

  function mustGet(id: string): SourceView {
    const s = store.sources.get(id);
    if (!s) throw new RpcError('not_found', `No source with id "${id}". sources.list shows the ones there are.`);
    return s;
  }

  function setPaused(id: string, paused: boolean): { source: SourceView } {
    const source = store.write(() => {
      mustGet(id);
      store.sources.setPaused(id, paused);
      const fresh = mustGet(id);
      store.changes.append({ kind: 'source.updated', source: fresh }, now());
      return fresh;
    });
    deps.sourcesChanged();
    return { source };
  }

  return {
    'me.get': (user) => ({ name: user.name, role: user.role }),
    'items.list': (user, p) => ({ items: store.items.list({ ...p, publicOnly: user.role === 'wall' }) }),
    'sources.list': () => ({ sources: store.sources.list() }),
    'sources.add': async (_user, p) => {
      const id = randomUUID();
      // The token goes to the secret store first: a source row never points at a token that isn't there.
      if (p.accessToken) await deps.secrets.set(sourceTokenKey(id), p.accessToken);
      const source = store.write(() => {
        const s = store.sources.add({
          id,
          platform: p.platform,
          name: p.name,
          config: { instanceUrl: p.instanceUrl.replace(/\/+$/, ''), hashtags: p.hashtags, terms: p.terms, mentions: p.mentions },
          hasToken: Boolean(p.accessToken),
          createdAt: now(),
        });
        store.changes.append({ kind: 'source.added', source: s }, now());
        return s;
      });
      deps.sourcesChanged();
      return { source };
    },
    'sources.remove': async (_user, p) => {
      store.write(() => {
        mustGet(p.id);
        store.sources.remove(p.id, now());
        store.changes.append({ kind: 'source.removed', id: p.id }, now());
      });
      deps.sourcesChanged();
      await deps.secrets.delete(sourceTokenKey(p.id));
      return { ok: true };
    },
    'sources.pause': (_user, p) => setPaused(p.id, true),
    'sources.resume': (_user, p) => setPaused(p.id, false),
    ...createPublishHandlers({ store, clock, secrets: deps.secrets, publishing: deps.publishing }),
    ...createClientHandlers({ clock, log: deps.log }),
  };
}
