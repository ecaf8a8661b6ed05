import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSafeStorageSecrets, SecretsUnavailableError, type SafeStorageLike } from '../../electron/main/secrets.js';

/** Reversible stand-in for the OS keychain: ciphertext never contains the plaintext. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}): SafeStorageLike & { encrypted: number } {
  const store = {
    encrypted: 0,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    encryptStringAsync: async (s: string) => {
      store.encrypted++;
      return Buffer.from(`enc:${Buffer.from(s, 'utf8').reverse().toString('hex')}`);
    },
    decryptStringAsync: async (b: Buffer) => {
      const hex = b.toString().replace(/^enc:/, '');
      return { result: Buffer.from(hex, 'hex').reverse().toString('utf8'), shouldReEncrypt: opts.reEncrypt ?? false };
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
  return store;
}

const file = () => join(mkdtempSync(join(tmpdir(), 'nr-secrets-')), 'secrets.json');

describe('safeStorage secrets', () => {
  it('round-trips values and keeps only ciphertext on disk, mode 0600', async () => {
    const path = file();
    const secrets = createSafeStorageSecrets(path, fakeSafeStorage(), 'linux');
    await secrets.set('source:1:token', 'super-secret-token');
    expect(await secrets.get('source:1:token')).toBe('super-secret-token');
    expect(await secrets.get('missing')).toBeNull();
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('super-secret-token');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    await secrets.delete('source:1:token');
    expect(await secrets.get('source:1:token')).toBeNull();
  });

  it('refuses to store anything when encryption is unavailable, explaining why', async () => {
    const path = file();
    const secrets = createSafeStorageSecrets(path, fakeSafeStorage({ available: false }), 'darwin');
    const attempt = secrets.set('k', 'v');
    await expect(attempt).rejects.toBeInstanceOf(SecretsUnavailableError);
    await expect(secrets.set('k', 'v')).rejects.toThrow(/unavailable[\s\S]*not store platform tokens in plain text/);
    expect(() => readFileSync(path)).toThrow();
    // Reading and deleting need no keychain.
    expect(await secrets.get('k')).toBeNull();
    await secrets.delete('k');
  });

  it("refuses Linux's basic_text backend (a hard-coded key)", async () => {
    const secrets = createSafeStorageSecrets(file(), fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    await expect(secrets.set('k', 'v')).rejects.toThrow(/basic_text/);
    await expect(secrets.set('k', 'v')).rejects.toMatchObject({ code: 'internal' });
  });

  it('re-encrypts a value when the OS asks for it', async () => {
    const path = file();
    const storage = fakeSafeStorage({ reEncrypt: true });
    const secrets = createSafeStorageSecrets(path, storage, 'win32');
    await secrets.set('k', 'v');
    const before = storage.encrypted;
    expect(await secrets.get('k')).toBe('v');
    expect(storage.encrypted).toBe(before + 1);
  });

  it('serializes concurrent writes (no lost update)', async () => {
    const secrets = createSafeStorageSecrets(file(), fakeSafeStorage(), 'linux');
    await Promise.all(Array.from({ length: 20 }, (_, i) => secrets.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await secrets.get(`k${i}`)).toBe(`v${i}`);
  });

  it('treats keys like __proto__ as plain entries', async () => {
    const secrets = createSafeStorageSecrets(file(), fakeSafeStorage(), 'linux');
    await secrets.set('__proto__', 'x');
    expect(await secrets.get('__proto__')).toBe('x');
    expect(await secrets.get('toString')).toBeNull();
  });

  it('refuses a file that is not a secrets file instead of overwriting it', async () => {
    const path = file();
    writeFileSync(path, '{"something":"else"}');
    const secrets = createSafeStorageSecrets(path, fakeSafeStorage(), 'linux');
    await expect(secrets.set('k', 'v')).rejects.toThrow(/not a Newsroom secrets file/);
    expect(readFileSync(path, 'utf8')).toBe('{"something":"else"}');
  });
});
