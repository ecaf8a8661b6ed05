import { IPC_OPEN_EXTERNAL, IPC_RPC_PREFIX, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE, type BridgeReply } from '../../shared/bridge.js';
import type { UserView } from '../../shared/domain.js';
import type { ErrorCode } from '../../shared/errors.js';
import { isMethodName, METHOD_NAMES } from '../../shared/method-names.js';
import { toWireError, type Engine, type Logger } from '../engine/index.js';
import { createChangeStreams, type FeedSource } from './change-stream.js';
import type { IpcEventLike, IpcMainLike, SenderCheck } from './ipc-types.js';
import { paramsProblem, parseSubscribe, parseUnsubscribe } from './ipc-validate.js';

/** One channel per contract method, so nothing but the contract can be invoked. */
export const RPC_CHANNELS: readonly string[] = METHOD_NAMES.map((m) => `${IPC_RPC_PREFIX}${m}`);

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function fail(code: ErrorCode, message: string): BridgeReply<never> {
  return { ok: false, error: { code, message } };
}

const REFUSED = fail('forbidden', 'This message did not come from a Newsroom window.');

function describeSender(event: IpcEventLike): Record<string, unknown> {
  try {
    return { webContents: event.sender.id, url: event.senderFrame?.url ?? null };
  } catch {
    return { webContents: null };
  }
}

/** An engine failure as a reply, mapped the way every transport maps it (engine toWireError). */
export function errorReply(err: unknown, what: string, log: Logger): BridgeReply<never> {
  return { ok: false, error: toWireError(err, log, what) };
}

export type RpcHandler = (method: string, event: IpcEventLike, params: unknown) => Promise<BridgeReply<unknown>>;

/**
 * The checks every call goes through, in order: sender, method, params shape, user, then the
 * engine (which validates the params against the schemas and enforces the role). It never throws:
 * an exception thrown across ipcMain.handle reaches the renderer as a mangled Error string.
 */
export function createRpcHandler(
  engine: Pick<Engine, 'call'>,
  getUser: (event: IpcEventLike) => UserView | null,
  allowedSender: SenderCheck,
  log: Logger = silent,
): RpcHandler {
  return async (method, event, params) => {
    if (!allowedSender(event)) {
      log.warn('IPC call refused: foreign sender', { method, ...describeSender(event) });
      return REFUSED;
    }
    if (!isMethodName(method)) return fail('not_found', `Unknown method "${method}".`);
    const problem = paramsProblem(params);
    if (problem) return fail('invalid_input', `Invalid params for ${method}: ${problem}`);
    const user = getUser(event);
    if (!user) return fail('unauthorized', 'No user is signed in to this window.');
    try {
      const result = await engine.call(user, method, params);
      return { ok: true, result };
    } catch (err) {
      return errorReply(err, method, log);
    }
  };
}

/**
 * Registers `rpc:<method>` for every contract method plus the change stream. Returns a function
 * that removes the handlers and ends every stream (app shutdown).
 */
export function registerRpc(
  ipcMain: IpcMainLike,
  engine: Pick<Engine, 'call'> & FeedSource,
  getUser: (event: IpcEventLike) => UserView | null,
  allowedSender: SenderCheck,
  log: Logger = silent,
): () => void {
  const call = createRpcHandler(engine, getUser, allowedSender, log);
  const streams = createChangeStreams(engine);
  for (const channel of RPC_CHANNELS) {
    const method = channel.slice(IPC_RPC_PREFIX.length);
    ipcMain.handle(channel, (event, params) => call(method, event, params));
  }
  ipcMain.handle(IPC_SUBSCRIBE, (event, payload) => {
    if (!allowedSender(event)) {
      log.warn('IPC subscribe refused: foreign sender', describeSender(event));
      return REFUSED;
    }
    const req = parseSubscribe(payload);
    if (!req.ok) return fail('invalid_input', req.message);
    const user = getUser(event);
    if (!user) return fail('unauthorized', 'No user is signed in to this window.');
    try {
      streams.subscribe(event.sender, req.value.page, req.value.id, req.value.since, user, req.value.feedId);
      return { ok: true, result: true };
    } catch (err) {
      return errorReply(err, 'Subscribing to changes', log);
    }
  });
  ipcMain.handle(IPC_UNSUBSCRIBE, (event, payload) => {
    if (!allowedSender(event)) return REFUSED;
    const req = parseUnsubscribe(payload);
    if (!req.ok) return fail('invalid_input', req.message);
    return { ok: true, result: streams.unsubscribe(event.sender.id, req.value.page, req.value.id) };
  });
  return () => {
    for (const channel of [...RPC_CHANNELS, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE]) ipcMain.removeHandler(channel);
    streams.dropAll();
  };
}

/**
 * Hub mode: the renderer talks to the hub over WebSocket, and this process has no engine. The
 * channels still answer (with a clear error) so a stray IPC call does not hang or reject oddly.
 */
export function registerUnavailableRpc(ipcMain: IpcMainLike, allowedSender: SenderCheck, message: string): () => void {
  const channels = [...RPC_CHANNELS, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE];
  for (const channel of channels) {
    ipcMain.handle(channel, (event) => (allowedSender(event) ? fail('not_found', message) : REFUSED));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** `shell:open-external`: the only way a page reaches the OS, and only for http(s) links. */
export function registerOpenExternal(
  ipcMain: IpcMainLike,
  allowedSender: SenderCheck,
  openExternal: (url: unknown) => Promise<void>,
  log: Logger = silent,
): () => void {
  ipcMain.handle(IPC_OPEN_EXTERNAL, async (event, url): Promise<BridgeReply<true>> => {
    if (!allowedSender(event)) {
      log.warn('IPC open-external refused: foreign sender', describeSender(event));
      return REFUSED;
    }
    try {
      await openExternal(url);
      return { ok: true, result: true };
    } catch (err) {
      return errorReply(err, 'Opening the link', log);
    }
  });
  return () => ipcMain.removeHandler(IPC_OPEN_EXTERNAL);
}
