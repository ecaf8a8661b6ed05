import type { Clock } from '../../../../shared/clock.js';
import type { SourceConfig } from '../../../../shared/domain.js';
import type { Logger } from '../../engine-types.js';
import type { Pipeline } from '../../ingest/pipeline.js';
import type { IngestOp } from '../../ingest/types.js';
import type { Store } from '../../store/store.js';
import type { RateLimiter } from '../rate-limit.js';
import { SourceRequestError, type MastoClient, type MastoResponse, type Query } from './mastodon-http.js';
import { compareIds, maxId, minId, parseStatus, rawId } from './normalize-status.js';
import type { RecentStatuses } from './recent-statuses.js';

/** Mastodon's page size ceiling for timelines and search (notifications allow 80; 40 keeps one rule). */
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

/** One element of a page: its paging id, and the status it carries (if any). */
interface Entry {
  id: string | null;
  status: unknown;
}

function entriesOf(spec: StreamSpec, data: unknown): Entry[] {
  const list = spec.kind === 'search' ? (data as { statuses?: unknown } | null)?.statuses : data;
  if (!Array.isArray(list)) throw new SourceRequestError('malformed', `unexpected response shape from ${spec.path}`, spec.path);
  if (spec.kind === 'mentions') {
    // Paging walks notification ids; a mention whose status is gone still moves the cursor.
    return list.map((n: unknown) => {
      const o = n && typeof n === 'object' ? (n as { type?: unknown; status?: unknown }) : {};
      return { id: rawId(n), status: o.type === 'mention' ? (o.status ?? null) : null };
    });
  }
  return list.map((s: unknown) => ({ id: rawId(s), status: s }));
}

export interface StreamContext {
  sourceId: string;
  instanceUrl: string;
  client: MastoClient;
  store: Store;
  pipeline: Pipeline;
  limiter: RateLimiter;
  clock: Clock;
  log: Logger;
  recent: RecentStatuses;
  /** Gap-filling pages per stream per cycle: a huge backlog is caught up over several cycles. */
  maxPagesPerPoll: number;
}

export interface StreamPollResult {
  added: number;
  rejected: number;
  pages: number;
  /** Set when catching up stopped because the paging budget is spent (resumes by itself). */
  deferredUntil: number | null;
}

/** Stores a page's statuses; `cursor` (when given) is saved in the same transaction. */
function ingestEntries(ctx: StreamContext, spec: StreamSpec, entries: Entry[], cursor: string | null, out: StreamPollResult): void {
  // Oldest first, so stored item ids follow the platform's order.
  const sorted = entries.filter((e) => e.id !== null).sort((a, b) => compareIds(a.id!, b.id!));
  const ops: IngestOp[] = [];
  const tracked: Array<{ localId: string; uri: string; editedAt: string | null }> = [];
  const reasons: string[] = [];
  for (const e of sorted) {
    if (e.status === null || e.status === undefined) continue;
    const r = parseStatus(e.status, ctx.instanceUrl);
    if (!r.ok) {
      reasons.push(`${r.localId ?? '?'}: ${r.reason}`);
      continue;
    }
    ops.push({ op: 'upsert', post: r.post });
    tracked.push({ localId: r.localId, uri: r.post.nativeId, editedAt: r.editedAt });
  }
  // Posts and the cursor commit together: a crash can't skip posts or store them twice.
  const res = ctx.pipeline.ingest(ctx.sourceId, ops, cursor === null ? {} : { [spec.key]: cursor });
  const now = ctx.clock.now();
  for (const t of tracked) ctx.recent.track(t.localId, t.uri, t.editedAt, now);
  out.added += res.added;
  out.rejected += reasons.length + res.rejected.length;
  if (reasons.length || res.rejected.length) {
    ctx.log.warn('mastodon: skipped malformed statuses', {
      sourceId: ctx.sourceId,
      stream: spec.key,
      count: reasons.length + res.rejected.length,
      first: reasons[0] ?? res.rejected[0]?.reason,
    });
  }
}

/**
 * Walks the gap above `from` up with min_id, oldest page first, each page committed with its
 * cursor, so a crash or error mid-way resumes where it stopped. Stops once it reaches `headMin`
 * (the head page covers the rest), or early when the paging budget or the per-cycle page cap
 * says so (`done` false).
 */
async function fillGap(spec: StreamSpec, ctx: StreamContext, from: string, headMin: string, out: StreamPollResult): Promise<{ cursor: string; done: boolean }> {
  let c = from;
  for (;;) {
    if (out.pages >= ctx.maxPagesPerPoll) return { cursor: c, done: false };
    const now = ctx.clock.now();
    if (!ctx.limiter.canPage(now)) {
      out.deferredUntil = ctx.limiter.pagingFreeAt(now);
      return { cursor: c, done: false };
    }
    let page: MastoResponse;
    try {
      page = await ctx.client.get(spec.path, { ...spec.query, limit: PAGE, min_id: c });
    } catch (err) {
      if (!(err instanceof SourceRequestError && err.kind === 'rate-limited')) throw err;
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
    ingestEntries(ctx, spec, newer, pageMax, out);
    c = pageMax;
    if (compareIds(c, headMin) >= 0) return { cursor: c, done: true };
  }
}

/**
 * One poll of one stream. The head request carries no paging parameter (Mastodon counts
 * min_id/max_id/since_id requests against its much smaller paging budget), and what's new is
 * picked by id against the cursor. When the head page is full and its oldest id is still above the
 * cursor, more arrived than one page holds and the gap is filled (fillGap). The first poll takes
 * the newest page only.
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
    ingestEntries(ctx, spec, entries, headMax ?? '0', out);
    return out;
  }
  if (headMax === null || compareIds(headMax, cursor) <= 0) return out;

  const headMin = minId(ids)!;
  let c = cursor;
  // Only a full page can hide a gap (Mastodon sends a Link "next" on every non-empty timeline page).
  if (compareIds(headMin, cursor) > 0 && entries.length >= PAGE) {
    const gap = await fillGap(spec, ctx, cursor, headMin, out);
    c = gap.cursor;
    if (!gap.done) {
      // Still catching up: the newest posts go out now anyway, but the cursor stays below the
      // gap (the walk re-reads them later, and the pipeline's dedupe makes that a no-op).
      const above = c;
      ingestEntries(ctx, spec, entries.filter((e) => e.id !== null && compareIds(e.id, above) > 0), null, out);
      return out;
    }
  }
  const from = c;
  const rest = entries.filter((e) => e.id !== null && compareIds(e.id, from) > 0);
  if (compareIds(headMax, c) > 0) ingestEntries(ctx, spec, rest, headMax, out);
  return out;
}
