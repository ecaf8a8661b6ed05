/** What every Mastodon API handler gets, and the tiny router they are registered with. */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpResult } from './http-utils.js';
import type { SandboxStore, StatusRecord } from './store.js';

export interface ApiContext {
  method: string;
  pathname: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The valid bearer token, or null for anonymous requests. */
  token: string | null;
  /** The account the token belongs to (the brand), or null. */
  viewerId: string | null;
}

export interface ApiDeps {
  store: SandboxStore;
  now: () => number;
  instance: { title: string; description: string; contactAcct: string };
  /** Called after the brand account publishes (scenarios may answer it). */
  onBrandPost: (status: StatusRecord) => void;
}

export type Handler = (ctx: ApiContext, params: string[]) => HttpResult;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Endpoints that ignore the Authorization header entirely (instance info). */
  public?: boolean;
}

export function route(method: string, pattern: RegExp, handler: Handler, isPublic = false): Route {
  return { method, pattern, handler, public: isPublic };
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: string[] } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    try {
      return { route: r, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
    } catch {
      return null;
    }
  }
  return null;
}

export const INVALID_TOKEN = 'The access token is invalid';
export const NOT_FOUND = 'Record not found';
