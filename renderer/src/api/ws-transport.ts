import { HEARTBEAT_MS, type ClientMessage, type ConnectionState } from '../../../shared/api';
import type { ChangeEnvelope } from '../../../shared/changes';
import { systemClock, type Clock } from '../../../shared/clock';
import { ERROR_STATUS, RpcError, type ErrorCode } from '../../../shared/errors';
import type { MethodName, Params, Results } from '../../../shared/methods';
import { parseServerFrame } from '../../../shared/ws-frames';
import type { RestartAwareTransport } from './transport';

/** The slice of the browser WebSocket this transport uses, so tests can hand in a fake. */
export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsTransportOptions {
  /** ws:// or wss:// URL of the hub's /api/ws. */
  url: string;
  token: string;
  WebSocket?: WebSocketCtor;
  clock?: Clock;
  random?: () => number;
  /** How long a call waits for a connection before it fails. */
  callTimeoutMs?: number;
  /** How long a call sent to the hub waits for its answer before it fails (the hub or the socket lost it). */
  answerTimeoutMs?: number;
  /** How long a new socket may take to answer auth with `ready` before we give up on it. */
  readyTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * A live connection with no frame at all (not even the hub's heartbeat) for this long is taken
   * as dead and replaced, so the view says "reconnecting" instead of a `live` that lies.
   */
  silenceMs?: number;
}

export interface WsTransport extends RestartAwareTransport {
  /** Closes the socket for good: no reconnects, pending calls fail. */
  close(): void;
}

/**
 * Retry delay: doubling from min to max, with ±20 % jitter so a room full of walls doesn't hit a
 * restarted hub in the same millisecond. Always within [min, max].
 */
export function backoffDelay(attempt: number, random: () => number, minMs = 1000, maxMs = 10_000): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(Math.min(maxMs, Math.max(minMs, base * (0.8 + 0.4 * random()))));
}

interface PendingCall {
  id: number;
  method: string;
  params: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  timer: unknown;
}

const asCode = (code: string): ErrorCode => (Object.hasOwn(ERROR_STATUS, code) ? (code as ErrorCode) : 'internal');

export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const Ctor: WebSocketCtor = opts.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketCtor);
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const callTimeoutMs = opts.callTimeoutMs ?? 15_000;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 30_000;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const silenceMs = opts.silenceMs ?? 3 * HEARTBEAT_MS;

  let socket: WebSocketLike | null = null;
  let live = false;
  let readyTimer: unknown = null;
  let retryTimer: unknown = null;
  let silenceTimer: unknown = null;
  /** Clock ms of the last frame from the hub on the current socket. */
  let lastHeard = 0;
  let attempt = 0;
  /** Seq of the last change handed on: the resume point, and the line below which changes are duplicates. */
  let lastSeq: number | null = null;
  /** The feed lastSeq belongs to (the hub says it in `ready`); sent with the resume point. */
  let feedId: string | null = null;
  /** Wall-clock ms when the connection was lost; reported as `reconnecting.since` so views can say "stale since". */
  let lostAt: number | null = null;
  /** After `unauthorized` retrying can't help: the token is wrong until someone signs in again. */
  let stopped = false;
  let closed = false;
  let nextId = 1;
  let subscriber: { onChange(env: ChangeEnvelope): void; onState(s: ConnectionState): void } | null = null;
  const queued: PendingCall[] = [];
  const inflight = new Map<number, PendingCall>();
  const restartListeners = new Set<() => void>();

  const emit = (s: ConnectionState) => subscriber?.onState(s);

  function connect(): void {
    if (socket || stopped || closed) return;
    retryTimer = null;
    let ws: WebSocketLike;
    try {
      ws = new Ctor(opts.url);
    } catch (e) {
      // A malformed URL or a blocked scheme throws here instead of closing later.
      return retryLater(e instanceof Error ? e.message : 'could not open a connection');
    }
    socket = ws;
    live = false;
    if (lostAt === null) emit({ state: 'connecting' });
    readyTimer = clock.setTimeout(() => gone(ws, 'the hub did not answer the sign-in', true), readyTimeoutMs);
    ws.onopen = () => {
      if (ws !== socket) return;
      const auth: ClientMessage = { type: 'auth', token: opts.token, since: lastSeq, ...(lastSeq !== null && feedId !== null ? { feedId } : {}) };
      trySend(ws, auth);
    };
    ws.onmessage = (ev) => {
      if (ws !== socket) return;
      lastHeard = clock.now();
      onMessage(ws, ev.data);
    };
    ws.onclose = (ev) => gone(ws, ev.reason || `connection closed (${ev.code})`, false);
    // A close event always follows an error; that is where we react.
    ws.onerror = () => {};
  }

  function trySend(ws: WebSocketLike, msg: ClientMessage): boolean {
    try {
      ws.send(JSON.stringify(msg));
      return true;
    } catch (e) {
      gone(ws, e instanceof Error ? e.message : 'send failed', true);
      return false;
    }
  }

  function onMessage(ws: WebSocketLike, data: unknown): void {
    const msg = parseServerFrame(data);
    if (!msg) return;
    switch (msg.type) {
      case 'ready': {
        clock.clearTimeout(readyTimer);
        live = true;
        attempt = 0;
        lostAt = null;
        // Another feed (a replaced data dir) or a feed behind our cursor is a new history: tell the
        // replica to drop what it holds, and follow it, or every new change would look like a duplicate.
        const otherFeed = feedId !== null && msg.feedId !== undefined && msg.feedId !== feedId;
        if (otherFeed && lastSeq !== null) for (const l of restartListeners) l();
        if (lastSeq === null || otherFeed || msg.seq < lastSeq) lastSeq = msg.seq;
        feedId = msg.feedId ?? null;
        emit({ state: 'live', user: msg.user, seq: msg.seq, feedId });
        watchSilence(ws);
        for (const call of queued.splice(0)) {
          clock.clearTimeout(call.timer);
          sendCall(ws, call);
        }
        return;
      }
      case 'heartbeat':
        return;
      case 'change': {
        if (lastSeq !== null && msg.seq <= lastSeq) return;
        lastSeq = msg.seq;
        subscriber?.onChange({ seq: msg.seq, change: msg.change });
        return;
      }
      case 'result': {
        const call = inflight.get(Number(msg.id));
        if (!call) return;
        inflight.delete(call.id);
        clock.clearTimeout(call.timer);
        call.resolve(msg.result);
        return;
      }
      case 'error': {
        if (msg.id !== undefined) {
          const call = inflight.get(Number(msg.id));
          if (!call) return;
          inflight.delete(call.id);
          clock.clearTimeout(call.timer);
          call.reject(new RpcError(asCode(msg.error.code), msg.error.message));
          return;
        }
        if (msg.error.code === 'unauthorized') {
          stopped = true;
          const err = new RpcError('unauthorized', msg.error.message);
          failAll(err);
          emit({ state: 'unauthorized', message: msg.error.message });
          shut(ws);
          return;
        }
        if (msg.error.code === 'conflict') {
          // Our resume point is past the hub's feed: its history was replaced. Start over from now,
          // and let the replica know before the next `ready` so it drops what it holds.
          lastSeq = null;
          for (const l of restartListeners) l();
        }
        gone(ws, msg.error.message, true);
        return;
      }
    }
  }

  /** Checks a few times per window, rather than re-arming a timer on every frame of a busy feed. */
  function watchSilence(ws: WebSocketLike): void {
    clock.clearTimeout(silenceTimer);
    const check = () => {
      if (ws !== socket) return;
      const quiet = clock.now() - lastHeard;
      if (quiet >= silenceMs) return gone(ws, `no word from the hub for ${Math.round(quiet / 1000)} s`, true);
      silenceTimer = clock.setTimeout(check, Math.min(silenceMs - quiet, silenceMs / 3));
    };
    silenceTimer = clock.setTimeout(check, silenceMs / 3);
  }

  function sendCall(ws: WebSocketLike, call: PendingCall): void {
    inflight.set(call.id, call);
    // An answer that never comes (lost with a socket, a hub that hung) must not leave a screen
    // waiting forever: the call fails and the view retries; a late answer is then ignored.
    call.timer = clock.setTimeout(() => {
      if (inflight.get(call.id) !== call) return;
      inflight.delete(call.id);
      call.reject(new RpcError('internal', `The hub did not answer ${call.method} within ${Math.round(answerTimeoutMs / 1000)} s; it may or may not have happened. Try again.`));
    }, answerTimeoutMs);
    trySend(ws, { type: 'call', id: call.id, method: call.method, params: call.params });
  }

  /** Calls on the wire of a socket that is gone: their answers can never arrive. */
  function failInflight(): void {
    for (const call of inflight.values()) {
      clock.clearTimeout(call.timer);
      call.reject(new RpcError('internal', 'The connection to the hub dropped before it answered; the action may or may not have happened.'));
    }
    inflight.clear();
  }

  function shut(ws: WebSocketLike): void {
    clock.clearTimeout(readyTimer);
    clock.clearTimeout(silenceTimer);
    if (ws === socket) socket = null;
    live = false;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close();
    } catch {
      // Closing a socket that never opened may throw in some engines; it is gone either way.
    }
  }

  /** The socket is lost (or given up on): fail what was on the wire, then plan the next attempt. */
  function gone(ws: WebSocketLike, reason: string, closeIt: boolean): void {
    if (ws !== socket) return;
    if (closeIt) shut(ws);
    socket = null;
    live = false;
    clock.clearTimeout(readyTimer);
    clock.clearTimeout(silenceTimer);
    // A call already sent may or may not have run on the hub: failing it is honest, resending is not.
    failInflight();
    retryLater(reason);
  }

  function retryLater(reason: string): void {
    if (stopped || closed) return;
    lostAt ??= clock.now();
    emit({ state: 'reconnecting', since: lostAt, lastError: reason });
    retryTimer = clock.setTimeout(connect, backoffDelay(attempt++, random, opts.minBackoffMs, opts.maxBackoffMs));
  }

  function failAll(err: RpcError): void {
    for (const call of queued.splice(0)) {
      clock.clearTimeout(call.timer);
      call.reject(err);
    }
    for (const call of inflight.values()) {
      clock.clearTimeout(call.timer);
      call.reject(err);
    }
    inflight.clear();
  }

  function ensureConnecting(): void {
    if (!socket && retryTimer === null) connect();
  }

  const transport: WsTransport = {
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]> {
      return new Promise<Results[M]>((resolve, reject) => {
        if (stopped) return reject(new RpcError('unauthorized', 'The hub did not accept this token.'));
        if (closed) return reject(new RpcError('internal', 'This connection was closed.'));
        const call: PendingCall = { id: nextId++, method, params, resolve: resolve as (v: unknown) => void, reject, timer: null };
        if (live && socket) return sendCall(socket, call);
        call.timer = clock.setTimeout(() => {
          const i = queued.indexOf(call);
          if (i >= 0) queued.splice(i, 1);
          reject(new RpcError('internal', `No connection to the hub for ${Math.round(callTimeoutMs / 1000)} s; try again when it is back.`));
        }, callTimeoutMs);
        queued.push(call);
        ensureConnecting();
      });
    },

    subscribe(since, onChange, onState, resume) {
      const sub = { onChange, onState };
      subscriber = sub;
      lastSeq = since;
      feedId = resume?.feedId ?? null;
      // A socket opened earlier (for a call) resumed from another point: start over from `since`.
      // What was sent on it can no longer be answered.
      if (socket) {
        shut(socket);
        failInflight();
      }
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      retryTimer = null;
      lostAt = null;
      attempt = 0;
      connect();
      return () => {
        // One subscriber per transport: leaving it ends the connection (the app makes a new one per sign-in).
        if (subscriber === sub) transport.close();
      };
    },

    onHistoryRestart(listener) {
      restartListeners.add(listener);
      return () => void restartListeners.delete(listener);
    },

    close() {
      if (closed) return;
      closed = true;
      subscriber = null;
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      retryTimer = null;
      failAll(new RpcError('internal', 'This connection was closed.'));
      if (socket) shut(socket);
    },
  };
  return transport;
}
