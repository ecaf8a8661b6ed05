import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RpcError } from '../../shared/errors.js';
import type { SecretStore } from '../engine/index.js';

/** The part of Electron's safeStorage used here (the async API; the sync one is deprecated in 45). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which keyring backs the key. */
  getSelectedStorageBackend?(): string;
}

/**
 * Raised instead of ever writing a token in plain text. An RpcError so the engine passes the
 * explanation through to the person who tried to save the token (a bare Error would become
 * "failed on the server").
 */
export class SecretsUnavailableError extends RpcError {
  constructor(message: string) {
    super('internal', message);
    this.name = 'SecretsUnavailableError';
  }
}

interface SecretsFile {
  version: 1;
  /** key → base64 of safeStorage ciphertext. */
  secrets: Record<string, string>;
}

const FALLBACK =
  'Newsroom does not store platform tokens in plain text. Either make an OS keyring available, or run a hub ' +
  '(npm run hub), which keeps tokens in a file only its user can read, and connect with --hub.';

/** Why encryption cannot be trusted right now, or null when it can. */
export async function encryptionProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Promise<string | null> {
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
    const backend = safeStorage.getSelectedStorageBackend();
    // basic_text encrypts with a password hard-coded in Chromium: plain text with extra steps.
    if (backend === 'basic_text') {
      return `No Secret Service keyring was found (Electron's safeStorage fell back to "basic_text", a built-in key anyone can read). Install and unlock GNOME Keyring or KWallet, or start with --password-store=gnome-libsecret. ${FALLBACK}`;
    }
    if (backend === 'unknown') return `The OS keyring is not ready yet (the app has not finished starting). ${FALLBACK}`;
  }
  let available: boolean;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return `Electron's safeStorage reports that OS encryption (Keychain, DPAPI or a Secret Service keyring) is unavailable. ${FALLBACK}`;
  return null;
}

/**
 * A SecretStore for the desktop app: values are encrypted with safeStorage (OS keychain-backed)
 * and kept, as ciphertext, in a JSON file readable only by the user (0600). Reads of missing keys
 * and deletes work without a keyring; storing a value without one is refused with the reason.
 */
export function createSafeStorageSecrets(path: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  // Writes are serialized: set() is read-modify-write and callers do not await each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<SecretsFile> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: Object.create(null) as Record<string, string> };
      throw err;
    }
    const data = JSON.parse(text) as Partial<SecretsFile>;
    if (data.version !== 1 || typeof data.secrets !== 'object' || data.secrets === null) {
      throw new Error(`${path} is not a Newsroom secrets file.`);
    }
    // Null prototype: a key such as "__proto__" stays an ordinary entry.
    return { version: 1, secrets: Object.assign(Object.create(null) as Record<string, string>, data.secrets) };
  };

  const save = async (data: SecretsFile): Promise<void> => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    // mode only applies to a new file; a leftover tmp file keeps its old mode otherwise.
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  };

  const encrypt = async (key: string, value: string): Promise<string> => {
    const problem = await encryptionProblem(safeStorage, platform);
    if (problem) throw new SecretsUnavailableError(`Cannot store the secret "${key}": ${problem}`);
    return (await safeStorage.encryptStringAsync(value)).toString('base64');
  };

  return {
    get: (key) =>
      serial(async () => {
        const data = await load();
        const stored = Object.hasOwn(data.secrets, key) ? data.secrets[key] : undefined;
        if (stored === undefined) return null;
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
        if (shouldReEncrypt) {
          // The OS rotated the key: store the value under the new one so old keys can go.
          data.secrets[key] = await encrypt(key, result);
          await save(data);
        }
        return result;
      }),
    set: (key, value) =>
      serial(async () => {
        const data = await load();
        data.secrets[key] = await encrypt(key, value);
        await save(data);
      }),
    delete: (key) =>
      serial(async () => {
        const data = await load();
        if (!Object.hasOwn(data.secrets, key)) return;
        delete data.secrets[key];
        await save(data);
      }),
  };
}
