import type { IngestOp } from '../../ingest/types.js';
import type { RecentStatus } from '../../store/mastodon-recent-repo.js';
import { ingestStatuses, type IngestContext } from './ingest-statuses.js';
import { parseStatus } from './normalize-status.js';
import { fetchStatus, fetchStatuses, LOOKUP_BATCH } from './status-lookup.js';

export interface RecheckOptions {
  /** How far back (by when this source stored them) statuses are looked at again, ms. */
  windowMs: number;
  /** Statuses per re-check with the multi-status lookup (a few requests of 20). */
  maxIds: number;
  /** Single-status lookups per re-check when the server has no multi-status lookup. */
  maxSingles: number;
}

export interface RecheckResult {
  looked: number;
  updated: number;
  deleted: number;
}

/**
 * Looks recent statuses up again: a changed edited_at is an edit (upserted), a missing one was
 * deleted (tombstoned). Candidates come from the source's re-check list in SQLite (so posts from
 * before a restart are still followed), in turns when the window holds more than one re-check
 * takes. With the multi-status lookup (Mastodon 4.3+) that is a request per 20; on a server
 * without it (repeated 404/422, see status-lookup) a few single-status lookups per re-check. A
 * server answering a whole batch with nothing is double-checked with a single lookup first, so a
 * lookup that misbehaves can't wipe the window. Errors are thrown for the caller to count.
 */
export async function recheckRecent(ctx: IngestContext, opts: RecheckOptions, turn: { offset: number }): Promise<RecheckResult> {
  const { store, sourceId } = ctx;
  const now = ctx.clock.now();
  const since = now - opts.windowMs;
  store.write(() => store.mastodonRecent.prune(sourceId, since));
  const size = store.mastodonRecent.windowSize(sourceId, since);
  const result: RecheckResult = { looked: 0, updated: 0, deleted: 0 };
  if (size === 0) return result;
  const take = ctx.lookup.unsupported === null ? opts.maxIds : opts.maxSingles;
  const start = turn.offset % size;
  let todo = store.mastodonRecent.window(sourceId, since, take, start);
  if (todo.length < take && start > 0) todo = [...todo, ...store.mastodonRecent.window(sourceId, since, Math.min(take - todo.length, start), 0)];
  let singlesLeft = opts.maxSingles;
  let i = 0;
  try {
    while (i < todo.length) {
      let found: Map<string, unknown> | null = null;
      let batch = todo.slice(i, i + LOOKUP_BATCH);
      if (ctx.lookup.unsupported === null) {
        found = await fetchStatuses(ctx.client, batch.map((r) => r.localId), ctx.lookup);
        if (found !== null && found.size === 0 && batch.length > 1 && (await fetchStatus(ctx.client, batch[0]!.localId)) !== null) {
          i += batch.length;
          continue;
        }
        // Refused, but not (yet) often enough to give up on it: try again next time.
        if (found === null && ctx.lookup.unsupported === null) break;
      }
      if (found === null) {
        // No multi-status lookup on this server: a few single lookups per re-check, in turns.
        if (singlesLeft <= 0) break;
        batch = todo.slice(i, i + singlesLeft);
        singlesLeft -= batch.length;
        found = new Map();
        for (const row of batch) {
          const raw = await fetchStatus(ctx.client, row.localId);
          if (raw !== null) found.set(row.localId, raw);
        }
      }
      i += batch.length;
      await apply(ctx, batch, found, result);
    }
  } finally {
    turn.offset = start + i;
  }
  return result;
}

async function apply(ctx: IngestContext, batch: RecentStatus[], found: Map<string, unknown>, result: RecheckResult): Promise<void> {
  const { store, sourceId } = ctx;
  result.looked += batch.length;
  const deletes: IngestOp[] = [];
  const gone: string[] = [];
  const edited: unknown[] = [];
  for (const row of batch) {
    const raw = found.get(row.localId);
    if (raw === undefined) {
      deletes.push({ op: 'delete', platform: 'mastodon', nativeId: row.uri });
      gone.push(row.localId);
      continue;
    }
    const r = parseStatus(raw, ctx.domain);
    if (r.ok && r.editedAt !== row.editedAt) edited.push(raw);
  }
  if (deletes.length === 0 && edited.length === 0) return;
  const res = await ingestStatuses(ctx, edited, {}, deletes);
  store.write(() => {
    for (const id of gone) store.mastodonRecent.forget(sourceId, id);
  });
  result.updated += res.updated;
  result.deleted += res.deleted;
}
