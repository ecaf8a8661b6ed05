import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Role } from '../../../shared/roles';
import { createCrisisSlice, type CrisisSlice } from './crisis-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { browserStorage, type KeyValueStorage } from './storage';
import { createUiSlice, type UiSlice } from './ui-slice';

/** UI and session state only: items and sources live in the Dexie replica, read through the hooks in db/ (useLiveRead). */
export type AppState = SessionSlice & UiSlice & CrisisSlice;

export function createAppStore(storage: KeyValueStorage) {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(storage)(...a),
    ...createUiSlice(storage)(...a),
    ...createCrisisSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore = createAppStore(browserStorage());

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

/** The signed-in role, or null until the engine has said who we are. */
export function useRole(): Role | null {
  return useApp((s) => s.user?.role ?? null);
}
