import type { Clock } from '../../../shared/clock.js';
import type { Item } from '../../../shared/domain.js';
import type { Logger } from '../engine-types.js';
import type { ItemRow } from '../store/items-repo.js';
import type { Store } from '../store/store.js';
import type { TopicCountBatch } from '../store/topics-repo.js';
import { runAfterCommit, type HookContext, type IngestedItem, type PipelineHooks } from './hooks.js';
import { DELETED_CONTENT, normalizePost, sameContent, type Normal } from './normalize.js';
import { mergeBoosters } from './post-extras.js';
import type { IncomingPost, IngestOp, IngestResult } from './types.js';
import { understand, type Understanding, type Understood } from './understand.js';

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  /**
   * The enrich and match stages. Without them (plain ingest, some tests and benches) items are
   * stored with `enrichment: null` and no topics.
   */
  understanding?: Understanding | null;
  /** Issue 11 and 12 register here (see hooks.ts). */
  hooks?: PipelineHooks;
  /** Where a failing after-commit hook is reported. */
  log?: Logger;
}

export interface Pipeline {
  /**
   * Applies a batch in one transaction: new posts are added, edits update, deletes tombstone.
   * `cursors` are saved in the same transaction, so a crash never records a cursor past
   * posts that were not stored (nor stores posts without moving the cursor).
   */
  ingest(sourceId: string, ops: IngestOp[], cursors?: Record<string, string>): IngestResult;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

/** An upsert after the normalize, enrich and match stages. */
interface Prepared {
  post: IncomingPost;
  normal: Normal | string;
  /** Worked out before the transaction when the post is new or its words changed; else lazily. */
  understood: Understood | null;
  /** The stored item as `prepare` found it (undefined: not looked up); valid unless an earlier op of the batch wrote the same post. */
  existing?: Item | null;
}

/** The inputs enrichment and matching read are the same: the stored understanding still holds. */
function sameUnderstandingInput(a: Item, b: Normal): boolean {
  return (
    a.text === b.text &&
    a.html === b.html &&
    a.contentWarning === b.contentWarning &&
    a.lang === b.lang &&
    a.author.handle === b.author.handle &&
    a.replyTo === b.replyTo &&
    a.media.length > 0 === b.media.length > 0 &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * normalize → enrich → match → one transaction (items, change events, topic counts, in-transaction
 * hooks, cursors) → after-commit hooks. The stages before the transaction run outside it, so the
 * write lock is held only for the writes.
 */
export function createPipeline({ store, clock, understanding = null, hooks = {}, log = silent }: PipelineDeps): Pipeline {
  const inTx = hooks.inTransaction ?? [];
  const afterCommit = hooks.afterCommit ?? [];

  function understood(p: Prepared, normal: Normal): Understood | null {
    if (!understanding) return null;
    p.understood ??= understand(understanding, normal, p.post.authorSignals);
    return p.understood;
  }

  /** Topic counts follow the item: what it counted for before is taken back, what it counts for now is added. */
  function recount(counts: TopicCountBatch, before: Item | null, after: Item | null): void {
    const bs = before?.enrichment?.sentiment.label ?? null;
    const as = after?.enrichment?.sentiment.label ?? null;
    if (before && after && bs === as && before.createdAt === after.createdAt && sameList(before.topics, after.topics)) return;
    if (before) counts.count(before.topics, before.createdAt, bs, -1);
    if (after) counts.count(after.topics, after.createdAt, as, 1);
  }

  function prepare(ops: IngestOp[]): Array<{ op: IngestOp; prepared: Prepared | null }> {
    // The lookups share one read transaction (a deferred BEGIN takes no write lock): on its own,
    // each SELECT opens and closes a WAL read snapshot, which the profile showed per post.
    return understanding ? store.db.transaction(() => prepareAll(ops))() : prepareAll(ops);
  }

  function prepareAll(ops: IngestOp[]): Array<{ op: IngestOp; prepared: Prepared | null }> {
    return ops.map((op) => {
      if (op.op !== 'upsert') return { op, prepared: null };
      const p: Prepared = { post: op.post, normal: normalizePost(op.post), understood: null };
      if (understanding && typeof p.normal !== 'string') {
        // Most posts of a poll were seen before: enrich only what is new or whose words changed.
        const existing = store.items.findByNative(p.normal.platform, p.normal.nativeId);
        p.existing = existing;
        if (!existing || (!existing.deletedAt && !(existing.enrichment && sameUnderstandingInput(existing, p.normal)))) understood(p, p.normal);
      }
      return { op, prepared: p };
    });
  }

  return {
    ingest(sourceId, ops, cursors) {
      const result: IngestResult = { added: 0, updated: 0, deleted: 0, unchanged: 0, rejected: [] };
      const prepared = prepare(ops);
      const now = new Date(clock.now()).toISOString();
      const ctx: HookContext = { store, sourceId, now };
      const stored: IngestedItem[] = [];
      /** Posts this batch already wrote: their lookups from `prepare` are stale. */
      const written = new Set<string>();
      store.write(() => {
        const counts = store.topics.batch();
        for (const { op, prepared: p } of prepared) {
          if (op.op === 'delete') {
            written.add(`${op.platform}\u0000${op.nativeId}`);
            const existing = store.items.findByNative(op.platform, op.nativeId);
            if (!existing || existing.deletedAt) {
              result.unchanged++;
              continue;
            }
            // A deleted post keeps its place (so replicas can drop it) but not its words.
            const item: Item = { ...existing, ...DELETED_CONTENT, deletedAt: now, seq: store.changes.nextSeq() };
            store.items.update(item);
            store.changes.redactItem(item);
            store.changes.appendItem({ kind: 'item.deleted', item }, now, existing);
            recount(counts, existing, null);
            stored.push({ change: 'deleted', item, previous: existing });
            result.deleted++;
            continue;
          }
          const normal = p!.normal;
          if (typeof normal === 'string') {
            result.rejected.push({ nativeId: op.post.nativeId, reason: normal });
            continue;
          }
          const key = `${normal.platform}\u0000${normal.nativeId}`;
          const existing = p!.existing !== undefined && !written.has(key) ? p!.existing : store.items.findByNative(normal.platform, normal.nativeId);
          written.add(key);
          // A boost of a stored post adds its booster; the original seen again keeps the ones it had.
          if (existing) normal.boostedBy = mergeBoosters(existing.boostedBy, normal.boostedBy);
          if (!existing) {
            const u = understood(p!, normal);
            // The batch owns `normal`: it becomes the row (a copy of a ~30-field object per post showed in the profile).
            const row: ItemRow = Object.assign(normal, { sourceId, seq: store.changes.nextSeq(), ingestedAt: now, deletedAt: null, enrichment: u?.enrichment ?? null, topics: u?.topics ?? [] });
            const item = store.items.insert(row);
            store.changes.appendItem({ kind: 'item.added', item }, now, null);
            recount(counts, null, item);
            stored.push({ change: 'added', item, previous: null });
            result.added++;
          } else if (existing.deletedAt || sameContent(existing, normal)) {
            // Seen again through another listener, or re-served after a delete: nothing new.
            result.unchanged++;
          } else {
            const keep = existing.enrichment !== null && sameUnderstandingInput(existing, normal);
            const u = keep ? { enrichment: existing.enrichment, topics: existing.topics } : understood(p!, normal);
            const item: Item = { ...existing, ...normal, seq: store.changes.nextSeq(), enrichment: u?.enrichment ?? null, topics: u?.topics ?? [] };
            store.items.update(item);
            store.changes.appendItem({ kind: 'item.updated', item }, now, existing);
            recount(counts, existing, item);
            stored.push({ change: 'updated', item, previous: existing });
            result.updated++;
          }
        }
        counts.flush();
        for (const hook of inTx) if (stored.length > 0) hook.inTransaction(stored, ctx);
        for (const [key, value] of Object.entries(cursors ?? {})) store.sources.setCursor(sourceId, key, value);
      });
      runAfterCommit(afterCommit, stored, ctx, log);
      return result;
    },
  };
}
