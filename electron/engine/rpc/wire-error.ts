import { RpcError, type RpcErrorBody } from '../../../shared/errors.js';
import type { Logger } from '../engine-types.js';

interface WithCode {
  code?: unknown;
  message?: unknown;
  stack?: unknown;
}

const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * What a failure looks like on the wire, for every transport (HTTP, WebSocket, IPC). An RpcError
 * keeps its code and words. Storage failures say what is wrong and what to do; anything else is
 * logged with its stack and answered as `internal` without internals in the message.
 */
export function toWireError(err: unknown, log: Logger, what = 'The call'): RpcErrorBody {
  if (err instanceof RpcError) return err.toJSON();
  const e = (typeof err === 'object' && err !== null ? err : {}) as WithCode;
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = { error: typeof e.stack === 'string' ? e.stack : String(err) };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code.startsWith('SQLITE_IOERR') && /space|full/i.test(String(e.message)))) {
    log.error(`${what} failed: disk full`, detail);
    return { code: 'internal', message: `${what} could not be saved: the disk is full where Newsroom keeps its data. ${NOTHING_CHANGED} Free some space on that machine and try again.` };
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS') {
    log.error(`${what} failed: data dir not writable`, detail);
    return { code: 'internal', message: `${what} could not be saved: Newsroom may not write its data dir (read-only or permissions). ${NOTHING_CHANGED}` };
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    log.error(`${what} failed: database busy`, detail);
    return { code: 'internal', message: `${what} could not be saved: the data store stayed locked by another process for 5 s. ${NOTHING_CHANGED} Try again.` };
  }
  log.error(`${what} failed`, detail);
  return { code: 'internal', message: `${what} failed on the server; its log has the details.` };
}

/** toWireError as an exception: what the engine's dispatcher throws to every transport. */
export function wireRpcError(err: unknown, log: Logger, what?: string): RpcError {
  if (err instanceof RpcError) return err;
  const body = toWireError(err, log, what);
  return new RpcError(body.code, body.message);
}
