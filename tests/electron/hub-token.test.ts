import { describe, expect, it } from 'vitest';
import { IPC_HUB_TOKEN_GET, IPC_HUB_TOKEN_SET } from '../../shared/bridge.js';
import { APP_ORIGIN } from '../../electron/main/app-url.js';
import { createHubTokenStore, registerHubToken } from '../../electron/main/hub-token.js';
import { SecretsUnavailableError } from '../../electron/main/secrets.js';
import { createSenderCheck } from '../../electron/main/sender-check.js';
import { fakeContents, fakeEvent, fakeIpcMain } from './fakes.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const OURS = 3;
const senderCheck = createSenderCheck({ origins: new Set([APP_ORIGIN]), isOurWebContents: (id) => id === OURS });

function memorySecrets(failSet = false) {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k: string) => data.get(k) ?? null,
    set: async (k: string, v: string) => {
      if (failSet) throw new SecretsUnavailableError('No Secret Service keyring was found.');
      data.set(k, v);
    },
    delete: async (k: string) => void data.delete(k),
  };
}

describe('hub token in the main process', () => {
  it('keeps one token per hub address in the safeStorage-backed secret store', async () => {
    const secrets = memorySecrets();
    const a = createHubTokenStore(secrets, 'http://10.0.0.5:4780');
    const b = createHubTokenStore(secrets, 'http://10.0.0.6:4780');
    await a.set('nr_a');
    expect(await a.get()).toBe('nr_a');
    expect(await b.get()).toBeNull();
    await a.set(null);
    expect(secrets.data.size).toBe(0);
  });

  it('answers only our own windows, validates the token, and reports a missing keyring instead of throwing', async () => {
    const ipc = fakeIpcMain();
    const secrets = memorySecrets();
    registerHubToken(ipc, senderCheck, createHubTokenStore(secrets, 'http://hub:4780'), quiet);
    const ours = fakeEvent(fakeContents(OURS));
    expect(await ipc.invoke(IPC_HUB_TOKEN_SET, ours, 'nr_x')).toEqual({ ok: true, result: true });
    expect(await ipc.invoke(IPC_HUB_TOKEN_GET, ours)).toEqual({ ok: true, result: 'nr_x' });
    expect(await ipc.invoke(IPC_HUB_TOKEN_GET, fakeEvent(fakeContents(OURS), 'https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.invoke(IPC_HUB_TOKEN_SET, fakeEvent(fakeContents(9)), 'nr_evil')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const bad of [{ toString: 1 }, '', 'x'.repeat(501), 42]) {
      expect(await ipc.invoke(IPC_HUB_TOKEN_SET, ours, bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await ipc.invoke(IPC_HUB_TOKEN_GET, ours)).toEqual({ ok: true, result: 'nr_x' });

    const noKeyring = fakeIpcMain();
    registerHubToken(noKeyring, senderCheck, createHubTokenStore(memorySecrets(true), 'http://hub:4780'), quiet);
    expect(await noKeyring.invoke(IPC_HUB_TOKEN_SET, ours, 'nr_y')).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/keyring/) } });
  });
});
