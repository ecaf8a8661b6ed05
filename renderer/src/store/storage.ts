import type { z } from 'zod';

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
