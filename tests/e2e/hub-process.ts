import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortPair } from '../engine/helpers/free-port.js';

export interface HubProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  tokens: () => Record<string, string>;
}

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'nr-e2e-'));
}

/** A port for a hub, with the next one free for its demo sandbox. */
export const randomPort = freePortPair;

/** Starts the real hub CLI as its own process (so a test can kill -9 it) and waits for /api/health. */
export async function startHubProcess(dataDir: string, port: number, extra: string[] = ['--demo']): Promise<HubProcess> {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', '--data', dataDir, '--port', String(port), ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`hub did not start in 30 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => out,
    tokens: () => JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as Record<string, string>,
  };
}

export async function stopHub(hub: HubProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  const exited = new Promise((r) => hub.child.once('exit', r));
  hub.child.kill(signal);
  await exited;
}

export async function rpc<T = Record<string, unknown>>(hub: { url: string }, method: string, token: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${hub.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  if (!res.ok) throw new Error(`${method} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
