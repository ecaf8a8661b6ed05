import { isAllowedOrigin } from './app-url.js';
import { externalUrlProblem } from './open-external.js';

/** Pages may only ever show the app itself; a link or a script cannot take the window elsewhere. */
export function navigationAllowed(url: string, origins: ReadonlySet<string>): boolean {
  return isAllowedOrigin(url, origins);
}

/**
 * window.open / target=_blank never creates an Electron window (it would be a renderer we did not
 * configure). A safe http(s) link goes to the user's browser instead; anything else is dropped.
 */
export function handleWindowOpen(url: string, openExternal: (url: string) => void): { action: 'deny' } {
  if (externalUrlProblem(url) === null) openExternal(url);
  return { action: 'deny' };
}

/**
 * Web permissions the app's own pages may use: desktop notifications for alerts, clipboard writes
 * for "copy reply", fullscreen for a wall opened from a desk. Camera, microphone, geolocation,
 * USB, MIDI etc. are never needed, so they are refused, and nothing is granted to other origins.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write', 'fullscreen']);

export function permissionAllowed(permission: string, requestingUrl: string, origins: ReadonlySet<string>): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedOrigin(requestingUrl, origins);
}

/** Adds the CSP to a response's headers, replacing any the response brought (any spelling). */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
