import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../shared/api.js';
import { startHub, type Hub, type HubOptions } from '../../../electron/hub/start-hub.js';

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function tmpDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'nr-hub-'));
}

export function hubOn(dataDir: string, over: Partial<HubOptions> = {}): Promise<Hub> {
  return startHub({ dataDir, port: 0, log: quietLog, staticDir: join(dataDir, 'no-renderer'), ...over });
}

export async function rpc(hub: { url: string }, method: string, token: string | null, body: unknown = {}) {
  const res = await fetch(`${hub.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A WebSocket client that collects every server message. */
export class WsClient {
  readonly messages: ServerMessage[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  closeCode: number | null = null;

  constructor(url: string, origin?: string) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/ws`, origin ? { origin } : {});
    this.ws.on('message', (d) => this.messages.push(JSON.parse(String(d)) as ServerMessage));
    this.ws.on('close', (code) => (this.closeCode = code));
    this.opened = new Promise((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', fail);
    });
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  async waitFor(pred: (msgs: ServerMessage[]) => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred(this.messages)) {
      if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  changes() {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: 'change' }> => m.type === 'change');
  }

  close(): void {
    this.ws.close();
  }
}
