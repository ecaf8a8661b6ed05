import type { WebSocket } from 'ws';
import { HEARTBEAT_MS, type ClientMessage, type ServerMessage } from '../../shared/api.js';
import type { RpcErrorBody } from '../../shared/errors.js';
import { parseClientFrame } from '../../shared/ws-frames.js';
import { REVOKED_MESSAGE, toWireError, type ChangeStream, type Engine, type Logger, type Session, type StreamSink } from '../engine/index.js';
import type { AuthThrottle } from './auth-throttle.js';

const AUTH_TIMEOUT_MS = 10_000;

export interface WsSessionDeps {
  engine: Engine;
  log: Logger;
  throttle: AuthThrottle;
  /** The client's address, for the failed sign-in throttle. */
  address: string;
  heartbeatMs?: number;
}

type AuthFrame = Extract<ClientMessage, { type: 'auth' }>;
type CallFrame = Extract<ClientMessage, { type: 'call' }>;

function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * One WebSocket client: frames are parsed with the shared schemas (shared/ws-frames.ts) before any
 * field is used; auth opens an engine session (ended at once if the token is revoked) and the
 * engine's change stream; calls go through the engine's one door. Nothing a client sends can
 * throw out of here: every path answers with an error frame or closes the socket.
 */
export function runWsSession(ws: WebSocket, d: WsSessionDeps): void {
  let session: Session | null = null;
  let stream: ChangeStream | null = null;
  let beat: ReturnType<typeof setInterval> | null = null;
  /** Whether the client answered the last protocol ping: one that doesn't is dead (a wall that lost power). */
  let answered = true;
  const authTimer = setTimeout(() => {
    if (!session) ws.close(4401, 'auth timeout');
  }, AUTH_TIMEOUT_MS);

  const send = (msg: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(msg));
    } catch (e) {
      d.log.error('websocket send failed', { error: String(e) });
      ws.terminate();
    }
  };
  const error = (body: RpcErrorBody, id?: string | number) => send({ type: 'error', ...(id !== undefined ? { id } : {}), error: body });

  const sink: StreamSink = {
    ready: (info) => send({ type: 'ready', seq: info.seq, user: info.user, feedId: info.feedId }),
    changes: (envs) => {
      for (const env of envs) send({ type: 'change', seq: env.seq, change: env.change });
    },
    backlog: () => ws.bufferedAmount,
    tooSlow: () => ws.close(4408, 'too slow; reconnect and resume'),
  };

  const auth = (frame: AuthFrame) => {
    if (session) return error({ code: 'invalid_input', message: 'This connection is signed in already.' });
    const opened = d.engine.openSession(frame.token, (message) => {
      error({ code: 'unauthorized', message });
      ws.close(4401, 'revoked');
    });
    if (!opened) {
      const wait = d.throttle.retryAfterMs(d.address);
      if (wait > 0) {
        error({ code: 'rate_limited', message: `Too many failed sign-ins from your address: try again in ${Math.ceil(wait / 1000)} s.` });
        ws.close(4429, 'rate limited');
        return;
      }
      d.throttle.failed(d.address, 'websocket');
      error({ code: 'unauthorized', message: 'That token is not valid on this hub.' });
      ws.close(4401, 'unauthorized');
      return;
    }
    try {
      stream = d.engine.stream(opened.user, { since: frame.since, feedId: frame.feedId, stale: 'refuse' }, sink);
    } catch (e) {
      opened.close();
      const body = toWireError(e, d.log, 'Subscribing');
      error(body);
      ws.close(body.code === 'conflict' ? 4409 : 1011, body.code === 'conflict' ? 'resync' : 'server error');
      return;
    }
    session = opened;
    clearTimeout(authTimer);
    ws.on('pong', () => (answered = true));
    beat = setInterval(() => {
      if (!answered) {
        ws.terminate();
        return;
      }
      answered = false;
      ws.ping();
      send({ type: 'heartbeat' });
    }, d.heartbeatMs ?? HEARTBEAT_MS);
  };

  const call = (frame: CallFrame) => {
    if (!session?.active) {
      error({ code: 'unauthorized', message: session ? REVOKED_MESSAGE : 'Authenticate first.' }, frame.id);
      return;
    }
    d.engine.call(session.user, frame.method, frame.params ?? {}).then(
      (result) => send({ type: 'result', id: frame.id, result }),
      (e: unknown) => error(toWireError(e, d.log, frame.method), frame.id),
    );
  };

  ws.on('message', (data, isBinary) => {
    try {
      if (isBinary) return error({ code: 'invalid_input', message: 'Messages are JSON text frames, not binary ones.' });
      const parsed = parseClientFrame(frameText(data));
      if (!parsed.ok) return error({ code: 'invalid_input', message: parsed.message }, parsed.id);
      if (parsed.frame.type === 'auth') auth(parsed.frame);
      else call(parsed.frame);
    } catch (e) {
      d.log.error('websocket message failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      error({ code: 'internal', message: 'The hub could not handle that message; its log has the details.' });
    }
  });

  ws.on('close', () => {
    clearTimeout(authTimer);
    if (beat) clearInterval(beat);
    stream?.close();
    session?.close();
  });
  ws.on('error', () => undefined);
}
