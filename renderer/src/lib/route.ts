import { useSyncExternalStore } from 'react';

export type RoutePath = 'wall' | 'signin' | 'desk' | 'compose' | 'posts' | 'crisis' | 'settings' | 'alerts';
export interface Route {
  path: RoutePath;
  params: URLSearchParams;
}

const PATHS: readonly RoutePath[] = ['wall', 'signin', 'desk', 'compose', 'posts', 'crisis', 'settings', 'alerts'];

/**
 * "#/wall?name=lobby" → { path: 'wall', params }. Anything unknown is the wall, the default screen.
 * "#/alerts/ID" (the link in alert messages) is the alerts page with `alert=ID`.
 */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  let path = (q >= 0 ? body.slice(0, q) : body).replace(/^\/+|\/+$/g, '');
  const params = new URLSearchParams(q >= 0 ? body.slice(q + 1) : '');
  const alertLink = /^alerts\/([^/]+)$/u.exec(path);
  if (alertLink) {
    path = 'alerts';
    params.set('alert', safeDecode(alertLink[1]!));
  }
  return { path: (PATHS as readonly string[]).includes(path) ? (path as RoutePath) : 'wall', params };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function formatHash(path: RoutePath, params?: URLSearchParams): string {
  const qs = params?.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Pulls `token=` out of a hash like "#/wall?token=abc&name=lobby". The cleaned hash keeps everything
 * else, so the caller can put it back in the address bar without the secret.
 */
export function takeTokenFromHash(hash: string): { token: string | null; hash: string } {
  const route = parseHash(hash);
  const token = route.params.get('token');
  if (token === null) return { token: null, hash };
  route.params.delete('token');
  return { token: token.trim() || null, hash: formatHash(route.path, route.params) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function navigate(path: RoutePath, params?: URLSearchParams, replace = false): void {
  const hash = formatHash(path, params);
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
