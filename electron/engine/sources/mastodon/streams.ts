import type { SourceConfig } from '../../../../shared/domain.js';
import { MastodonRequestError, type MastoResponse, type Query } from '../../platforms/mastodon/http-client.js';
import { parseLinkHeader } from '../../platforms/mastodon/link-header.js';
import type { RateLimiter } from '../../platforms/mastodon/rate-limit.js';
import { ingestStatuses, type IngestContext } from './ingest-statuses.js';
import { compareIds, maxId, minId, rawId } from './normalize-status.js';

/** What we ask for per page (Mastodon's ceiling for timelines and search); servers may send fewer. */
export const PAGE = 40;

export type StreamKind = 'tag' | 'search' | 'mentions';

export interface StreamSpec {
  /** Cursor key in source_cursors: `tag:<name>`, `search:<term>`, `mentions`. */
  key: string;
  kind: StreamKind;
  path: string;
  query: Query;
}

export function streamsFor(config: SourceConfig): StreamSpec[] {
  const out: StreamSpec[] = [];
  const seen = new Set<string>();
  const add = (s: StreamSpec) => {
    if (seen.has(s.key)) return;
    seen.add(s.key);
    out.push(s);
  };
  for (const raw of config.hashtags) {
    // Hashtags are case-insensitive on Mastodon: #Coffee and #coffee are one timeline, one cursor.
    const name = raw.trim().replace(/^#+/, '').toLowerCase();
    if (name) add({ key: `tag:${name}`, kind: 'tag', path: `/api/v1/timelines/tag/${encodeURIComponent(name)}`, query: {} });
  }
  for (const raw of config.terms) {
    const term = raw.trim();
    if (term) add({ key: `search:${term}`, kind: 'search', path: '/api/v2/search', query: { q: term, type: 'statuses', resolve: false } });
  }
  if (config.mentions) add({ key: 'mentions', kind: 'mentions', path: '/api/v1/notifications', query: { types: ['mention'] } });
  return out;
}

/** One element of a page: its paging id, when it was made, and the status it carries (if any). */
interface Entry {
  id: string | null;
  createdAt: number;
  status: unknown;
}

function entriesOf(spec: StreamSpec, data: unknown): Entry[] {
  const list = spec.kind === 'search' ? (data as { statuses?: unknown } | null)?.statuses : data;
  if (!Array.isArray(list)) throw new MastodonRequestError('malformed', `unexpected response shape from ${spec.path}`, spec.path);
  return list.map((raw: unknown) => {
    const o = raw && typeof raw === 'object' ? (raw as { type?: unknown; status?: unknown; created_at?: unknown }) : {};
    const createdAt = typeof o.created_at === 'string' ? Date.parse(o.created_at) : NaN;
    // Mentions page by notification id; a mention whose status is gone still moves the cursor.
    const status = spec.kind === 'mentions' ? (o.type === 'mention' ? (o.status ?? null) : null) : raw;
    return { id: rawId(raw), createdAt: Number.isNaN(createdAt) ? 0 : createdAt, status };
  });
}

export interface TrailingOptions {
  /** How far back (by creation time) the re-read for late arrivals looks, ms. */
  windowMs: number;
  /** How often a stream's window is re-read below its newest page, ms. */
  everyMs: number;
  /** Pages per re-read at most (they count against Mastodon's paging budget). */
  maxPages: number;
}

export interface StreamContext extends IngestContext {
  limiter: RateLimiter;
  /** Gap-filling pages per stream per cycle: a huge backlog is caught up over several cycles. */
  maxPagesPerPoll: number;
  trailing: TrailingOptions;
  /** When each stream's window was last re-read (memory: a restart re-reads it soon, harmlessly). */
  trailingAt: Map<string, number>;
}

export interface StreamPollResult {
  added: number;
  rejected: number;
  pages: number;
  /** Set when catching up stopped because the paging budget is spent (resumes by itself). */
  deferredUntil: number | null;
}

async function ingestEntries(ctx: StreamContext, spec: StreamSpec, entries: Entry[], cursor: string | null, out: StreamPollResult): Promise<void> {
  // Oldest first, so stored item ids follow the platform's order.
  const sorted = entries.filter((e) => e.id !== null && e.status !== null && e.status !== undefined).sort((a, b) => compareIds(a.id!, b.id!));
  const cursors: Record<string, string> = cursor === null ? {} : { [spec.key]: cursor };
  const r = await ingestStatuses(ctx, sorted.map((e) => e.status), cursors);
  out.added += r.added;
  out.rejected += r.rejected;
  if (r.rejected > 0) ctx.log.warn('mastodon: skipped malformed statuses', { sourceId: ctx.sourceId, stream: spec.key, count: r.rejected, first: r.firstReason });
}

/** The next page to read after `page`: the server's Link for `rel` when it is one to follow, else by id. */
function nextPage(ctx: StreamContext, spec: StreamSpec, page: MastoResponse | null, rel: 'prev' | 'next', param: 'min_id' | 'max_id', id: string): Promise<MastoResponse> {
  const link = page ? parseLinkHeader(page.headers.get('link')).get(rel) : undefined;
  if (link !== undefined) {
    let linked: string | null;
    try {
      linked = new URL(link).searchParams.get(param);
    } catch {
      linked = null;
    }
    // Only a link that moves the way we mean to (prev = min_id above the page, next = max_id below it).
    const followed = linked === id ? ctx.client.follow(link) : null;
    if (followed) return followed;
  }
  return ctx.client.get(spec.path, { ...spec.query, limit: PAGE, [param]: id });
}

/**
 * Walks the gap above `from` up, oldest page first, each page committed with its cursor, so a
 * crash or error mid-way resumes where it stopped. The first page asks for min_id=from; after
 * that it follows each page's Link rel="prev" (min_id = the page's newest). It stops at `headMin`
 * (the head page covers the rest), on an empty page, or early when the paging budget or the
 * per-cycle page cap says so (`done` false). Page size does not matter: a server capping pages
 * at 20 (or 1) is walked the same way.
 */
async function fillGap(spec: StreamSpec, ctx: StreamContext, from: string, headMin: string, out: StreamPollResult): Promise<{ cursor: string; done: boolean }> {
  let c = from;
  let prev: MastoResponse | null = null;
  for (;;) {
    if (out.pages >= ctx.maxPagesPerPoll) return { cursor: c, done: false };
    const now = ctx.clock.now();
    if (!ctx.limiter.canPage(now)) {
      out.deferredUntil = ctx.limiter.pagingFreeAt(now);
      return { cursor: c, done: false };
    }
    let page: MastoResponse;
    try {
      page = await nextPage(ctx, spec, prev, 'prev', 'min_id', c);
    } catch (err) {
      if (!(err instanceof MastodonRequestError && err.kind === 'rate-limited')) throw err;
      // Most likely the paging throttle: catching up waits, the head polls carry on.
      ctx.limiter.blockPaging(err.retryAt ?? now + 60_000);
      out.deferredUntil = ctx.limiter.pagingFreeAt(now);
      return { cursor: c, done: false };
    }
    out.pages++;
    const above = c;
    const newer = entriesOf(spec, page.data).filter((e) => e.id !== null && compareIds(e.id, above) > 0);
    if (newer.length === 0) return { cursor: c, done: true };
    const pageMax = maxId(newer.map((e) => e.id!))!;
    await ingestEntries(ctx, spec, newer, pageMax, out);
    c = pageMax;
    prev = page;
    if (compareIds(c, headMin) >= 0) return { cursor: c, done: true };
  }
}

/** Entries at or below the cursor that this source has not stored: late arrivals (backdated ids). */
function unseenBelow(ctx: StreamContext, entries: Entry[], cursor: string): Entry[] {
  const below = entries.filter((e) => e.id !== null && compareIds(e.id, cursor) <= 0 && e.status !== null);
  if (below.length === 0) return [];
  const known = ctx.store.mastodonRecent.lookup(ctx.sourceId, below.map((e) => e.id!));
  return below.filter((e) => !known.has(e.id!));
}

/**
 * Late arrivals: Mastodon gives a status it fetched late an id from its own created_at, below a
 * cursor that already moved past that time. Every poll looks at the head page for such ids (no
 * extra request); every `trailing.everyMs` it also reads on below the head page, down to the
 * trailing window, within the paging budget (posts later than the window are missed: the limit). What
 * this source already stored is skipped by the seen-set; the pipeline dedupes by URI anyway.
 */
async function readTrailing(spec: StreamSpec, ctx: StreamContext, head: MastoResponse, headEntries: Entry[], cursor: string, out: StreamPollResult): Promise<void> {
  // Mentions page by notification id, made when the mention reached the server: never backdated.
  if (spec.kind === 'mentions') return;
  const late = unseenBelow(ctx, headEntries, cursor);
  if (late.length > 0) await ingestEntries(ctx, spec, late, null, out);
  const now = ctx.clock.now();
  if (now - (ctx.trailingAt.get(spec.key) ?? 0) < ctx.trailing.everyMs) return;
  const floor = now - ctx.trailing.windowMs;
  let prev: MastoResponse = head;
  let entries = headEntries;
  for (let pages = 0; pages < ctx.trailing.maxPages; pages++) {
    const oldest = minId(entries.map((e) => e.id).filter((i): i is string => i !== null));
    // The page already reaches below the window (or is empty): nothing older can be late enough.
    if (oldest === null || Math.min(...entries.map((e) => e.createdAt)) < floor) break;
    // Catching up comes first: the re-read only uses a paging budget that is at least half free.
    if (!ctx.limiter.hasSparePaging(ctx.clock.now())) return;
    try {
      prev = await nextPage(ctx, spec, prev, 'next', 'max_id', oldest);
    } catch (err) {
      // Best effort: the next pass tries again (rate limits are the connector's to handle).
      if (err instanceof MastodonRequestError && (err.kind === 'rate-limited' || err.kind === 'aborted')) throw err;
      ctx.log.warn('mastodon: re-reading recent posts for late arrivals failed', { sourceId: ctx.sourceId, stream: spec.key, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    out.pages++;
    entries = entriesOf(spec, prev.data);
    const found = unseenBelow(ctx, entries, cursor).filter((e) => e.createdAt >= floor);
    if (found.length > 0) await ingestEntries(ctx, spec, found, null, out);
  }
  ctx.trailingAt.set(spec.key, now);
}

/**
 * One poll of one stream. The head request carries no paging parameter (Mastodon counts
 * min_id/max_id/since_id requests against its much smaller paging budget), and what's new is
 * picked by id against the cursor. When the head page's oldest id is still above the cursor, more
 * may have arrived than the server put on one page, whatever its size: the gap is filled
 * (fillGap), which costs one extra request when there was none. Then late arrivals below the cursor are looked for (readTrailing). The first poll
 * takes the newest page only.
 */
export async function pollStream(spec: StreamSpec, ctx: StreamContext): Promise<StreamPollResult> {
  const out: StreamPollResult = { added: 0, rejected: 0, pages: 0, deferredUntil: null };
  const cursor = ctx.store.sources.getCursor(ctx.sourceId, spec.key);
  const head = await ctx.client.get(spec.path, { ...spec.query, limit: PAGE });
  const entries = entriesOf(spec, head.data);
  const ids = entries.map((e) => e.id).filter((i): i is string => i !== null);
  const headMax = maxId(ids);

  if (cursor === null) {
    // '0' when the stream is empty: everything that arrives later is new, from its first post.
    await ingestEntries(ctx, spec, entries, headMax ?? '0', out);
    // The first re-read of the window comes a while later (it also reaches a little further back).
    ctx.trailingAt.set(spec.key, ctx.clock.now());
    return out;
  }
  if (headMax !== null && compareIds(headMax, cursor) > 0) {
    const headMin = minId(ids)!;
    let c = cursor;
    // The whole head page is new: more may be waiting below it, whatever the page's size (a server
    // or proxy capping pages at 20, or a page Mastodon shortened by filtering after the query).
    if (compareIds(headMin, cursor) > 0) {
      const gap = await fillGap(spec, ctx, cursor, headMin, out);
      c = gap.cursor;
      if (!gap.done) {
        // Still catching up: the newest posts go out now anyway, but the cursor stays below the
        // gap (the walk re-reads them later, and the pipeline's dedupe makes that a no-op).
        const above = c;
        await ingestEntries(ctx, spec, entries.filter((e) => e.id !== null && compareIds(e.id, above) > 0), null, out);
        return out;
      }
    }
    const from = c;
    if (compareIds(headMax, c) > 0) await ingestEntries(ctx, spec, entries.filter((e) => e.id !== null && compareIds(e.id, from) > 0), headMax, out);
  }
  await readTrailing(spec, ctx, head, entries, cursor, out);
  return out;
}
