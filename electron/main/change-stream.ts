import { IPC_EVENT, type BridgeEvent } from '../../shared/bridge.js';
import type { UserView } from '../../shared/domain.js';
import type { ChangeStream, Engine, StreamOptions } from '../engine/index.js';
import type { WebContentsLike } from './ipc-types.js';

/** Changes per IPC message while catching up; later pages are sent on later ticks. */
export const REPLAY_PAGE = 1_000;

/** What main sends on IPC_EVENT: the preload routes it to the listener `id` of page `page`. */
export interface ChangeEventMessage {
  page: string;
  id: number;
  event: BridgeEvent;
}

export type FeedSource = Pick<Engine, 'stream'>;

interface Subscription {
  readonly sender: WebContentsLike;
  stream: ChangeStream | null;
  closed: boolean;
}

export interface ChangeStreams {
  /**
   * Starts the engine's change stream for one listener of one page, framed as IPC messages.
   * `since` from another history (past the feed, or another feed id) starts at the current seq:
   * `ready` (its seq and feed id) tells the renderer to drop its replica and reload.
   */
  subscribe(sender: WebContentsLike, page: string, id: number, since: number | null, user: UserView, feedId?: string | null): void;
  unsubscribe(contentsId: number, page: string, id: number): boolean;
  /** Ends every stream of a webContents (destroyed, or its page was replaced). */
  dropSender(contentsId: number): void;
  dropAll(): void;
  count(): number;
}

/** `defer`: how the catch-up yields between pages (tests drive it by hand). */
export function createChangeStreams(engine: FeedSource, defer?: StreamOptions['defer']): ChangeStreams {
  // One page (one preload instance) per webContents: only top frames of our windows get here.
  const byContents = new Map<number, { page: string; subs: Map<number, Subscription> }>();
  const hooked = new Set<number>();

  const close = (sub: Subscription) => {
    if (sub.closed) return;
    sub.closed = true;
    sub.stream?.close();
  };

  const dropSender = (contentsId: number) => {
    const entry = byContents.get(contentsId);
    if (!entry) return;
    byContents.delete(contentsId);
    for (const sub of entry.subs.values()) close(sub);
  };

  return {
    subscribe(sender, page, id, since, user, feedId) {
      if (!hooked.has(sender.id)) {
        hooked.add(sender.id);
        sender.once('destroyed', () => {
          hooked.delete(sender.id);
          dropSender(sender.id);
        });
      }
      let entry = byContents.get(sender.id);
      // A new page id means the window reloaded: the old page's listeners are gone with it.
      if (entry && entry.page !== page) {
        dropSender(sender.id);
        entry = undefined;
      }
      if (!entry) {
        entry = { page, subs: new Map() };
        byContents.set(sender.id, entry);
      }
      const previous = entry.subs.get(id);
      if (previous) close(previous);
      const sub: Subscription = { sender, stream: null, closed: false };
      entry.subs.set(id, sub);
      const send = (event: BridgeEvent) => {
        if (sub.closed) return;
        try {
          if (sender.isDestroyed()) throw new Error('destroyed');
          const message: ChangeEventMessage = { page, id, event };
          sender.send(IPC_EVENT, message);
        } catch {
          dropSender(sender.id);
        }
      };
      sub.stream = engine.stream(
        user,
        { since, feedId, stale: 'restart' },
        {
          ready: (info) => send({ type: 'ready', seq: info.seq, user: info.user, feedId: info.feedId }),
          changes: (envs) => send({ type: 'changes', envs }),
          // webContents.send does not report a backlog: IPC to our own renderer is not throttled.
          backlog: () => 0,
          tooSlow: () => dropSender(sender.id),
        },
        { page: REPLAY_PAGE, chunk: REPLAY_PAGE, ...(defer ? { defer } : {}) },
      );
      // The sender may have failed during `ready` or the first page.
      if (sub.closed) sub.stream.close();
    },
    unsubscribe(contentsId, page, id) {
      const entry = byContents.get(contentsId);
      if (!entry || entry.page !== page) return false;
      const sub = entry.subs.get(id);
      if (!sub) return false;
      close(sub);
      entry.subs.delete(id);
      return true;
    },
    dropSender,
    dropAll() {
      for (const id of [...byContents.keys()]) dropSender(id);
    },
    count() {
      let n = 0;
      for (const entry of byContents.values()) n += entry.subs.size;
      return n;
    },
  };
}
