import type { Alert } from './alerts.js';

/**
 * What a desktop notification about an alert says. Shared because two places raise it: the
 * desktop app's main process in solo mode (it owns the engine) and the page when it talks to a hub.
 */
export interface AlertNotice {
  alertId: string;
  title: string;
  body: string;
  /** A crisis: critical, stays until dismissed. */
  crisis: boolean;
}

const MAX_BODY = 250;

/**
 * Warning and crisis alerts notify; info alerts, and alerts raised in their rule's quiet hours
 * (those stay in the app, as they stay off the channels), don't.
 */
export function alertNotice(alert: Alert): AlertNotice | null {
  if (alert.quiet || (alert.severity !== 'warning' && alert.severity !== 'crisis')) return null;
  const crisis = alert.severity === 'crisis';
  const why = alert.why.length > MAX_BODY ? `${alert.why.slice(0, MAX_BODY - 1)}…` : alert.why;
  return { alertId: alert.id, title: `${crisis ? 'CRISIS' : 'Warning'}: ${alert.title}`, body: `${why}\nClick to open the alert and its evidence.`, crisis };
}

/** Remembers which alerts were notified (bounded: the oldest are forgotten), so a re-sent alert.raised notifies once. */
export function createSeenAlerts(max = 1_000): (alertId: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    // A Set iterates in insertion order: the oldest id goes first.
    if (seen.size > max) seen.delete(seen.values().next().value!);
    return false;
  };
}
