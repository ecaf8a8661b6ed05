import type { NewsroomBridge } from '../../../shared/bridge';

/**
 * The only URLs we ever open: absolute http(s), without credentials (`https://bank.example@evil.example`
 * reads like the bank). Returns the normalized URL, or null for anything else (javascript:, data:,
 * file:, relative, malformed). The URL parser strips tabs and newlines first, so `java\nscript:` is
 * seen for what it is.
 */
export function safeExternalUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}

export interface LinkEnv {
  bridge: Pick<NewsroomBridge, 'openExternal'> | undefined;
  open: (url: string, target: string, features: string) => unknown;
}

function defaultEnv(): LinkEnv {
  return { bridge: window.newsroom, open: (u, t, f) => window.open(u, t, f) };
}

/**
 * Opens a link out of the app: through the main process in Electron (which checks the scheme again
 * and hands it to the system browser), in a new tab without an opener in a browser. Returns false,
 * and opens nothing, for a URL that fails the scheme check.
 */
export function openExternalLink(raw: string | null | undefined, env: LinkEnv = defaultEnv()): boolean {
  const url = safeExternalUrl(raw);
  if (!url) return false;
  if (env.bridge) void env.bridge.openExternal(url).catch(() => {});
  else env.open(url, '_blank', 'noopener,noreferrer');
  return true;
}
