import { extname, resolve, sep } from 'node:path';

/**
 * The renderer is served from a custom standard+secure scheme instead of file://: file:// pages
 * share one opaque origin with every file on disk, and the grantFileProtocolExtraPrivileges fuse
 * is off in packaged builds. A real origin also gives the IPC sender check something to compare.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'newsroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type WindowKind = 'desk' | 'wall';

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL.origin is "null" for non-special schemes
 * such as app:, so the origin is rebuilt from protocol and host; file: URLs have no host and
 * therefore never match an allowed origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isAllowedOrigin(url: string, origins: ReadonlySet<string>): boolean {
  const origin = originOf(url);
  return origin !== null && origins.has(origin);
}

/** Where a window of this kind starts: hash routes, so the page itself never changes. */
export function entryUrl(kind: WindowKind, devServerUrl: string | null): string {
  const base = devServerUrl ? `${devServerUrl.replace(/\/+$/, '')}/` : `${APP_ORIGIN}/index.html`;
  // The --wall window is a kiosk whoever signs it in (solo runs as admin): no controls, nothing opens.
  return kind === 'wall' ? `${base}#/wall?kiosk=1` : `${base}#/${kind}`;
}

/**
 * The file an app:// request maps to inside the built renderer, or null when the request is for
 * another host or tries to leave the renderer directory (`..`, encoded or not, or a NUL byte).
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path.startsWith('/') ? '' : '/'}${path}`);
  return file.startsWith(root + sep) ? file : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * electron-vite's dev server URL (ELECTRON_RENDERER_URL), only in unpackaged runs and only on
 * loopback: a packaged app must never load its UI from wherever an environment variable points.
 */
export function devServerUrlFrom(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | null {
  if (isPackaged) return null;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return null;
  try {
    const u = new URL(raw);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !LOOPBACK.has(u.hostname)) return null;
    return u.origin;
  } catch {
    return null;
  }
}
