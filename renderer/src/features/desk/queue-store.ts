import { useEffect, useSyncExternalStore } from 'react';
import type { ChangeEnvelope } from '../../../../shared/changes';
import type { Presence, Team } from '../../../../shared/queue';
import type { ConversationView } from '../../../../shared/queue-views';
import { onLiveChange } from '../../api/live-changes';
import { errorText, rpc } from '../../api/rpc';
import { appStore } from '../../store/app-store';
import { slaNotice } from '../../../../shared/sla-notice';
import { roleMay } from '../../../../shared/roles';
import { browserNotification } from '../freeze/freeze-notifications';

/**
 * The desk's copy of the queue: every open conversation (queue.list), presence and teams, kept
 * live from the change feed (conversation.updated, presence.changed, queue.settings). Server data
 * for the desk only, so it lives here rather than in the wall's bounded replica; one copy per
 * window, shared by the desk, the lead's view and the conversation pane.
 */
export interface QueueSnapshot {
  loaded: boolean;
  error: string | null;
  conversations: ReadonlyMap<string, ConversationView>;
  presence: ReadonlyMap<string, Presence>;
  teams: Team[];
  /** Bumped by every change: views memoize on it. */
  version: number;
  /** The latest SLA escalation seen (leads get a banner). */
  escalation: { conversation: ConversationView; state: 'warning' | 'breached' } | null;
}

let state: QueueSnapshot = { loaded: false, error: null, conversations: new Map(), presence: new Map(), teams: [], version: 0, escalation: null };
const subscribers = new Set<() => void>();
let users = 0;
let off: (() => void) | null = null;
let pending: ConversationView[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function emit(next: Partial<QueueSnapshot>): void {
  state = { ...state, ...next, version: state.version + 1 };
  for (const s of subscribers) s();
}

/** Conversation updates come in bursts (a crisis): applied together, at most every 100 ms. */
function flush(): void {
  flushTimer = null;
  if (pending.length === 0) return;
  const map = new Map(state.conversations);
  for (const c of pending) {
    if (c.status === 'resolved') map.delete(c.id);
    else map.set(c.id, c);
  }
  pending = [];
  emit({ conversations: map });
}

function onChange(env: ChangeEnvelope): void {
  const c = env.change;
  if (c.kind === 'conversation.updated') {
    pending.push(c.conversation);
    flushTimer ??= setTimeout(flush, 100);
  } else if (c.kind === 'presence.changed') {
    const map = new Map(state.presence);
    map.set(c.presence.user, c.presence);
    emit({ presence: map });
  } else if (c.kind === 'conversation.sla') {
    emit({ escalation: { conversation: c.conversation, state: c.state } });
    notifyLead(c);
  } else if (c.kind === 'queue.settings' && c.area === 'teams') {
    void rpc('teams.list', {}).then((r) => emit({ teams: r.teams }), () => undefined);
  }
}

/** A breach as a desktop notification for leads, where the page may notify (hub mode; solo: the main process does). */
function notifyLead(change: ChangeEnvelope['change']): void {
  const n = slaNotice(change);
  const role = appStore.getState().user?.role;
  const api = browserNotification();
  if (!n || !role || !roleMay(role, 'lead') || api?.permission !== 'granted' || window.newsroom?.config.mode === 'solo') return;
  try {
    new api(n.title, { body: n.body, tag: 'newsroom-sla', requireInteraction: true });
  } catch {
    // A page that may not notify after all: the banner on the desk still says it.
  }
}

export async function reloadQueue(): Promise<void> {
  try {
    const [list, teams] = await Promise.all([rpc('queue.list', { view: 'all', limit: 20_000 }), rpc('teams.list', {})]);
    emit({
      loaded: true,
      error: null,
      conversations: new Map(list.conversations.map((c) => [c.id, c])),
      presence: new Map(list.presence.map((p) => [p.user, p])),
      teams: teams.teams,
    });
  } catch (e) {
    emit({ error: errorText(e) });
  }
}

function subscribe(cb: () => void): () => void {
  subscribers.add(cb);
  return () => subscribers.delete(cb);
}

/** The live queue; the first user loads it and starts listening, the last one stops. */
export function useQueueStore(): QueueSnapshot {
  useEffect(() => {
    if (users++ === 0) {
      const offChanges = onLiveChange(onChange);
      // (Re)loaded whenever the connection goes live: first sign-in, and after a reconnect that may have missed changes.
      let wasLive = false;
      const check = () => {
        const live = appStore.getState().connection.state === 'live';
        if (live && !wasLive) void reloadQueue();
        wasLive = live;
      };
      const offConn = appStore.subscribe(check);
      check();
      off = () => {
        offChanges();
        offConn();
      };
    }
    return () => {
      if (--users === 0) {
        off?.();
        off = null;
      }
    };
  }, []);
  return useSyncExternalStore(subscribe, () => state);
}

/** For tests. */
export function resetQueueStore(): void {
  state = { loaded: false, error: null, conversations: new Map(), presence: new Map(), teams: [], version: 0, escalation: null };
}
