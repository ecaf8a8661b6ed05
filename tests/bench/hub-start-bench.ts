import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortPair } from '../engine/helpers/free-port.js';

async function timeToHealthy(args: string[], port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', '--port', String(port), ...args], { stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return performance.now() - t0;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Process spawn → /api/health answers, for an empty data dir and for a restart on it. */
export async function benchHubStart() {
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-hub-'));
  const port = await freePortPair();
  const firstMs = await timeToHealthy(['--data', dir, '--demo'], port);
  const restartMs = await timeToHealthy(['--data', dir, '--demo'], port);
  return { firstStartMs: Math.round(firstMs), restartMs: Math.round(restartMs), note: 'spawn of node+tsx → /api/health 200, demo mode (includes the sandbox)' };
}
