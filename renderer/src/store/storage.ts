import type { z } from 'zod';
import type { NewsroomBridge } from '../../../shared/bridge';

/** Where a browser on the hub remembers its hub token (localStorage). */
export const TOKEN_KEY = 'newsroom.token';

/** The part of localStorage the store uses; tests pass an in-memory one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function openLocalStorage(): Storage | null {
  try {
    // Merely touching localStorage throws where storage is disabled.
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * localStorage when the page may use it. Private windows and full quotas throw on access or write;
 * a wall must keep running then, just without remembering, so failures fall back to memory.
 */
export function browserStorage(): KeyValueStorage {
  const fallback = memoryStorage();
  const real = openLocalStorage();
  if (!real) return fallback;
  return {
    getItem: (k) => {
      try {
        return real.getItem(k) ?? fallback.getItem(k);
      } catch {
        return fallback.getItem(k);
      }
    },
    setItem: (k, v) => {
      try {
        real.setItem(k, v);
      } catch {
        fallback.setItem(k, v);
      }
    },
    removeItem: (k) => {
      fallback.removeItem(k);
      try {
        real.removeItem(k);
      } catch {
        // Nothing to do: the value is gone from memory, which is what this session reads.
      }
    },
  };
}

/** A stored JSON value that still fits its schema, or null (missing, corrupted, or from an older build). */
export function readJson<T>(storage: KeyValueStorage, key: string, schema: z.ZodType<T>): T | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  storage.setItem(key, JSON.stringify(value));
}

/** Where the hub token is remembered between starts. */
export interface TokenStore {
  /** The remembered token: at once (page storage) or once the desktop app's main process answers. */
  load(): string | null | Promise<string | null>;
  /** Remember a token, or forget it (null). Never throws: a token that cannot be kept lasts this session. */
  save(token: string | null): void;
}

/** A browser on the hub: the page's own storage is all there is. */
export function storageTokenStore(storage: KeyValueStorage): TokenStore {
  return {
    load: () => storage.getItem(TOKEN_KEY) || null,
    save: (token) => (token === null ? storage.removeItem(TOKEN_KEY) : storage.setItem(TOKEN_KEY, token)),
  };
}

/**
 * The desktop app in --hub mode: the main process keeps the token encrypted with safeStorage, like
 * platform tokens, so it is never in the page's storage (readable by any script in the page and by
 * anyone copying the profile). A token an older build left in localStorage is moved there once.
 */
export function bridgeTokenStore(bridge: Pick<NewsroomBridge, 'hubToken'>, legacy: KeyValueStorage): TokenStore {
  const keep = (token: string | null) =>
    bridge.hubToken.set(token).then(
      (reply) => {
        if (!reply.ok) console.warn(`[newsroom] the hub token is kept for this session only: ${reply.error.message}`);
      },
      (e: unknown) => console.warn('[newsroom] the hub token is kept for this session only', e),
    );
  return {
    async load() {
      const old = legacy.getItem(TOKEN_KEY);
      if (old) {
        legacy.removeItem(TOKEN_KEY);
        await keep(old);
        return old;
      }
      const reply = await bridge.hubToken.get();
      if (!reply.ok) console.warn(`[newsroom] could not read the remembered hub token: ${reply.error.message}`);
      return reply.ok ? reply.result : null;
    },
    save: (token) => void keep(token),
  };
}

/** The token store for this window: the main process when the desktop app talks to a hub, else the page. */
export function tokenStoreFor(bridge: NewsroomBridge | undefined, storage: KeyValueStorage): TokenStore {
  return bridge?.config.mode === 'hub' && bridge.hubToken ? bridgeTokenStore(bridge, storage) : storageTokenStore(storage);
}
