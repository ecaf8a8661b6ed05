import { originOf } from './app-url.js';

export interface CspOptions {
  /** A hub the renderer talks to over HTTP + WebSocket (hub mode), or null. */
  hubUrl: string | null;
  /** electron-vite's dev server (unpackaged dev runs only), or null. */
  devServerUrl: string | null;
}

/**
 * The Content-Security-Policy for the app's own pages. Platform HTML is sanitized before it is
 * rendered; this is the second wall: no inline or foreign script, no plugins, no frames, no
 * <base> tricks, and network access only to the app itself and (hub mode) the one hub.
 * Remote images are allowed because avatars, media and custom emoji come from arbitrary instances
 * (https), or from a sandbox on this machine (http on loopback, for the demo).
 */
export function contentSecurityPolicy(opts: CspOptions): string {
  const script = ["'self'"];
  const connect = ["'self'"];
  const hub = opts.hubUrl ? originOf(opts.hubUrl) : null;
  if (hub) connect.push(hub, hub.replace(/^http/, 'ws'));
  const dev = opts.devServerUrl ? originOf(opts.devServerUrl) : null;
  if (dev) {
    // Vite's dev client: the React refresh preamble is an inline script and HMR uses a WebSocket.
    script.push(dev, "'unsafe-inline'");
    connect.push(dev, dev.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'none'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: http://127.0.0.1:* http://localhost:* data: blob:",
    "font-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
