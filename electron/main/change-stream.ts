import { IPC_EVENT, type BridgeEvent } from '../../shared/bridge.js';
import type { ChangeEnvelope } from '../../shared/changes.js';
import type { UserView } from '../../shared/domain.js';
import type { Engine } from '../engine/engine-types.js';
import type { WebContentsLike } from './ipc-types.js';

/** Changes per message while catching up; later pages are sent on later ticks. */
export const REPLAY_PAGE = 1_000;

/** What main sends on IPC_EVENT: the preload routes it to the listener `id` of page `page`. */
export interface ChangeEventMessage {
  page: string;
  id: number;
  event: BridgeEvent;
}

export type FeedSource = Pick<Engine, 'currentSeq' | 'changesSince' | 'onChanges'>;

interface Subscription {
  readonly id: number;
  readonly page: string;
  readonly sender: WebContentsLike;
  /** Highest seq delivered (or the starting point). */
  sent: number;
  /** false while catching up: the replay loop reads new changes from the store itself. */
  live: boolean;
  closed: boolean;
  off: () => void;
}

export interface ChangeStreams {
  /**
   * Starts a stream: `ready` first, then every change after `since` in seq order, then live
   * batches. `since` null starts at the current seq (the caller loads a snapshot). A `since` past
   * the current seq (a replica from a data dir that was since wiped) also starts at the current
   * seq: `ready.seq < since` tells the renderer to drop its replica and reload.
   */
  subscribe(sender: WebContentsLike, page: string, id: number, since: number | null, user: UserView): void;
  unsubscribe(contentsId: number, page: string, id: number): boolean;
  /** Ends every stream of a webContents (destroyed, or its page was replaced). */
  dropSender(contentsId: number): void;
  dropAll(): void;
  count(): number;
}

export function createChangeStreams(engine: FeedSource, schedule: (fn: () => void) => void = (fn) => void setImmediate(fn)): ChangeStreams {
  // One page (one preload instance) per webContents: only top frames of our windows get here.
  const byContents = new Map<number, { page: string; subs: Map<number, Subscription> }>();
  const hooked = new Set<number>();

  const close = (sub: Subscription) => {
    if (sub.closed) return;
    sub.closed = true;
    sub.off();
  };

  const dropSender = (contentsId: number) => {
    const entry = byContents.get(contentsId);
    if (!entry) return;
    byContents.delete(contentsId);
    for (const sub of entry.subs.values()) close(sub);
  };

  const send = (sub: Subscription, event: BridgeEvent): boolean => {
    if (sub.closed) return false;
    try {
      if (sub.sender.isDestroyed()) throw new Error('destroyed');
      const message: ChangeEventMessage = { page: sub.page, id: sub.id, event };
      sub.sender.send(IPC_EVENT, message);
      return true;
    } catch {
      dropSender(sub.sender.id);
      return false;
    }
  };

  const pushLive = (sub: Subscription, envs: ChangeEnvelope[]) => {
    if (!sub.live || sub.closed) return;
    const fresh = envs.filter((env) => env.seq > sub.sent);
    if (fresh.length === 0) return;
    if (send(sub, { type: 'changes', envs: fresh })) sub.sent = fresh[fresh.length - 1]!.seq;
  };

  const replay = (sub: Subscription) => {
    if (sub.closed) return;
    const page = engine.changesSince(sub.sent, REPLAY_PAGE);
    if (page.length > 0) {
      if (!send(sub, { type: 'changes', envs: page })) return;
      sub.sent = page[page.length - 1]!.seq;
    }
    if (page.length === REPLAY_PAGE) {
      schedule(() => replay(sub));
      return;
    }
    // Everything committed so far is delivered; this runs in the same tick as the read above,
    // so no commit can fall between them, and the listener carries on from here.
    sub.live = true;
  };

  return {
    subscribe(sender, page, id, since, user) {
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
      const current = engine.currentSeq();
      const sub: Subscription = {
        id,
        page,
        sender,
        sent: since !== null && since <= current ? since : current,
        live: false,
        closed: false,
        off: () => undefined,
      };
      entry.subs.set(id, sub);
      sub.off = engine.onChanges((envs) => pushLive(sub, envs));
      if (!send(sub, { type: 'ready', seq: current, user })) return;
      replay(sub);
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
