import { changeAccess, type ChangeEnvelope } from '../../../shared/changes.js';
import type { UserView } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import { roleMay } from '../../../shared/roles.js';

/** What a stream reads: the engine (or a fake in tests). */
export interface FeedSource {
  currentSeq(): number;
  changesSince(seq: number, limit: number): ChangeEnvelope[];
  onChanges(listener: (envs: ChangeEnvelope[]) => void): () => void;
  feedId(): string;
}

export interface ReadyInfo {
  seq: number;
  user: UserView;
  feedId: string;
}

/**
 * Where a stream's messages go: a transport frames them (a WebSocket sends one `change` frame per
 * envelope, IPC one message per batch). Calls come in seq order and never overlap.
 */
export interface StreamSink {
  ready(info: ReadyInfo): void;
  changes(envs: ChangeEnvelope[]): void;
  /** Bytes waiting to go out to the client; 0 when the transport cannot tell. */
  backlog(): number;
  /** Live changes outran the client: end the connection (it resumes from its last seq). */
  tooSlow(): void;
}

/**
 * A resume point from another history: `since` past the feed's end, or a feed id that is not this
 * feed's (the data dir was replaced). 'refuse' throws a conflict so the client starts over from
 * null; 'restart' starts at the current seq, and `ready` (its seq and feed id) tells the client.
 */
export type StaleStart = 'refuse' | 'restart';

export interface StreamStart {
  since: number | null;
  feedId?: string | null | undefined;
  stale: StaleStart;
}

export interface StreamOptions {
  /** Changes read from the store at a time while catching up. */
  page?: number;
  /** Changes handed to the sink at a time. */
  chunk?: number;
  /** Catching up pauses while the sink holds more than this many bytes. */
  highWaterBytes?: number;
  /** Past this many bytes held, a live client is cut off as too slow. */
  maxBacklogBytes?: number;
  /** Runs fn later (a replay page yields between pages, a full sink is checked again). */
  defer?(fn: () => void, ms: number): () => void;
}

export interface ChangeStream {
  /** Highest seq delivered (or skipped by the role filter). */
  readonly sent: number;
  readonly live: boolean;
  close(): void;
}

const DEFAULTS = { page: 1_000, chunk: 100, highWaterBytes: 1024 * 1024, maxBacklogBytes: 8 * 1024 * 1024 };
const WAIT_FOR_DRAIN_MS = 10;

const realDefer = (fn: () => void, ms: number) => {
  if (ms <= 0) {
    const h = setImmediate(fn);
    return () => clearImmediate(h);
  }
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/**
 * The change stream every transport uses: `ready` first, then every change after `since` in seq
 * order at the pace the client takes them (back-pressure), then live batches; each change filtered
 * by the user's role (a change the role may not read is skipped, as the matching list call would
 * refuse it). Throws RpcError('conflict') for a stale start under 'refuse'.
 */
export function openChangeStream(feed: FeedSource, user: UserView, start: StreamStart, sink: StreamSink, options: StreamOptions = {}): ChangeStream {
  const o = { ...DEFAULTS, ...options };
  const defer = options.defer ?? realDefer;
  const current = feed.currentSeq();
  const feedId = feed.feedId();
  const { since } = start;
  const future = since !== null && since > current;
  const otherFeed = since !== null && typeof start.feedId === 'string' && start.feedId !== feedId;
  if ((future || otherFeed) && start.stale === 'refuse') {
    throw new RpcError(
      'conflict',
      otherFeed
        ? "this hub's data was replaced since you last synced: start over with since null."
        : `since ${since} is past this hub's seq ${current}: start over with since null.`,
    );
  }

  let sent = since === null || future || otherFeed ? current : since;
  let live = false;
  let closed = false;
  let pending: ChangeEnvelope[] = [];
  let cancelTimer: (() => void) | null = null;

  const mayReceive = (env: ChangeEnvelope) => roleMay(user.role, changeAccess(env.change));

  const deliver = (envs: ChangeEnvelope[]) => {
    const allowed = envs.filter(mayReceive);
    if (allowed.length) sink.changes(allowed);
    sent = envs[envs.length - 1]!.seq;
  };

  const close = () => {
    if (closed) return;
    closed = true;
    off();
    cancelTimer?.();
    cancelTimer = null;
    pending = [];
  };

  const later = (ms: number) => {
    cancelTimer = defer(() => {
      cancelTimer = null;
      pump();
    }, ms);
  };

  /** Catch-up: pages from the store, handed on while the sink keeps up; live once nothing is left. */
  const pump = () => {
    let budget = o.page;
    while (!closed) {
      if (sink.backlog() > o.highWaterBytes) return later(WAIT_FOR_DRAIN_MS);
      if (pending.length === 0) {
        if (budget <= 0) return later(0);
        pending = feed.changesSince(sent, o.page);
        if (pending.length === 0) {
          // Same tick as the read that found the end: no commit can fall between, and the listener takes over.
          live = true;
          return;
        }
      }
      const chunk = pending.splice(0, o.chunk);
      budget -= chunk.length;
      deliver(chunk);
    }
  };

  // Subscribed before `ready`: a commit from here on is either read by the catch-up or pushed live.
  const off = feed.onChanges((envs) => {
    if (!live || closed) return;
    const fresh = envs.filter((env) => env.seq > sent);
    if (fresh.length === 0) return;
    if (sink.backlog() > o.maxBacklogBytes) {
      close();
      sink.tooSlow();
      return;
    }
    deliver(fresh);
  });

  sink.ready({ seq: current, user, feedId });
  if (!closed) pump();

  return {
    get sent() {
      return sent;
    },
    get live() {
      return live;
    },
    close,
  };
}
