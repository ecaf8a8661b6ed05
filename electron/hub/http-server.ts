import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { ERROR_STATUS, RpcError, type ErrorCode } from '../../shared/errors.js';
import type { Engine, Logger } from '../engine/engine-types.js';
import { originAllowed, ownOrigins } from './origin.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';
import { runWsSession } from './ws-session.js';

export interface HubServerOptions {
  engine: Engine;
  log: Logger;
  host: string;
  port: number;
  staticDir: string;
  /** Extra browser origins allowed on the WebSocket (besides the hub's own). */
  origins?: string[];
  /** WebSocket heartbeat period (tests shorten it). */
  heartbeatMs?: number;
}

export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, ERROR_STATUS[code], { error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new RpcError('invalid_input', 'The request body is over 1 MiB.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

async function handleRpc(engine: Engine, log: Logger, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendJson(res, 405, { error: { code: 'invalid_input', message: 'RPC methods are called with POST and a JSON body.' } });
    return;
  }
  const auth = req.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const user = token ? engine.authenticate(token) : null;
  if (!user) {
    sendError(res, 'unauthorized', token ? 'That token is not valid on this hub.' : 'Send Authorization: Bearer <token>.');
    return;
  }
  let params: unknown = {};
  try {
    const body = await readBody(req);
    if (body.trim()) params = JSON.parse(body);
  } catch (err) {
    sendError(res, 'invalid_input', err instanceof RpcError ? err.message : 'The body is not valid JSON.');
    return;
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    sendError(res, 'invalid_input', 'The body must be a JSON object of params.');
    return;
  }
  try {
    sendJson(res, 200, await engine.call(user, method, params));
  } catch (err) {
    if (err instanceof RpcError) sendError(res, err.code, err.message);
    else {
      log.error('rpc failed', { method, error: String(err) });
      sendError(res, 'internal', 'The call failed on the server.');
    }
  }
}

export function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const { engine, log } = opts;
  const staticDir = resolve(opts.staticDir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname === '/api/health') {
      sendJson(res, 200, engine.health());
      return;
    }
    const rpc = /^\/api\/rpc\/([^/]+)$/.exec(url.pathname);
    if (rpc) {
      void handleRpc(engine, log, decodeURIComponent(rpc[1] ?? ''), req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendError(res, 'not_found', `No such endpoint: ${url.pathname}`);
      return;
    }
    serveStatic(staticDir, url.pathname, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  let allowed = new Set<string>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname !== '/api/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!originAllowed(req.headers.origin, req.headers.host, allowed, opts.host)) {
      log.warn('refused a WebSocket from a foreign origin', { origin: req.headers.origin });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nForeign origin refused.\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runWsSession(ws, engine, log, opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}));
  });

  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      const port = (server.address() as AddressInfo).port;
      allowed = ownOrigins(opts.host, port, opts.origins ?? []);
      const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
      ok({
        url: `http://${shownHost}:${port}`,
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
