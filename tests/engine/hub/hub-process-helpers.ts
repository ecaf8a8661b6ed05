import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from '../../e2e/hub-process.js';

export { stopHub, type HubProcess };

/** A real hub CLI process (no demo) on a free port: the only honest way to see whether input ends it. */
export async function childHub(extra: string[] = []): Promise<HubProcess & { admin: string }> {
  const dir = freshDataDir();
  const hub = await startHubProcess(dir, await randomPort(), extra);
  return { ...hub, admin: readFileSync(join(dir, 'admin.token'), 'utf8').trim() };
}

/** The process still runs and still answers /api/health. */
export async function expectAlive(hub: HubProcess): Promise<void> {
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) {
    throw new Error(`the hub exited (${hub.child.exitCode ?? hub.child.signalCode}):\n${hub.output().slice(-3000)}`);
  }
  const res = await fetch(`${hub.url}/api/health`);
  if (!res.ok) throw new Error(`/api/health answered ${res.status}`);
  const body = (await res.json()) as { ok?: unknown };
  if (body.ok !== true) throw new Error(`/api/health said ${JSON.stringify(body)}`);
}

/** Opens /api/ws, sends raw frames, and collects what comes back until the hub closes or `ms` pass. */
export async function wsExchange(url: string, frames: Array<string | Buffer>, ms = 500): Promise<{ messages: string[]; closeCode: number | null }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/ws`);
  const messages: string[] = [];
  let closeCode: number | null = null;
  ws.on('message', (d) => messages.push(String(d)));
  const closed = new Promise<void>((ok) =>
    ws.on('close', (code) => {
      closeCode = code;
      ok();
    }),
  );
  ws.on('error', () => undefined);
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  for (const f of frames) ws.send(f, { binary: typeof f !== 'string' });
  await Promise.race([closed, new Promise((r) => setTimeout(r, ms))]);
  ws.terminate();
  return { messages, closeCode };
}
