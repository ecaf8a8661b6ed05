import type { Item } from '../../../shared/domain.js';
import type { Logger } from '../engine-types.js';
import type { Store } from '../store/store.js';

/** One item a batch stored, as the hooks see it. */
export interface IngestedItem {
  change: 'added' | 'updated' | 'deleted';
  /** The item as stored (for `deleted`, the tombstone). */
  item: Item;
  /** The stored version it replaced (null for `added`). */
  previous: Item | null;
}

export interface HookContext {
  store: Store;
  sourceId: string;
  /** The batch's ingest time (ISO), the same the items got. */
  now: string;
}

/**
 * Runs inside the batch's transaction, after its items and their change events are written, so
 * what it writes (and any change it appends) commits or rolls back with them (issue 12: a
 * conversation placed, triaged and assigned atomically with its post). A throw rolls back the
 * whole batch and reaches the caller (the connector retries the batch and reports the source
 * degraded): catch per item whatever may fail alone.
 */
export interface InTransactionHook {
  name: string;
  inTransaction(items: readonly IngestedItem[], ctx: HookContext): void;
}

/**
 * Runs after the batch committed, with what it stored (issue 11: trends and alerts). It can never
 * break ingest: a throw (or a rejected promise) is logged and the next hook still runs. It runs
 * synchronously in the ingest call, so it must be cheap per item, or queue its work and return.
 */
export interface AfterCommitHook {
  name: string;
  afterCommit(items: readonly IngestedItem[], ctx: HookContext): void | Promise<void>;
}

export interface PipelineHooks {
  inTransaction?: readonly InTransactionHook[];
  afterCommit?: readonly AfterCommitHook[];
}

/** Calls every after-commit hook; what one throws is logged, never thrown. */
export function runAfterCommit(hooks: readonly AfterCommitHook[], items: readonly IngestedItem[], ctx: HookContext, log: Logger): void {
  if (items.length === 0) return;
  const failed = (hook: AfterCommitHook, err: unknown) =>
    log.error('an after-commit ingest hook failed; the posts are stored', {
      hook: hook.name,
      items: items.length,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  for (const hook of hooks) {
    try {
      const r = hook.afterCommit(items, ctx);
      if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch((err: unknown) => failed(hook, err));
    } catch (err) {
      failed(hook, err);
    }
  }
}
