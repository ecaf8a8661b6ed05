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
 * data_version, which changes when another connection commits). The check runs only while the
 * engine runs and someone is connected.
 */
export class SessionRegistry {
  private readonly entries = new Set<Entry>();
  private dataVersion = -1;
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  open(token: string, onEnd: (reason: string) => void): Session | null {
    if (!token || token.length > 200) return null;
    const tokenHash = hashToken(token);
    // The baseline is read before the token is checked: a change committed after it is seen by the next check.
    if (this.entries.size === 0) this.dataVersion = this.version();
    const user = this.store.users.byTokenHash(tokenHash);
    if (!user) return null;
    const entry: Entry = { user, tokenHash, active: true, onEnd };
    this.entries.add(entry);
    this.schedule();
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
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private version(): number {
    return this.store.db.pragma('data_version', { simple: true }) as number;
  }

  private readonly check = () => {
    this.timer = null;
    if (!this.store.db.open || this.entries.size === 0) return;
    const version = this.version();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.revalidate();
    }
    this.schedule();
  };

  /** The check is armed only while the engine runs and someone is connected. */
  private schedule(): void {
    if (this.running && this.timer === null && this.entries.size > 0) this.timer = this.clock.setTimeout(this.check, REVALIDATE_MS);
  }
}
