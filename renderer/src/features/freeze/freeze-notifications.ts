import { liveQuery } from 'dexie';
import type { NewsroomBridge } from '../../../../shared/bridge';
import { freezeNotice, type Notice } from '../../../../shared/freeze-notice';
import type { FreezeState } from '../../../../shared/publishing';
import { roleMay, type Role } from '../../../../shared/roles';
import { FREEZE_KEY, type NewsroomDb } from '../../db/db';

/** The part of the web Notification API used here; tests pass a fake instead of patching globals. */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): unknown;
}

/** The preload bridge's config; undefined (or null) in a plain browser, which has no bridge. */
type Bridge = Pick<NewsroomBridge, 'config'> | null | undefined;

/** One tag for every freeze notice, so a newer one replaces the last instead of piling up. */
export const FREEZE_NOTICE_TAG = 'newsroom-freeze';

/** The page's Notification, or undefined where the page has none (some embedded or old browsers). */
export function browserNotification(): NotificationApi | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

/**
 * Whether this window should watch the freeze at all. Not in solo Electron mode: the main process
 * owns the engine there and already notifies (a second notice per change would be noise). Not in
 * the Electron wall window: it is a team-room display, and a desk window of the same app notifies.
 */
export function watchesFreeze(bridge: Bridge): boolean {
  return bridge?.config.mode !== 'solo' && !bridge?.config.wall;
}

/** Checked at every notice, not once: permission can be granted (and the user known) after load. */
export function canNotify(role: Role | null, api: NotificationApi | undefined): boolean {
  // Unknown role: not signed in yet, nothing to tell. The wall role is a display, never a person.
  if (!role || role === 'wall') return false;
  return api?.permission === 'granted';
}

/** The enable button: only where asking makes sense and only for those who act on a freeze. */
export function offersDesktopAlerts(bridge: Bridge, role: Role | null, api: NotificationApi | undefined): boolean {
  if (!watchesFreeze(bridge) || !role || role === 'wall' || !roleMay(role, 'lead')) return false;
  return api?.permission === 'default';
}

export function showNotice(api: NotificationApi, n: Notice): void {
  // requireInteraction: a freeze stays on screen until someone has seen it.
  new api(n.title, { body: n.body, tag: FREEZE_NOTICE_TAG, requireInteraction: n.urgent });
}

/**
 * Turns successive freeze rows into notices. The first row seen is only a baseline: reloading a
 * frozen app must not announce the freeze again. A missing row (replica wiped on sign-out or a hub
 * switch, or not bootstrapped yet) resets that baseline, so the next bootstrap is silent too.
 */
export function createFreezeNotifier(show: (n: Notice) => void): (next: FreezeState | null) => void {
  let last: FreezeState | undefined;
  return (next) => {
    if (next === null) {
      last = undefined;
      return;
    }
    const prev = last;
    last = next;
    if (prev === undefined) return;
    const notice = freezeNotice(prev, next);
    if (notice) show(notice);
  };
}

export interface FreezeNotificationDeps {
  db: NewsroomDb;
  bridge: Bridge;
  /** Read at notice time: the user signs in (or out) while the watch runs. */
  role: () => Role | null;
  Notification: NotificationApi | undefined;
  /** Told after each row is taken in (notice shown or not): lets a test wait instead of sleeping. */
  observed?: (freeze: FreezeState | null) => void;
}

/**
 * Watches the replica's freeze row (Dexie's liveQuery, the same source the banner reads, so
 * whatever brought the change — hub stream, catch-up — is covered) and notifies. Returns the stop.
 */
export function startFreezeNotifications(deps: FreezeNotificationDeps): () => void {
  if (!watchesFreeze(deps.bridge)) return () => {};
  const onState = createFreezeNotifier((n) => {
    if (canNotify(deps.role(), deps.Notification)) showNotice(deps.Notification!, n);
  });
  const sub = liveQuery(async () => (await deps.db.freeze.get(FREEZE_KEY)) ?? null).subscribe({
    next: (freeze) => {
      onState(freeze);
      deps.observed?.(freeze);
    },
    error: (e: unknown) => console.warn('[newsroom] freeze notifications stopped', e),
  });
  return () => sub.unsubscribe();
}
