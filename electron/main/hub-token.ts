import { IPC_HUB_TOKEN_GET, IPC_HUB_TOKEN_SET, type BridgeReply } from '../../shared/bridge.js';
import type { Logger, SecretStore } from '../engine/index.js';
import { errorReply, fail } from './ipc.js';
import type { IpcMainLike, SenderCheck } from './ipc-types.js';

const MAX_TOKEN = 500;

/**
 * A desk in --hub mode remembers its hub token the way it keeps platform tokens: encrypted with
 * safeStorage by the main process (createSafeStorageSecrets), never in the page's localStorage,
 * where any script running in the page, or anyone copying the profile, could read it. One token
 * per hub address.
 */
export interface HubTokenStore {
  get(): Promise<string | null>;
  set(token: string | null): Promise<void>;
}

export function createHubTokenStore(secrets: SecretStore, hubUrl: string): HubTokenStore {
  const key = `hub-token:${hubUrl}`;
  return {
    get: () => secrets.get(key),
    set: (token) => (token === null ? secrets.delete(key) : secrets.set(key, token)),
  };
}

/** `hub-token:get` / `hub-token:set` for our own windows only. */
export function registerHubToken(ipcMain: IpcMainLike, allowedSender: SenderCheck, store: HubTokenStore, log: Logger): () => void {
  const refused = fail('forbidden', 'This message did not come from a Newsroom window.');
  ipcMain.handle(IPC_HUB_TOKEN_GET, async (event): Promise<BridgeReply<string | null>> => {
    if (!allowedSender(event)) return refused;
    try {
      return { ok: true, result: await store.get() };
    } catch (err) {
      return errorReply(err, 'Reading the remembered hub token', log);
    }
  });
  ipcMain.handle(IPC_HUB_TOKEN_SET, async (event, token): Promise<BridgeReply<true>> => {
    if (!allowedSender(event)) return refused;
    if (token !== null && !(typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN)) {
      return fail('invalid_input', `A hub token is a string of 1 to ${MAX_TOKEN} characters, or null to forget it.`);
    }
    try {
      await store.set(token);
      return { ok: true, result: true };
    } catch (err) {
      return errorReply(err, 'Remembering the hub token', log);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_HUB_TOKEN_GET);
    ipcMain.removeHandler(IPC_HUB_TOKEN_SET);
  };
}
