import type { ApiTransport } from '../../../shared/api';
import { RpcError } from '../../../shared/errors';
import { methods, type MethodName, type Results } from '../../../shared/methods';
import { roleMay, type Role } from '../../../shared/roles';
import type { PostStatus, ScheduledPost } from '../../../shared/publishing';
import type { PublishingSnapshot } from './replica-publishing';

/** items.list and posts.list accept at most this many per call (shared/methods.ts). */
const LIST_MAX = 5_000;
/** The crisis console shows a recent trail; older entries are on the hub. */
const AUDIT_LIMIT = 200;
/**
 * Posts fetched at bootstrap (later ones arrive through the stream). Every post that needs a person
 * is fetched, page by page, however old: the crisis console's review list must not miss a held post
 * because newer ones filled a page. Of the rest, the newest.
 */
const NEEDS_A_PERSON: PostStatus[] = ['held', 'pending_approval', 'publishing', 'unconfirmed', 'failed'];
const UPCOMING: PostStatus[] = ['scheduled', 'draft'];
const FINISHED: PostStatus[] = ['published', 'cancelled'];
const PAGE = 1_000;
/** A guard against a runaway loop, far above any care team's backlog. */
const NEEDS_A_PERSON_MAX = 50_000;
const UPCOMING_MAX = 5_000;
const FINISHED_MAX = 500;

export type BootstrapSnapshot = Awaited<ReturnType<typeof fetchSnapshot>>;

/** The bootstrap calls this role may make; asking for the others would only earn a 403. */
export function bootstrapCalls(role: Role | null): MethodName[] {
  const all: MethodName[] = ['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'posts.list', 'audit.list', 'topics.list'];
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
  const [items, sources, topics, freeze, accounts, posts, audit] = await Promise.all([
    transport.call('items.list', { limit: Math.min(itemLimit, LIST_MAX) }),
    transport.call('sources.list', {}),
    // An older hub has no topics: the wall comes up without chips.
    optional(wanted.has('topics.list'), () => transport.call('topics.list', {})),
    optional(wanted.has('freeze.get'), () => transport.call('freeze.get', {})),
    optional(wanted.has('accounts.list'), () => transport.call('accounts.list', {})),
    optional(wanted.has('posts.list'), () => fetchPosts(transport)),
    optional(wanted.has('audit.list'), () => transport.call('audit.list', { limit: AUDIT_LIMIT })),
  ]);
  const publishing: PublishingSnapshot = {
    freeze: freeze?.freeze,
    suggestions: freeze?.suggestions,
    accounts: accounts?.accounts,
    posts,
    audit: audit?.entries,
  };
  return { items: items.items, sources: sources.sources, topics: topics?.topics, ...publishing };
}

/** Newest first, following `next` until `max` posts or the last page. */
async function pages(transport: ApiTransport, status: PostStatus[], max: number): Promise<ScheduledPost[]> {
  const out: ScheduledPost[] = [];
  let before: string | null = null;
  do {
    const r: Results['posts.list'] = await transport.call('posts.list', { status, limit: Math.min(PAGE, max - out.length), ...(before ? { before } : {}) });
    out.push(...r.posts);
    // An older hub answers without `next`: one page is all it has to give.
    before = r.next ?? null;
  } while (before !== null && out.length < max);
  return out;
}

async function fetchPosts(transport: ApiTransport): Promise<ScheduledPost[]> {
  const [open, upcoming, finished] = await Promise.all([
    pages(transport, NEEDS_A_PERSON, NEEDS_A_PERSON_MAX),
    pages(transport, UPCOMING, UPCOMING_MAX),
    pages(transport, FINISHED, FINISHED_MAX),
  ]);
  return [...open, ...upcoming, ...finished];
}
