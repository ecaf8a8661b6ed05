import type { Clock } from '../../../../shared/clock.js';
import type { Logger } from '../../engine-types.js';
import type { Pipeline } from '../../ingest/pipeline.js';
import type { IngestOp, IngestResult } from '../../ingest/types.js';
import { MastodonRequestError, type MastoClient } from '../../platforms/mastodon/http-client.js';
import type { Store } from '../../store/store.js';
import { parseStatus, type NormalizeResult } from './normalize-status.js';
import { fetchStatus, fetchStatuses, LOOKUP_BATCH, type LookupState } from './status-lookup.js';

export interface IngestContext {
  sourceId: string;
  /** The instance's own domain (handles are user@domain). */
  domain: string;
  client: MastoClient;
  store: Store;
  pipeline: Pipeline;
  clock: Clock;
  log: Logger;
  lookup: LookupState;
}

type Parsed = Extract<NormalizeResult, { ok: true }>;

/** Parent lookups per batch when the multi-status lookup is missing: replies matter, the budget more. */
const SINGLE_PARENT_LOOKUPS = 3;

function uriOf(raw: unknown): string | null {
  const uri = raw && typeof raw === 'object' ? (raw as { uri?: unknown }).uri : undefined;
  return typeof uri === 'string' && uri !== '' ? uri : null;
}

/**
 * Fills in post.replyTo with the URI of the status replied to (Mastodon gives its local id only):
 * from what this source stored lately, from the same batch, else by looking the parents up —
 * one multi-status request, or a few single ones on servers without it. A parent that can't be
 * found (private, deleted, a lookup failing) leaves replyTo null rather than holding up the post.
 */
export async function resolveReplies(ctx: IngestContext, parsed: readonly Parsed[]): Promise<void> {
  const waiting = parsed.filter((p) => p.inReplyToId !== null);
  if (waiting.length === 0) return;
  const uris = new Map<string, string>();
  for (const p of parsed) uris.set(p.localId, p.post.nativeId);
  const wanted = [...new Set(waiting.map((p) => p.inReplyToId!))].filter((id) => !uris.has(id));
  for (const [id, row] of ctx.store.mastodonRecent.lookup(ctx.sourceId, wanted)) if (row.uri !== '') uris.set(id, row.uri);
  const unknown = wanted.filter((id) => !uris.has(id));
  try {
    if (unknown.length > 0 && ctx.lookup.unsupported === null) {
      const found = await fetchStatuses(ctx.client, unknown.slice(0, LOOKUP_BATCH), ctx.lookup);
      for (const [id, raw] of found ?? []) {
        const uri = uriOf(raw);
        if (uri) uris.set(id, uri);
      }
    }
    if (ctx.lookup.unsupported !== null) {
      for (const id of unknown.filter((i) => !uris.has(i)).slice(0, SINGLE_PARENT_LOOKUPS)) {
        const uri = uriOf(await fetchStatus(ctx.client, id));
        if (uri) uris.set(id, uri);
      }
    }
  } catch (err) {
    if (err instanceof MastodonRequestError && err.kind === 'aborted') throw err;
    // Best effort: the posts themselves go in regardless.
    ctx.log.warn('mastodon: could not look up the posts some replies answer', { sourceId: ctx.sourceId, error: err instanceof Error ? err.message : String(err) });
  }
  for (const p of waiting) p.post.replyTo = uris.get(p.inReplyToId!) ?? null;
}

export interface IngestOutcome {
  added: number;
  updated: number;
  deleted: number;
  rejected: number;
  /** Why the first rejected status was rejected. */
  firstReason: string | null;
}

/**
 * Stores statuses through the pipeline, records them in the source's re-check list, and saves
 * `cursors`, all in one transaction: a crash can neither skip posts nor store them twice, and
 * nothing is stored that the re-check does not know about.
 */
export async function ingestStatuses(ctx: IngestContext, raws: readonly unknown[], cursors: Record<string, string> = {}, extraOps: IngestOp[] = []): Promise<IngestOutcome> {
  const reasons: string[] = [];
  const parsed: Parsed[] = [];
  // A malformed status is remembered as seen too (no URI), so re-reads don't log it again and again.
  const unusable: string[] = [];
  for (const raw of raws) {
    const r = parseStatus(raw, ctx.domain);
    if (r.ok) parsed.push(r);
    else {
      reasons.push(`${r.localId ?? '?'}: ${r.reason}`);
      if (r.localId !== null) unusable.push(r.localId);
    }
  }
  await resolveReplies(ctx, parsed);
  const ops: IngestOp[] = [...extraOps, ...parsed.map((p) => ({ op: 'upsert' as const, post: p.post }))];
  const rows = parsed.flatMap((p) => [
    { localId: p.localId, uri: p.post.nativeId, editedAt: p.editedAt, recheck: true },
    ...(p.boostId !== null ? [{ localId: p.boostId, uri: p.post.nativeId, editedAt: null, recheck: false }] : []),
  ]);
  for (const localId of unusable) rows.push({ localId, uri: '', editedAt: null, recheck: false });
  if (ops.length === 0 && rows.length === 0 && Object.keys(cursors).length === 0) return { added: 0, updated: 0, deleted: 0, rejected: reasons.length, firstReason: reasons[0] ?? null };
  const now = ctx.clock.now();
  const res: IngestResult = ctx.store.write(() => {
    const r = ctx.pipeline.ingest(ctx.sourceId, ops, cursors);
    ctx.store.mastodonRecent.track(ctx.sourceId, rows, now);
    return r;
  });
  const rejected = reasons.length + res.rejected.length;
  return { added: res.added, updated: res.updated, deleted: res.deleted, rejected, firstReason: reasons[0] ?? res.rejected[0]?.reason ?? null };
}
