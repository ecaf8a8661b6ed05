import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { ERROR_STATUS, type ErrorCode, type RpcErrorBody } from '../../shared/errors.js';
import { toWireError, type Engine, type Logger } from '../engine/index.js';
import { hubAccess, type HubAccess } from './access.js';
import { AuthThrottle, type ThrottleOptions } from './auth-throttle.js';
import { decodeSegment, requestPath } from './request-target.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { runWsSession } from './ws-session.js';

export interface HubServerOptions {
  engine: Engine;
  log: Logger;
  host: string;
  port: number;
  staticDir: string;
  /** Extra browser origins allowed on the WebSocket (besides the hub's own); their hosts are allowed Host names too. */
  origins?: string[];
  /** WebSocket heartbeat period (tests shorten it). */
  heartbeatMs?: number;
  throttle?: ThrottleOptions;
}

export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY = 1024 * 1024;
/** After a 413, this much more of the body is read (and dropped) so the client gets to read the answer. */
const DRAIN_LIMIT = 16 * MAX_BODY;

interface Ctx {
  engine: Engine;
  log: Logger;
  access: HubAccess;
  /** Host names already reported as refused (the log says each once, so a desk on a new name is explained, not flooded). */
  refusedHosts: Set<string>;
  throttle: AuthThrottle;
  headers: Record<string, string>;
  staticDir: string;
}

function sendJson(ctx: Ctx, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...ctx.headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

function sendError(ctx: Ctx, res: ServerResponse, error: RpcErrorBody, status: number = ERROR_STATUS[error.code], extra?: Record<string, string>): void {
  sendJson(ctx, res, status, { error }, extra);
}

const err = (code: ErrorCode, message: string): RpcErrorBody => ({ code, message });

/**
 * Answers 413 with the JSON error, then reads (and drops) the rest of the body up to a limit so
 * the client is not cut off mid-send before it can read the answer.
 */
function tooLarge(ctx: Ctx, req: IncomingMessage, res: ServerResponse): void {
  sendError(ctx, res, err('invalid_input', `The request body is over ${MAX_BODY / 1024 / 1024} MiB.`), 413, { Connection: 'close' });
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/** The body as text, or null when it was too large (the 413 is sent). */
function readBody(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY) {
    tooLarge(ctx, req, res);
    return Promise.resolve(null);
  }
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.off('data', onData);
        chunks.length = 0;
        tooLarge(ctx, req, res);
        ok(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

async function handleRpc(ctx: Ctx, segment: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = decodeSegment(segment);
  if (method === null) {
    sendError(ctx, res, err('invalid_input', 'The method name in the URL is not valid percent-encoding: POST /api/rpc/<area>.<verb>, e.g. /api/rpc/freeze.get.'));
    return;
  }
  if (req.method !== 'POST') {
    sendError(ctx, res, err('invalid_input', 'RPC methods are called with POST and a JSON body.'), 405, { Allow: 'POST' });
    return;
  }
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) {
    sendError(ctx, res, err('unauthorized', 'Send Authorization: Bearer <token>.'));
    return;
  }
  const user = ctx.engine.authenticate(token);
  if (!user) {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = ctx.throttle.retryAfterMs(address);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      sendError(ctx, res, err('rate_limited', `Too many failed sign-ins from your address: try again in ${seconds} s.`), 429, { 'Retry-After': String(seconds) });
      return;
    }
    ctx.throttle.failed(address, 'http');
    sendError(ctx, res, err('unauthorized', 'That token is not valid on this hub.'));
    return;
  }
  const body = await readBody(ctx, req, res);
  if (body === null) return;
  let params: unknown = {};
  try {
    if (body.trim()) params = JSON.parse(body);
  } catch {
    sendError(ctx, res, err('invalid_input', 'The body is not valid JSON.'));
    return;
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    sendError(ctx, res, err('invalid_input', 'The body must be a JSON object of params.'));
    return;
  }
  try {
    sendJson(ctx, res, 200, await ctx.engine.call(user, method, params));
  } catch (e) {
    sendError(ctx, res, toWireError(e, ctx.log, method.slice(0, 100)));
  }
}

const MAX_REPORTED_HOSTS = 100;

/** Whether the request names this hub; if not, the log says so once per name, with the fix. */
function hostOk(ctx: Ctx, req: IncomingMessage): boolean {
  if (ctx.access.hostAllowed(req.headers.host)) return true;
  const host = String(req.headers.host).slice(0, 200);
  if (!ctx.refusedHosts.has(host) && ctx.refusedHosts.size < MAX_REPORTED_HOSTS) {
    ctx.refusedHosts.add(host);
    ctx.log.warn('refused requests for a host name this hub does not answer to; if it is this hub\'s name, start the hub with --origin http://NAME:PORT', { host });
  }
  return false;
}

function route(ctx: Ctx, req: IncomingMessage, res: ServerResponse): void {
  if (!hostOk(ctx, req)) {
    sendError(ctx, res, err('forbidden', 'This hub does not answer to that host name. Use its address, or start the hub with --origin URL for a name it should answer to.'));
    return;
  }
  const path = requestPath(req.url);
  if (path === null) {
    sendError(ctx, res, err('invalid_input', 'The request target is not a URL this hub serves.'));
    return;
  }
  if (path === '/api/health') {
    sendJson(ctx, res, 200, ctx.engine.health());
    return;
  }
  const rpc = /^\/api\/rpc\/([^/]*)$/.exec(path);
  if (rpc) {
    handleRpc(ctx, rpc[1] ?? '', req, res).catch((e: unknown) => failed(ctx, res, e));
    return;
  }
  if (path.startsWith('/api/')) {
    sendError(ctx, res, err('not_found', `No such endpoint: ${path.slice(0, 200)}`));
    return;
  }
  serveStatic(ctx.staticDir, path, res, ctx.headers);
}

/** Last resort for a request: whatever went wrong is logged and answered, never thrown out of the server. */
function failed(ctx: Ctx, res: ServerResponse, e: unknown): void {
  try {
    sendError(ctx, res, toWireError(e, ctx.log, 'The request'));
  } catch {
    res.destroy();
  }
}

function refuseUpgrade(socket: Socket, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}.\n`);
}

export function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const { engine, log } = opts;
  let port = opts.port;
  const access = hubAccess(opts.host, opts.origins ?? [], () => port);
  const ctx: Ctx = {
    engine,
    log,
    access,
    refusedHosts: new Set(),
    throttle: new AuthThrottle(log, opts.throttle),
    headers: securityHeaders(access.connectSources()),
    staticDir: resolve(opts.staticDir),
  };

  const server = createServer((req, res) => {
    try {
      route(ctx, req, res);
    } catch (e) {
      failed(ctx, res, e);
    }
  });
  // Malformed requests (bad request lines, headers over Node's 16 KiB): a short answer, never an exception.
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || e.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = e.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  wss.on('error', (e) => log.warn('websocket server error', { error: String(e) }));

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      if (!hostOk(ctx, req)) return refuseUpgrade(socket, 403, 'Forbidden host name');
      const path = requestPath(req.url);
      if (path === null) return refuseUpgrade(socket, 400, 'Bad request target');
      if (path !== '/api/ws') return refuseUpgrade(socket, 404, 'Not Found');
      if (!access.originAllowed(req.headers.origin, req.headers.host)) {
        log.warn('refused a WebSocket from a foreign origin', { origin: String(req.headers.origin).slice(0, 200) });
        return refuseUpgrade(socket, 403, 'Foreign origin refused');
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      wss.handleUpgrade(req, socket, head, (ws) =>
        runWsSession(ws, { engine, log, throttle: ctx.throttle, address, ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}) }),
      );
    } catch (e) {
      log.error('websocket upgrade failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      socket.destroy();
    }
  });

  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      port = (server.address() as AddressInfo).port;
      server.off('error', fail);
      server.on('error', (e) => log.error('hub server error', { error: String(e) }));
      const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
      ok({
        url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
