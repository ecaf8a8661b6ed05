import type { Clock } from '../../../shared/clock.js';
import type { UserView } from '../../../shared/domain.js';
import { REVOKED_MESSAGE } from '../../../shared/errors.js';
import type { Store } from '../store/store.js';
import { hashToken } from './tokens.js';

export { REVOKED_MESSAGE };

/** A long-lived connection's sign-in (a WebSocket). It ends at once when its token stops being valid. */
export interface Session {
  readonly user: UserView;
  /** False once the token was revoked or rotated (or the session was closed). */
  readonly active: boolean;
  /** The transport closed: forget the session. */
  close(): void;
}

interface Entry {
  user: UserView;
  tokenHash: string;
  active: boolean;
  onEnd: (reason: string) => void;
}

/** How often the users table is checked for changes made by another process (`hub user rotate`). */
export const REVALIDATE_MS = 250;

/**
 * Open sessions, so a revoked or rotated token ends every connection opened with it: at once for
 * users.* calls, within REVALIDATE_MS for the CLI (another process: seen through SQLite's
 * data_version, which changes when another connection commits).
 */
export class SessionRegistry {
  private readonly entries = new Set<Entry>();
  private dataVersion = -1;
  private timer: unknown = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  open(token: string, onEnd: (reason: string) => void): Session | null {
    if (!token || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const user = this.store.users.byTokenHash(tokenHash);
    if (!user) return null;
    const entry: Entry = { user, tokenHash, active: true, onEnd };
    this.entries.add(entry);
    return {
      user,
      get active() {
        return entry.active;
      },
      close: () => {
        entry.active = false;
        this.entries.delete(entry);
      },
    };
  }

  count(): number {
    return this.entries.size;
  }

  /** Ends every session whose token no longer belongs to the same user with the same role. */
  revalidate(): void {
    for (const e of [...this.entries]) {
      const now = this.store.users.byTokenHash(e.tokenHash);
      if (now && now.name === e.user.name && now.role === e.user.role) continue;
      e.active = false;
      this.entries.delete(e);
      try {
        e.onEnd(REVOKED_MESSAGE);
      } catch {
        // A transport that fails to close is gone anyway.
      }
    }
  }

  start(): void {
    if (this.timer !== null) return;
    const tick = () => {
      this.timer = this.clock.setTimeout(tick, REVALIDATE_MS);
      if (!this.store.db.open) return;
      const version = this.store.db.pragma('data_version', { simple: true }) as number;
      if (version === this.dataVersion) return;
      this.dataVersion = version;
      if (this.entries.size > 0) this.revalidate();
    };
    tick();
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
