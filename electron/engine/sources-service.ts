import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import { RpcError } from '../../shared/errors.js';
import type { Platform, SourceConfig, SourceView } from '../../shared/domain.js';
import type { SecretStore } from './engine-types.js';
import { sourceTokenKey } from './sources/connector-types.js';
import { searchBlindSpot } from './sources/mastodon/blind-spots.js';
import type { Store } from './store/store.js';

/**
 * Adding, updating and removing sources: `sources.add` and the hub's demo seeding both go through
 * here, so a source row, its token in the secret store and its change on the feed always agree.
 * (The connectors that poll sources live in sources/.)
 */
export interface SourcesDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  /** Tells the connectors that sources changed (added, removed, paused, resumed). */
  sourcesChanged(): void;
}

export interface SourceInput {
  platform: Platform;
  name: string;
  config: SourceConfig;
  accessToken?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

function mustGet(store: Store, id: string): SourceView {
  const s = store.sources.get(id);
  if (!s) throw new RpcError('not_found', `No source with id "${id}". sources.list shows the ones there are.`);
  return s;
}

export async function addSource(d: SourcesDeps, p: SourceInput): Promise<SourceView> {
  const id = randomUUID();
  // The token goes to the secret store first: a source row never points at a token that isn't there.
  if (p.accessToken) await d.secrets.set(sourceTokenKey(id), p.accessToken);
  const now = iso(d.clock.now());
  const source = d.store.write(() => {
    d.store.sources.add({ id, platform: p.platform, name: p.name, config: p.config, hasToken: Boolean(p.accessToken), createdAt: now });
    // Said at once, not after the first poll: what this source is set to hear but can't.
    const blind = searchBlindSpot(p.config, Boolean(p.accessToken));
    if (blind) d.store.sources.setHealth(id, { status: 'degraded', lastPollAt: null, lastError: blind });
    const s = mustGet(d.store, id);
    d.store.changes.append({ kind: 'source.added', source: s }, now);
    return s;
  });
  d.sourcesChanged();
  return source;
}

/**
 * The source called `p.name`, added or pointed at `p.config` and `p.accessToken` (the demo's
 * sandbox moves to another port on a restart; its token must follow).
 */
export async function ensureSource(d: SourcesDeps, p: SourceInput & { accessToken: string }): Promise<SourceView> {
  const existing = d.store.sources.list().find((s) => s.name === p.name);
  if (!existing) return addSource(d, p);
  await d.secrets.set(sourceTokenKey(existing.id), p.accessToken);
  const now = iso(d.clock.now());
  const source = d.store.write(() => {
    d.store.sources.update(existing.id, { name: p.name, config: p.config, hasToken: true });
    const fresh = mustGet(d.store, existing.id);
    d.store.changes.append({ kind: 'source.updated', source: fresh }, now);
    return fresh;
  });
  d.sourcesChanged();
  return source;
}

export async function removeSource(d: SourcesDeps, id: string): Promise<void> {
  const now = iso(d.clock.now());
  d.store.write(() => {
    mustGet(d.store, id);
    d.store.sources.remove(id, now);
    d.store.changes.append({ kind: 'source.removed', id }, now);
  });
  d.sourcesChanged();
  await d.secrets.delete(sourceTokenKey(id));
}

export function setSourcePaused(d: SourcesDeps, id: string, paused: boolean): SourceView {
  const now = iso(d.clock.now());
  const source = d.store.write(() => {
    mustGet(d.store, id);
    d.store.sources.setPaused(id, paused);
    const fresh = mustGet(d.store, id);
    d.store.changes.append({ kind: 'source.updated', source: fresh }, now);
    return fresh;
  });
  d.sourcesChanged();
  return source;
}
