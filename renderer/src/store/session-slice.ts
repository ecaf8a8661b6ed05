import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../../shared/api';
import type { UserView } from '../../../shared/domain';
import { REVOKED_MESSAGE } from '../../../shared/errors';
import type { AppState } from './app-store';
import type { TokenStore } from './storage';

export { TOKEN_KEY } from './storage';
export const REJECTED_TOKEN = 'That token was not accepted by the hub — check tokens.json (or admin.token in the data dir).';

export interface SessionSlice {
  /** The hub token, remembered so a wall comes back by itself after a reboot. */
  token: string | null;
  /** False until the remembered token has been read (the desktop app asks its main process). */
  tokenLoaded: boolean;
  user: UserView | null;
  connection: ConnectionState;
  /** Why the last sign-in failed; shown on the sign-in page. */
  authError: string | null;
  signIn(token: string): boolean;
  signOut(): void;
  setConnection(s: ConnectionState): void;
}

export const createSessionSlice =
  (tokens: TokenStore): StateCreator<AppState, [], [], SessionSlice> =>
  (set) => {
    const remembered = tokens.load();
    /** A sign-in or sign-out before the remembered token arrived wins over it. */
    let decided = false;
    if (remembered instanceof Promise) {
      remembered.then(
        (token) => {
          if (!decided) set({ token: token || null, tokenLoaded: true });
        },
        () => {
          if (!decided) set({ tokenLoaded: true });
        },
      );
    }
    return {
      token: remembered instanceof Promise ? null : remembered,
      tokenLoaded: !(remembered instanceof Promise),
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
        decided = true;
        tokens.save(token);
        set({ token, tokenLoaded: true, authError: null, user: null, connection: { state: 'connecting' } });
        return true;
      },

      signOut() {
        decided = true;
        tokens.save(null);
        // The next person at this screen must not see what the last one's freeze answered.
        set({ token: null, tokenLoaded: true, user: null, authError: null, connection: { state: 'connecting' }, freezeOutcome: null });
      },

      setConnection(connection) {
        if (connection.state === 'unauthorized') {
          // A rejected token stays rejected: forget it so the wall doesn't knock with it forever.
          decided = true;
          tokens.save(null);
          set({ connection, token: null, tokenLoaded: true, user: null, authError: connection.message === REVOKED_MESSAGE ? REVOKED_MESSAGE : REJECTED_TOKEN });
        } else if (connection.state === 'live') {
          set({ connection, user: connection.user, authError: null });
        } else {
          set({ connection });
        }
      },
    };
  };
