import type { ApiTransport } from '../../../shared/api';
import { RpcError } from '../../../shared/errors';
import { methods, type MethodName } from '../../../shared/methods';
import { roleMay, type Role } from '../../../shared/roles';
import type { PublishingSnapshot } from './replica-publishing';

/** items.list and posts.list accept at most this many per call (shared/methods.ts). */
const LIST_MAX = 5_000;
/** The crisis console shows a recent trail; older entries are on the hub. */
const AUDIT_LIMIT = 200;
/** Posts fetched at bootstrap; later ones arrive through the stream. */
const POSTS_LIMIT = 2_000;

export type BootstrapSnapshot = Awaited<ReturnType<typeof fetchSnapshot>>;

/** The bootstrap calls this role may make; asking for the others would only earn a 403. */
export function bootstrapCalls(role: Role | null): MethodName[] {
  const all: MethodName[] = ['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'posts.list', 'audit.list'];
  // Before the hub has said who we are, ask only what anyone may read.
  return all.filter((m) => (role ? roleMay(role, methods[m].access) : methods[m].access === 'read'));
}

/**
 * A publishing call the hub refuses (a role changed under us, an older hub without the method) leaves
 * its table out of the snapshot instead of failing the whole bootstrap: the wall must come up even
 * if it can't see posts. Anything else (network, 5xx) fails, and the bootstrap retries.
 */
async function optional<T>(wanted: boolean, call: () => Promise<T>): Promise<T | undefined> {
  if (!wanted) return undefined;
  try {
    return await call();
  } catch (e) {
    if (e instanceof RpcError && (e.code === 'forbidden' || e.code === 'not_found')) return undefined;
    throw e;
  }
}

export async function fetchSnapshot(transport: ApiTransport, itemLimit: number, role: Role | null) {
  const wanted = new Set(bootstrapCalls(role));
  const [items, sources, freeze, accounts, posts, audit] = await Promise.all([
    transport.call('items.list', { limit: Math.min(itemLimit, LIST_MAX) }),
    transport.call('sources.list', {}),
    optional(wanted.has('freeze.get'), () => transport.call('freeze.get', {})),
    optional(wanted.has('accounts.list'), () => transport.call('accounts.list', {})),
    optional(wanted.has('posts.list'), () => transport.call('posts.list', { limit: POSTS_LIMIT })),
    optional(wanted.has('audit.list'), () => transport.call('audit.list', { limit: AUDIT_LIMIT })),
  ]);
  const publishing: PublishingSnapshot = {
    freeze: freeze?.freeze,
    suggestions: freeze?.suggestions,
    accounts: accounts?.accounts,
    posts: posts?.posts,
    audit: audit?.entries,
  };
  return { items: items.items, sources: sources.sources, ...publishing };
}
