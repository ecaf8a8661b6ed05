import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../shared/roles';
import { createCrisisSlice, type CrisisSlice } from './crisis-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { browserStorage, storageTokenStore, tokenStoreFor, type KeyValueStorage, type TokenStore } from './storage';
import { createUiSlice, type UiSlice } from './ui-slice';

/** UI and session state only: items and sources live in the Dexie replica, read through the hooks in db/ (useLiveRead). */
export type AppState = SessionSlice & UiSlice & CrisisSlice;

/** `tokens`: where the hub token is remembered (the page storage unless the desktop app keeps it). */
export function createAppStore(storage: KeyValueStorage, tokens: TokenStore = storageTokenStore(storage)) {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(tokens)(...a),
    ...createUiSlice(storage)(...a),
    ...createCrisisSlice(...a),
  }));
}

const pageStorage = browserStorage();
export const appStore = createAppStore(pageStorage, tokenStoreFor(typeof window === 'undefined' ? undefined : window.newsroom, pageStorage));

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

/** The signed-in role, or null until the engine has said who we are. */
export function useRole(): Role | null {
  return useApp((s) => s.user?.role ?? null);
}
