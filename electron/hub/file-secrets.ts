import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../engine/index.js';

/**
 * The hub's secret store: a JSON file readable by the hub's user only (0600). A desk uses
 * Electron's safeStorage instead; a hub is headless and has no keychain to lean on.
 */
export function createFileSecrets(path: string): SecretStore {
  const read = (): Record<string, string> => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {});
  const write = (data: Record<string, string>) => {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    // `mode` applies only to a new file: a tmp file left by a crash keeps its old mode otherwise.
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  };
  return {
    async get(key) {
      return read()[key] ?? null;
    },
    async set(key, value) {
      write({ ...read(), [key]: value });
    },
    async delete(key) {
      const data = read();
      delete data[key];
      write(data);
    },
  };
}
