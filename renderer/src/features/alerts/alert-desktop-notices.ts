import { alertNotice, createSeenAlerts } from '../../../../shared/alert-notice';
import type { NewsroomBridge } from '../../../../shared/bridge';
import type { Change } from '../../../../shared/changes';
import type { Role } from '../../../../shared/roles';

/** The part of the web Notification API used here; tests pass a fake instead of patching globals. */
export interface PageNotificationApi {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions): { onclick: ((ev: Event) => unknown) | null };
}

/** An alert older than this when it streams in (a catch-up after a long disconnect) is listed, not notified. */
export const NOTIFY_WITHIN_MS = 15 * 60_000;

export interface AlertNoticeDeps {
  /** The preload bridge's config; null in a plain browser. */
  bridge: Pick<NewsroomBridge, 'config'> | null | undefined;
  /** Read at notice time: the user signs in (or out), permission is granted, while the watch runs. */
  role: () => Role | null;
  api: () => PageNotificationApi | undefined;
  now: () => number;
  /** A click: bring this window forward on the alert (#/alerts/ID). */
  open: (alertId: string) => void;
}

/**
 * Warning and crisis alerts as desktop notifications raised by the page, for a desk connected to a
 * hub (the hub's desktop app, or a browser): there the main process sees no changes. Not in solo
 * mode (the main process notifies, electron/main/alert-notifications.ts), not on a wall.
 * The browser plays the system's notification sound (`silent: false`); a crisis stays until
 * dismissed. Each alert notifies once.
 */
export function createAlertNoticeHandler(deps: AlertNoticeDeps): (change: Change) => void {
  const seenBefore = createSeenAlerts();
  return (change) => {
    if (change.kind !== 'alert.raised') return;
    if (deps.bridge?.config.mode === 'solo' || deps.bridge?.config.wall) return;
    const role = deps.role();
    const api = deps.api();
    if (!role || role === 'wall' || api?.permission !== 'granted') return;
    const n = alertNotice(change.alert);
    if (!n || deps.now() - Date.parse(change.alert.createdAt) > NOTIFY_WITHIN_MS || seenBefore(n.alertId)) return;
    try {
      const shown = new api(n.title, { body: n.body, tag: `newsroom-alert-${n.alertId}`, requireInteraction: n.crisis, silent: false });
      shown.onclick = () => deps.open(n.alertId);
    } catch {
      // A page that may not notify after all: the banner and the alerts page still say it.
    }
  };
}
