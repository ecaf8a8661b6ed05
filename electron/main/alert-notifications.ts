import type { NotificationConstructorOptions } from 'electron';
import type { Alert } from '../../shared/alerts.js';
import { alertNotice, createSeenAlerts } from '../../shared/alert-notice.js';
import type { ChangeEnvelope } from '../../shared/changes.js';

/** The Electron Notification options an alert uses (checked against Electron's own type). */
export type AlertNotificationOptions = Required<Pick<NotificationConstructorOptions, 'title' | 'body' | 'urgency' | 'silent' | 'timeoutType'>>;

/** What the module needs of the desktop: injected, so it is tested without Electron. */
export interface AlertNotifier {
  isSupported(): boolean;
  /** Shows one notification; `onClick` runs when the person clicks it. */
  show(options: AlertNotificationOptions, onClick: () => void): void;
  /** The system's alert sound, for a crisis (see below). */
  beep(): void;
}

/**
 * The notification for a warning or crisis alert (null for the rest, see shared/alert-notice.ts).
 * Sound: `silent: false` asks the OS for its notification sound. A crisis also stays on screen until
 * dismissed, with critical urgency, and beeps (watchAlerts), because some notification daemons
 * (most Linux ones) play no sound for a notification.
 */
export function alertNotification(alert: Alert): AlertNotificationOptions | null {
  const n = alertNotice(alert);
  if (!n) return null;
  return { title: n.title, body: n.body, urgency: n.crisis ? 'critical' : 'normal', silent: false, timeoutType: n.crisis ? 'never' : 'default' };
}

/** The window's URL with the route to one alert (the hash the renderer parses, lib/route.ts). */
export function alertRouteUrl(currentUrl: string, alertId: string): string {
  const url = new URL(currentUrl);
  url.hash = `/alerts/${encodeURIComponent(alertId)}`;
  return url.toString();
}

/**
 * Warning and crisis alerts from the engine's change feed as desktop notifications with sound
 * (solo mode: this process owns the engine). Each alert notifies once; a click opens it.
 */
export function watchAlerts(
  engine: { onChanges(listener: (envs: ChangeEnvelope[]) => void): () => void },
  notifier: AlertNotifier,
  openAlert: (alertId: string) => void,
): () => void {
  const seenBefore = createSeenAlerts();
  return engine.onChanges((envs) => {
    for (const { change } of envs) {
      if (change.kind !== 'alert.raised') continue;
      const options = alertNotification(change.alert);
      if (!options || !notifier.isSupported() || seenBefore(change.alert.id)) continue;
      const id = change.alert.id;
      notifier.show(options, () => openAlert(id));
      if (change.alert.severity === 'crisis') notifier.beep();
    }
  });
}
