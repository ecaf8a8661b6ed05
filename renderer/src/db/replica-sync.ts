import type { ApiTransport, ConnectionState } from '../../../shared/api';
import type { ChangeEnvelope } from '../../../shared/changes';
import { systemClock, type Clock } from '../../../shared/clock';
import type { Role } from '../../../shared/roles';
import { announceChange } from '../api/change-signal';
import { isRestartAware } from '../api/transport';
import type { Replica } from './replica';
import { newTouched, noteTouched, type PublishingTouched } from './replica-publishing';
import { fetchSnapshot, type BootstrapSnapshot } from './snapshot';

export interface ReplicaSyncOptions {
  transport: ApiTransport;
  replica: Replica;
  hubKey: string;
  onState?(s: ConnectionState): void;
  /** Something went wrong that the user may want to know about; syncing carries on. */
  onError?(message: string): void;
  clock?: Clock;
  /** Wait before asking for the bootstrap snapshot again after it failed. */
  retryMs?: number;
  /**
   * At most one write of changes per this long (0: every change at once). A change after a quiet
   * spell is written at once; what comes within batchMs of a write waits and goes with the next one.
   * One transaction is one re-read per view: at 40 posts/s the wall re-reads ten times a second,
   * not forty.
   */
  batchMs?: number;
}

export interface ReplicaSync {
  stop(): void;
  /** Resolves once every change and snapshot received so far is written (a snapshot still in flight is not waited for). */
  idle(): Promise<void>;
}

type Job =
  | { t: 'env'; env: ChangeEnvelope }
  | { t: 'ready'; seq: number; role: Role; feedId: string | null }
  | { t: 'restart' }
  | { t: 'snapshot'; gen: number; snap: BootstrapSnapshot };

interface Boot {
  gen: number;
  /** Highest seq the replica's content is known to include (ready.seq, then streamed changes). */
  anchor: number;
  touchedSources: Set<string>;
  touchedTopics: Set<string>;
  touchedPublishing: PublishingTouched;
  fetching: boolean;
}

/**
 * Changes written per transaction at most. A wave of a thousand posts is written as ten smaller
 * transactions, so no single task on the screen's thread copies a thousand posts in and out of
 * IndexedDB (the screen renders in between).
 */
export const MAX_BATCH = 100;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Feeds the replica from a transport. All writes go through one serial job queue so changes land in
 * seq order; changes that arrive while a write is running are applied together as the next batch.
 *
 * An empty replica (no cursor) bootstraps after `ready`: the snapshot (items.list + sources.list, and
 * the publishing lists the signed-in role may read: see snapshot.ts) is fetched while changes keep
 * streaming in; those are written at once (the wall stays live) but the cursor is only stored with
 * the snapshot, so a reload mid-bootstrap starts over instead of resuming past data it never got.
 */
export async function startReplicaSync(opts: ReplicaSyncOptions): Promise<ReplicaSync> {
  const { transport, replica } = opts;
  const clock = opts.clock ?? systemClock;
  const retryMs = opts.retryMs ?? 3_000;
  const batchMs = opts.batchMs ?? 0;
  let batchTimer: unknown = null;
  let lastWriteAt = -Infinity;
  /** The last write was cut at MAX_BATCH: the rest of that wave follows at once, not after batchMs. */
  let waveContinues = false;
  const onError = opts.onError ?? (() => {});

  let cursor = await replica.open(opts.hubKey);
  /** The feed the stored cursor belongs to: a hub whose data dir was replaced has another, and the replica is rebuilt. */
  const feedId = cursor === null ? null : await replica.feedId();
  let boot: Boot | null = null;
  let gen = 0;
  let stopped = false;
  let running = false;
  let retryTimer: unknown = null;
  /** Who the hub says we are: decides which lists the bootstrap may ask for. */
  let role: Role | null = null;
  const jobs: Job[] = [];

  const push = (job: Job) => {
    if (stopped) return;
    jobs.push(job);
    // A running drain picks it up; a pending batch timer drains it in order with the rest.
    if (batchTimer === null) void drain();
  };

  /** How long changes at the head of the queue still wait for company (0: write now). */
  const batchWait = () => (batchMs > 0 && !waveContinues && jobs[0]?.t === 'env' ? lastWriteAt + batchMs - clock.now() : 0);

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (jobs.length && !stopped) {
        const wait = batchWait();
        if (wait > 0) {
          batchTimer = clock.setTimeout(() => {
            batchTimer = null;
            void drain();
          }, wait);
          break;
        }
        const job = jobs.shift()!;
        try {
          if (job.t === 'env') {
            const batch = [job.env];
            while (jobs[0]?.t === 'env' && batch.length < MAX_BATCH) batch.push((jobs.shift() as { env: ChangeEnvelope }).env);
            waveContinues = jobs[0]?.t === 'env';
            await applyBatch(batch);
            // Between two parts of a wave the screen gets a turn (a task, not a microtask).
            if (waveContinues) await new Promise((r) => setTimeout(r, 0));
          } else if (job.t === 'ready') {
            role = job.role;
            if (job.feedId !== null) await replica.rememberFeed(job.feedId);
            await onReady(job.seq);
          } else if (job.t === 'restart') {
            // The next `ready` (from since null) bootstraps the emptied replica.
            await replica.wipe();
            cursor = null;
            boot = null;
          } else if (boot && boot.gen === job.gen) {
            const done = boot.anchor;
            await replica.bootstrap({ ...job.snap, skipSources: boot.touchedSources, skipTopics: boot.touchedTopics, skipPublishing: boot.touchedPublishing, cursor: done });
            cursor = done;
            boot = null;
          }
        } catch (e) {
          // A failed write leaves the replica with a hole we can't name: rebuild it from a snapshot
          // anchored where the stream is now, rather than resume from a cursor that lies.
          onError(`Local copy could not be updated (${message(e)}); rebuilding it.`);
          try {
            await rebuild(job.t === 'env' ? job.env.seq : job.t === 'ready' ? job.seq : (boot?.anchor ?? cursor ?? 0));
          } catch (e2) {
            onError(`Local copy is unavailable (${message(e2)}).`);
          }
        }
      }
    } finally {
      running = false;
    }
  }

  async function applyBatch(batch: ChangeEnvelope[]): Promise<void> {
    lastWriteAt = clock.now();
    const last = batch[batch.length - 1]!.seq;
    // Before the first `ready` of an empty replica there is nothing to anchor a cursor to.
    await replica.apply(batch, { writeCursor: boot === null && cursor !== null });
    if (boot) {
      boot.anchor = Math.max(boot.anchor, last);
      for (const env of batch) {
        const c = env.change;
        if (c.kind === 'source.removed') boot.touchedSources.add(c.id);
        else if (c.kind === 'source.added' || c.kind === 'source.updated') boot.touchedSources.add(c.source.id);
        else if (c.kind === 'topic.saved') boot.touchedTopics.add(c.topic.id);
        else if (c.kind === 'topic.removed') boot.touchedTopics.add(c.id);
        else noteTouched(boot.touchedPublishing, c);
      }
    } else if (cursor !== null) {
      cursor = Math.max(cursor, last);
    }
  }

  async function onReady(seq: number): Promise<void> {
    const position = boot ? boot.anchor : cursor;
    if (position !== null && seq < position) {
      // The hub's feed is behind what we hold: its history restarted (fresh data dir). Our copy
      // describes a world that no longer exists.
      await rebuild(seq);
      return;
    }
    if (cursor === null && !boot) startBootstrap(seq);
    else if (boot && !boot.fetching) fetchFor(boot);
  }

  async function rebuild(anchor: number): Promise<void> {
    await replica.wipe();
    cursor = null;
    boot = null;
    startBootstrap(anchor);
  }

  function startBootstrap(anchor: number): void {
    boot = { gen: ++gen, anchor, touchedSources: new Set(), touchedTopics: new Set(), touchedPublishing: newTouched(), fetching: false };
    fetchFor(boot);
  }

  function fetchFor(b: Boot): void {
    b.fetching = true;
    fetchSnapshot(transport, replica.cap, role).then(
      (snap) => {
        b.fetching = false;
        if (boot === b) push({ t: 'snapshot', gen: b.gen, snap });
      },
      (e: unknown) => {
        b.fetching = false;
        if (boot !== b || stopped) return;
        onError(`Could not load the latest items (${message(e)}); retrying.`);
        clock.clearTimeout(retryTimer);
        retryTimer = clock.setTimeout(() => {
          if (boot === b && !b.fetching && !stopped) fetchFor(b);
        }, retryMs);
      },
    );
  }

  const offRestart = isRestartAware(transport) ? transport.onHistoryRestart(() => push({ t: 'restart' })) : () => {};
  const unsubscribe = transport.subscribe(
    cursor,
    (env) => {
      announceChange(env.change);
      push({ t: 'env', env });
    },
    (state) => {
      opts.onState?.(state);
      if (state.state === 'live') push({ t: 'ready', seq: state.seq, role: state.user.role, feedId: state.feedId ?? null });
    },
    { feedId },
  );

  return {
    stop() {
      stopped = true;
      // Only the write already running finishes; Dexie orders it before any later open() of this db.
      jobs.length = 0;
      clock.clearTimeout(retryTimer);
      clock.clearTimeout(batchTimer);
      offRestart();
      unsubscribe();
    },
    async idle() {
      // Polling keeps this free of bookkeeping in the hot path; it is for tests and sign-out only.
      // The first wait lets answers that just arrived (promise callbacks) enqueue their writes.
      do await new Promise((r) => setTimeout(r, 2));
      while (running || jobs.length > 0);
    },
  };
}
