import type { Clock } from '../../../shared/clock.js';
import type { Item } from '../../../shared/domain.js';
import { matchInputOf } from '../../../shared/listen/index.js';
import type { RetagProgress } from '../../../shared/topics.js';
import type { Logger } from '../engine-types.js';
import type { Store } from '../store/store.js';
import type { TopicMatcher } from './topic-matcher.js';

export interface RetaggerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  matcher: TopicMatcher;
  /** How many of the newest items a run re-tags (older ones keep their topics). */
  limit?: number;
  /** Items per transaction: small enough that ingest waits at most a few milliseconds. */
  chunk?: number;
  /** Progress changes at most this often (the last one always goes out). */
  progressMs?: number;
  /** Yields between chunks (default: setImmediate), so ingest and calls run in between. */
  defer?: (fn: () => void) => void;
}

export interface Retagger {
  /** Starts a run over the newest items; a run still going is superseded (it stops after its chunk). */
  start(topicId: string | null): RetagProgress;
  current(): RetagProgress | null;
  /** Resolves when no run is going (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the run going, if any (engine stop). */
  stop(): void;
}

export const RETAG_LIMIT = 20_000;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Re-tags recent items after a topic changed, in the background: chunk by chunk, each in its own
 * transaction (an item whose topics changed gets an `item.updated` and its hourly counts move),
 * with `topic.retag` progress on the change feed. A later edit supersedes an earlier run: the
 * newer run re-tags against every topic as they are now, so the older one has nothing left to do.
 */
export function createRetagger(d: RetaggerDeps): Retagger {
  const { store, clock, matcher } = d;
  const limit = d.limit ?? RETAG_LIMIT;
  const chunk = d.chunk ?? 250;
  const progressMs = d.progressMs ?? 250;
  const defer = d.defer ?? ((fn) => void setImmediate(fn));
  let current: RetagProgress | null = null;
  let runs = 0;
  let done: Promise<void> = Promise.resolve();
  let stopped = false;

  const at = () => new Date(clock.now()).toISOString();
  const announce = (p: RetagProgress) => store.changes.append({ kind: 'topic.retag', progress: { ...p } }, at());

  function retagOne(item: Item, p: RetagProgress): void {
    const topics = matcher.match(matchInputOf(item, item.enrichment));
    if (sameList(topics, item.topics)) return;
    const sentiment = item.enrichment?.sentiment.label ?? null;
    const next: Item = { ...item, topics, seq: store.changes.nextSeq() };
    store.items.update(next);
    store.changes.appendItem({ kind: 'item.updated', item: next }, at(), item);
    store.topics.count(item.topics, item.createdAt, sentiment, -1);
    store.topics.count(topics, item.createdAt, sentiment, 1);
    p.changed++;
  }

  function run(p: RetagProgress, finish: () => void): void {
    let before: number | undefined;
    let lastSaid = clock.now();
    const step = () => {
      try {
        if (current !== p || stopped) return finish();
        const more = store.write(() => {
          const left = p.total - p.done;
          const page = left > 0 ? store.items.list({ limit: Math.min(chunk, left), ...(before !== undefined ? { before } : {}) }) : [];
          for (const item of page) retagOne(item, p);
          p.done += page.length;
          before = page.at(-1)?.id;
          const more = page.length > 0 && p.done < p.total;
          if (!more) p.state = 'finished';
          if (!more || clock.now() - lastSaid >= progressMs) {
            lastSaid = clock.now();
            announce(p);
          }
          return more;
        });
        if (more) defer(step);
        else finish();
      } catch (err) {
        d.log.error('re-tagging recent items failed; their topics stay as they were', { runId: p.runId, error: String(err) });
        if (current === p) current = { ...p, state: 'finished' };
        finish();
      }
    };
    defer(step);
  }

  return {
    start(topicId) {
      stopped = false;
      const total = Math.min(limit, (store.db.prepare('SELECT COUNT(*) AS n FROM items WHERE deleted_at IS NULL').get() as { n: number }).n);
      const p: RetagProgress = { runId: `${clock.now().toString(36)}-${++runs}`, topicId, done: 0, total, changed: 0, state: 'running' };
      store.write(() => {
        if (current?.state === 'running') {
          current.state = 'superseded';
          announce(current);
        }
        announce(p);
      });
      current = p;
      const previous = done;
      done = new Promise<void>((resolve) => run(p, resolve)).then(() => previous);
      return { ...p };
    },
    current: () => (current ? { ...current } : null),
    idle: () => done,
    stop() {
      stopped = true;
    },
  };
}
