import type { WebSocket } from 'ws';
import { HEARTBEAT_MS, type ServerMessage } from '../../shared/api.js';
import { changeAccess, type Change } from '../../shared/changes.js';
import type { UserView } from '../../shared/domain.js';
import { RpcError } from '../../shared/errors.js';
import { roleMay } from '../../shared/roles.js';
import type { Engine, Logger } from '../engine/engine-types.js';

const AUTH_TIMEOUT_MS = 10_000;
const REPLAY_PAGE = 1_000;
// A client that cannot keep up is cut off; it reconnects and resumes from its last seq.
const MAX_BUFFERED = 8 * 1024 * 1024;

function send(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

/** One WebSocket client: auth, replay from `since`, then live changes in seq order, and calls. */
export function runWsSession(ws: WebSocket, engine: Engine, log: Logger, opts: { heartbeatMs?: number } = {}): void {
  let user: UserView | null = null;
  let beat: ReturnType<typeof setInterval> | null = null;
  /** Whether the client answered the last protocol ping: one that doesn't is dead (a wall that lost power). */
  let answered = true;
  let sent = 0;
  let live = false;
  let unsubscribe: (() => void) | null = null;
  const authTimer = setTimeout(() => {
    if (!user) ws.close(4401, 'auth timeout');
  }, AUTH_TIMEOUT_MS);

  // Roles are enforced on the stream as on calls: a change the user's role may not read is skipped.
  const mayReceive = (change: Change) => user !== null && roleMay(user.role, changeAccess(change));

  const pushLive = (envs: Array<{ seq: number; change: unknown }>) => {
    // While replaying, the replay loop reads these from the store itself.
    if (!live) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(4408, 'too slow; reconnect and resume');
      return;
    }
    for (const env of envs) {
      if (env.seq <= sent) continue;
      if (mayReceive(env.change as Change)) send(ws, { type: 'change', seq: env.seq, change: env.change as never });
      sent = env.seq;
    }
  };

  const replay = () => {
    if (ws.readyState !== ws.OPEN) return;
    const page = engine.changesSince(sent, REPLAY_PAGE);
    for (const env of page) {
      if (mayReceive(env.change)) send(ws, { type: 'change', seq: env.seq, change: env.change });
      sent = env.seq;
    }
    if (page.length === REPLAY_PAGE) {
      setImmediate(replay);
      return;
    }
    // Everything committed so far has been sent; from here the listener carries on.
    live = true;
  };

  ws.on('message', async (data) => {
    let msg: { type?: unknown; token?: unknown; since?: unknown; id?: unknown; method?: unknown; params?: unknown };
    try {
      msg = JSON.parse(String(data));
    } catch {
      send(ws, { type: 'error', error: { code: 'invalid_input', message: 'Messages are JSON objects.' } });
      return;
    }
    if (msg === null || typeof msg !== 'object') {
      send(ws, { type: 'error', error: { code: 'invalid_input', message: 'Messages are JSON objects.' } });
      return;
    }
    if (msg.type === 'auth') {
      if (user) return;
      const since = msg.since;
      if (since !== null && since !== undefined && !(Number.isInteger(since) && (since as number) >= 0)) {
        send(ws, { type: 'error', error: { code: 'invalid_input', message: 'since is null or a non-negative integer seq.' } });
        return;
      }
      const who = typeof msg.token === 'string' ? engine.authenticate(msg.token) : null;
      if (!who) {
        send(ws, { type: 'error', error: { code: 'unauthorized', message: 'That token is not valid on this hub.' } });
        ws.close(4401, 'unauthorized');
        return;
      }
      clearTimeout(authTimer);
      user = who;
      const current = engine.currentSeq();
      // A resume cursor from the future means the client remembers another hub's feed.
      sent = typeof since === 'number' && since <= current ? since : current;
      if (typeof since === 'number' && since > current) {
        send(ws, { type: 'error', error: { code: 'conflict', message: `since ${since} is past this hub's seq ${current}: start over with since null.` } });
        ws.close(4409, 'resync');
        return;
      }
      unsubscribe = engine.onChanges(pushLive);
      ws.on('pong', () => (answered = true));
      beat = setInterval(() => {
        if (!answered) {
          ws.terminate();
          return;
        }
        answered = false;
        ws.ping();
        send(ws, { type: 'heartbeat' });
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      send(ws, { type: 'ready', seq: current, user: who });
      replay();
      return;
    }
    if (msg.type === 'call') {
      const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? msg.id : undefined;
      if (id === undefined) {
        send(ws, { type: 'error', error: { code: 'invalid_input', message: 'A call needs an id (string or number).' } });
        return;
      }
      if (!user) {
        send(ws, { type: 'error', id, error: { code: 'unauthorized', message: 'Authenticate first.' } });
        return;
      }
      try {
        const result = await engine.call(user, String(msg.method), msg.params ?? {});
        send(ws, { type: 'result', id, result });
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError('internal', 'The call failed on the server.');
        if (!(err instanceof RpcError)) log.error('ws call failed', { error: String(err) });
        send(ws, { type: 'error', id, error: e.toJSON() });
      }
      return;
    }
    send(ws, { type: 'error', error: { code: 'invalid_input', message: `Unknown message type "${String(msg.type)}".` } });
  });

  ws.on('close', () => {
    clearTimeout(authTimer);
    if (beat) clearInterval(beat);
    unsubscribe?.();
  });
  ws.on('error', () => undefined);
}
