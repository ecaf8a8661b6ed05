import type { Session, WebContents } from 'electron';
import type { Logger } from '../engine/index.js';
import { isAllowedOrigin } from './app-url.js';
import { handleWindowOpen, navigationAllowed, permissionAllowed, withCsp } from './web-policy.js';

export interface PolicyContext {
  origins: ReadonlySet<string>;
  csp: string;
  openExternal(url: string): void;
  log: Logger;
}

/**
 * Session-wide rules (Electron security checklist): permissions limited to a short allowlist for
 * our own origin, device access refused, and the CSP added to every response from our origins
 * (app:// responses carry it already; this covers the dev server too).
 */
export function applySessionPolicy(session: Session, ctx: PolicyContext): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl, ctx.origins);
    if (!allowed) ctx.log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, ctx.origins));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAllowedOrigin(details.url, ctx.origins)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCsp(details.responseHeaders, ctx.csp) });
  });
}

/**
 * Per-webContents rules, applied to every webContents the app creates (via
 * app.on('web-contents-created')), so no window or devtools page is ever left without them.
 */
export function hardenWebContents(contents: WebContents, ctx: PolicyContext): void {
  contents.setWindowOpenHandler(({ url }) => handleWindowOpen(url, ctx.openExternal));
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (navigationAllowed(url, ctx.origins)) return;
    event.preventDefault();
    ctx.log.warn('navigation blocked', { url });
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    ctx.log.warn('webview blocked');
  });
}
