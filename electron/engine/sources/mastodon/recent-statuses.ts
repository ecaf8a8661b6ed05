import type { Pipeline } from '../../ingest/pipeline.js';
import type { IngestOp } from '../../ingest/types.js';
import { SourceRequestError, type MastoClient } from './mastodon-http.js';
import { parseStatus, rawId } from './normalize-status.js';

interface Seen {
  uri: string;
  editedAt: string | null;
  seenAt: number;
}

/**
 * The statuses this connector ingested lately, by local id (which the multi-get needs and the
 * stored item, keyed by uri, doesn't keep). Memory only: after a restart, edits and deletes of
 * statuses seen before it are not looked for, a gap we accept to keep every poll's write small.
 */
export class RecentStatuses {
  private readonly seen = new Map<string, Seen>();
  private turn = 0;

  constructor(
    readonly windowMs = 15 * 60_000,
    private readonly max = 2_000,
  ) {}

  track(localId: string, uri: string, editedAt: string | null, now: number): void {
    this.seen.delete(localId);
    this.seen.set(localId, { uri, editedAt, seenAt: now });
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
  }

  forget(localId: string): void {
    this.seen.delete(localId);
  }

  get size(): number {
    return this.seen.size;
  }

  /**
   * Up to `n` statuses still inside the window (older ones are dropped), taking turns through
   * the window when it holds more than `n`, so a busy stream costs a bounded number of requests
   * per re-check and every recent status still gets looked at now and then.
   */
  slice(now: number, n: number): Array<[string, Seen]> {
    for (const [id, s] of this.seen) {
      if (s.seenAt >= now - this.windowMs) break;
      this.seen.delete(id);
    }
    const all = [...this.seen];
    if (all.length <= n) return all;
    const start = this.turn % all.length;
    this.turn = start + n;
    return [...all.slice(start), ...all.slice(0, start)].slice(0, n);
  }
}

/** Mastodon (4.3+) answers GET /api/v1/statuses?id[]= with 422 beyond DEFAULT_STATUSES_LIMIT = 20 ids. */
export const RECHECK_BATCH = 20;

export interface RecheckResult {
  updated: number;
  deleted: number;
  /** The server has no multi-get (a 4xx): stop asking. */
  unsupported: boolean;
}

/**
 * Looks the recent statuses up again: a changed edited_at is an edit (upserted), a missing one
 * was deleted (tombstoned). A server that answers a whole batch with nothing is double-checked
 * with a single-status GET first, so a multi-get that misbehaves can't wipe the recent window.
 */
export async function recheckRecent(opts: {
  client: MastoClient;
  pipeline: Pipeline;
  sourceId: string;
  instanceUrl: string;
  recent: RecentStatuses;
  now: number;
  maxIds: number;
}): Promise<RecheckResult> {
  const { client, recent } = opts;
  const result: RecheckResult = { updated: 0, deleted: 0, unsupported: false };
  const todo = recent.slice(opts.now, opts.maxIds);
  for (let i = 0; i < todo.length; i += RECHECK_BATCH) {
    const batch = todo.slice(i, i + RECHECK_BATCH);
    let data: unknown;
    try {
      data = (await client.get('/api/v1/statuses', { id: batch.map(([id]) => id) })).data;
    } catch (err) {
      // 404/422 on Mastodon before 4.3; other servers answer with other 4xx codes.
      if (err instanceof SourceRequestError && err.kind === 'http' && err.status !== null && err.status >= 400 && err.status < 500) {
        return { ...result, unsupported: true };
      }
      throw err;
    }
    if (!Array.isArray(data)) throw new SourceRequestError('malformed', 'unexpected response shape from /api/v1/statuses', '/api/v1/statuses');
    const found = new Map<string, unknown>();
    for (const s of data) {
      const id = rawId(s);
      if (id !== null) found.set(id, s);
    }
    if (found.size === 0 && batch.length > 1 && !(await isGone(client, batch[0]![0]))) continue;
    const ops: IngestOp[] = [];
    for (const [localId, seen] of batch) {
      const raw = found.get(localId);
      if (raw === undefined) {
        ops.push({ op: 'delete', platform: 'mastodon', nativeId: seen.uri });
        recent.forget(localId);
        continue;
      }
      const r = parseStatus(raw, opts.instanceUrl);
      if (!r.ok || r.editedAt === seen.editedAt) continue;
      ops.push({ op: 'upsert', post: r.post });
      seen.editedAt = r.editedAt;
    }
    if (ops.length === 0) continue;
    const res = opts.pipeline.ingest(opts.sourceId, ops);
    result.updated += res.updated;
    result.deleted += res.deleted;
  }
  return result;
}

async function isGone(client: MastoClient, localId: string): Promise<boolean> {
  try {
    await client.get(`/api/v1/statuses/${encodeURIComponent(localId)}`);
    return false;
  } catch (err) {
    if (err instanceof SourceRequestError && (err.status === 404 || err.status === 410)) return true;
    throw err;
  }
}
