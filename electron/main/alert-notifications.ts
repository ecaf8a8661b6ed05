import type { NotificationConstructorOptions } from 'electron';
import type { Alert } from '../../shared/alerts.js';
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

/** Alert ids remembered against a re-sent alert.raised (a resumed feed, a replayed change). */
const REMEMBERED = 1_000;
const MAX_BODY = 250;

/**
 * A desktop notification for a warning or crisis alert; null for info alerts and for alerts raised
 * in their rule's quiet hours (those stay in the app, like they stay off the channels).
 * Sound: `silent: false` asks the OS for its notification sound. A crisis also stays on screen until
 * dismissed, with critical urgency, and beeps, because some notification daemons (most Linux ones)
 * play no sound for a notification.
 */
export function alertNotification(alert: Alert): AlertNotificationOptions | null {
  if (alert.quiet || (alert.severity !== 'warning' && alert.severity !== 'crisis')) return null;
  const crisis = alert.severity === 'crisis';
  const why = alert.why.length > MAX_BODY ? `${alert.why.slice(0, MAX_BODY - 1)}…` : alert.why;
  return {
    title: `${crisis ? 'CRISIS' : 'Warning'}: ${alert.title}`,
    body: `${why}\nClick to open the alert and its evidence.`,
    urgency: crisis ? 'critical' : 'normal',
    silent: false,
    timeoutType: crisis ? 'never' : 'default',
  };
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
  const seen = new Set<string>();
  return engine.onChanges((envs) => {
    for (const { change } of envs) {
      if (change.kind !== 'alert.raised' || seen.has(change.alert.id)) continue;
      const options = alertNotification(change.alert);
      if (!options || !notifier.isSupported()) continue;
      seen.add(change.alert.id);
      // A Set iterates in insertion order: the oldest id goes first.
      if (seen.size > REMEMBERED) seen.delete(seen.values().next().value!);
      const id = change.alert.id;
      notifier.show(options, () => openAlert(id));
      if (change.alert.severity === 'crisis') notifier.beep();
    }
  });
}
