import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../../shared/api';
import type { UserView } from '../../../shared/domain';
import type { AppState } from './app-store';
import type { KeyValueStorage } from './storage';

export const TOKEN_KEY = 'newsroom.token';
export const REJECTED_TOKEN = 'That token was not accepted by the hub — check tokens.json (or admin.token in the data dir).';

export interface SessionSlice {
  /** The hub token, remembered so a wall comes back by itself after a reboot. */
  token: string | null;
  user: UserView | null;
  connection: ConnectionState;
  /** Why the last sign-in failed; shown on the sign-in page. */
  authError: string | null;
  signIn(token: string): boolean;
  signOut(): void;
  setConnection(s: ConnectionState): void;
}

export const createSessionSlice =
  (storage: KeyValueStorage): StateCreator<AppState, [], [], SessionSlice> =>
  (set) => ({
    token: storage.getItem(TOKEN_KEY) || null,
    user: null,
    connection: { state: 'connecting' },
    authError: null,

    signIn(raw) {
      // Pasting from a terminal or JSON file brings quotes and whitespace along.
      const token = raw.trim().replace(/^["']|["']$/g, '');
      if (!token) {
        set({ authError: 'Paste a token first.' });
        return false;
      }
      storage.setItem(TOKEN_KEY, token);
      set({ token, authError: null, user: null, connection: { state: 'connecting' } });
      return true;
    },

    signOut() {
      storage.removeItem(TOKEN_KEY);
      // The next person at this screen must not see what the last one's freeze answered.
      set({ token: null, user: null, authError: null, connection: { state: 'connecting' }, freezeOutcome: null });
    },

    setConnection(connection) {
      if (connection.state === 'unauthorized') {
        // A rejected token stays rejected: forget it so the wall doesn't knock with it forever.
        storage.removeItem(TOKEN_KEY);
        set({ connection, token: null, user: null, authError: REJECTED_TOKEN });
      } else if (connection.state === 'live') {
        set({ connection, user: connection.user, authError: null });
      } else {
        set({ connection });
      }
    },
  });
