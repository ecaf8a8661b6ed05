import { connect } from 'node:net';

/**
 * Writes bytes to the hub as they are, without an HTTP client tidying them up, and returns
 * whatever comes back before the connection closes (or `timeoutMs` passes). A reset is an answer
 * too: it is recorded, never thrown, so a fuzz batch carries on to the health check.
 */
export function rawRequest(port: number, payload: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (suffix = '') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1') + suffix);
    };
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(payload, () => undefined);
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e: NodeJS.ErrnoException) => finish(`\n[${e.code ?? e.message}]`));
    const timer = setTimeout(() => finish('\n[timeout]'), timeoutMs);
  });
}

/** The status code of a raw response, or null when there was none. */
export function statusOf(response: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

export const WS_UPGRADE_HEADERS = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
