/**
 * The HTTP front: control API, fault injection, rate limiting, auth, then the Mastodon routes.
 * Faults sit in front of everything under /api (and any other non-control path), the way a
 * flaky proxy or overloaded server would; the control API is never faulted or throttled.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { INVALID_TOKEN, NOT_FOUND, matchRoute, type ApiContext, type Route } from './api-context.js';
import type { ActiveFault, FaultRegistry } from './faults.js';
import { bearerToken, HttpError, JSON_TYPE, jsonError, parseApiBody, readBody, send, type HttpResult } from './http-utils.js';
import { isPagingRequest, rateLimitHeaders, type RateLimiter } from './rate-limit.js';

export interface ServerDeps {
  routes: Route[];
  control: (method: string, url: URL, body: Buffer, contentType: string | undefined) => HttpResult | Promise<HttpResult>;
  /** The platform's own files (media, custom emoji): never faulted or throttled, like a CDN. */
  files?: (pathname: string) => HttpResult | null;
  faults: FaultRegistry;
  limiter: RateLimiter;
  brandToken: string;
  brandId: () => string;
  base: () => string;
  now: () => number;
  log: (msg: string) => void;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: INVALID_TOKEN,
  403: 'This action is not allowed',
  404: NOT_FOUND,
  410: 'Gone',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'There was a temporary problem serving your request, please try again',
};

function nginxPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export interface SandboxServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  heldCount(): number;
  /** Routes need the store, which needs the port, which needs listen(): hence set afterwards. */
  setRoutes(routes: Route[]): void;
}

export function createSandboxServer(deps: ServerDeps): SandboxServer {
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const delays = new Map<ReturnType<typeof setTimeout>, () => void>();
  let closing = false;
  let routes = deps.routes;

  const faultResult = (f: ActiveFault): HttpResult | null => {
    if (f.kind === 'status') {
      const status = f.status ?? 500;
      const headers: Record<string, string> = {};
      if (f.retryAfter !== undefined) headers['Retry-After'] = String(Math.ceil(f.retryAfter));
      if (status === 429) {
        const reset = deps.now() + (f.retryAfter ?? 60) * 1000;
        Object.assign(headers, rateLimitHeaders({ limit: 300, remaining: 0, resetAt: reset }));
      }
      return jsonError(status, ERROR_TEXT[status] ?? STATUS_CODES[status] ?? 'Error', headers);
    }
    if (f.kind === 'html') {
      const status = f.status ?? 502;
      return { status, headers: { 'Content-Type': 'text/html', ...(f.retryAfter !== undefined ? { 'Retry-After': String(Math.ceil(f.retryAfter)) } : {}) }, body: nginxPage(status) };
    }
    if (f.kind === 'malformed') return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: '[{"id":"1","content":"<p>unterminated' };
    return null;
  };

  const handleApi = async (req: IncomingMessage, url: URL): Promise<HttpResult> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    if (!url.pathname.startsWith('/api/')) return jsonError(404, NOT_FOUND);
    const token = bearerToken(req);
    const valid = token !== null && token === deps.brandToken;
    const decision = deps.limiter.hit(valid ? `token:${token}` : `ip:${req.socket.remoteAddress ?? '?'}`, isPagingRequest(url.searchParams));
    const rl = { ...rateLimitHeaders(decision), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' };
    if (!decision.allowed) return jsonError(429, 'Too many requests', rl);
    const match = matchRoute(routes, method, url.pathname);
    if (!match) return jsonError(404, NOT_FOUND, rl);
    // A token Mastodon doesn't know is refused even on public endpoints (authorize_if_got_token!).
    if (token !== null && !valid && !match.route.public) return jsonError(401, INVALID_TOKEN, rl);
    const ctx: ApiContext = {
      method,
      pathname: url.pathname,
      query: url.searchParams,
      body: method === 'GET' ? {} : await parseApiBody(req.headers['content-type'], body),
      headers: req.headers,
      token: valid ? token : null,
      viewerId: valid ? deps.brandId() : null,
    };
    const r = match.route.handler(ctx, match.params);
    return { ...r, headers: { ...rl, ...r.headers } };
  };

  const safely = async (fn: () => HttpResult | Promise<HttpResult>): Promise<HttpResult> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof HttpError) return jsonError(err.status, err.message);
      deps.log(`sandbox: internal error: ${(err as Error).stack ?? String(err)}`);
      return jsonError(500, 'Internal server error');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', deps.base());
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      send(res, await safely(async () => deps.control(method, url, await readBody(req), req.headers['content-type'])));
      return;
    }
    const file = method === 'GET' ? deps.files?.(url.pathname) : null;
    if (file) {
      send(res, file);
      return;
    }
    const fault = deps.faults.take(method, url.pathname + url.search);
    if (fault) deps.log(`sandbox: fault ${fault.kind} on ${method} ${url.pathname}`);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const canned = fault ? faultResult(fault) : null;
    if (canned) {
      send(res, canned);
      return;
    }
    if (fault?.kind === 'delay') {
      // Network latency is real time, not scenario time: clients time out on the wall clock.
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          delays.delete(t);
          resolve();
        }, fault.delayMs ?? 1000);
        delays.set(t, resolve);
      });
      if (closing) return;
    }
    const result = await safely(() => handleApi(req, url));
    if (fault?.kind === 'accept-then-timeout') {
      // The request took effect; the answer is simply never sent. close() destroys the socket.
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (fault?.kind === 'truncated') {
      const buf = Buffer.from(result.body, 'utf8');
      res.writeHead(result.status, { ...result.headers, 'Content-Length': String(buf.length) });
      res.write(buf.subarray(0, Math.max(1, Math.floor(buf.length / 2))), () => res.socket?.destroy());
      return;
    }
    send(res, result);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log(`sandbox: request failed: ${String(err)}`);
      if (!res.headersSent) send(res, jsonError(500, 'Internal server error'));
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const [t, resolve] of delays) {
          clearTimeout(t);
          resolve();
        }
        delays.clear();
        for (const s of sockets) s.destroy();
        held.clear();
        server.close(() => resolve());
      }),
    heldCount: () => held.size,
    setRoutes: (r) => {
      routes = r;
    },
  };
}
