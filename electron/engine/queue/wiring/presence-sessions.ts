import type { UserView } from '../../../../shared/domain.js';
import { roleMay } from '../../../../shared/roles.js';
import type { Session } from '../../team/sessions.js';
import type { QueueActions } from './queue-actions.js';
import type { QueueCore } from './queue-core.js';

/** A dropped connection that comes back within this long (a reload, a network blip) keeps the agent online. */
export const OFFLINE_GRACE_MS = 30_000;

/**
 * An agent whose last connection to the hub closed goes offline after a grace period, so closing
 * the desk (or losing the laptop's network) hands their unstarted conversations back to the team
 * the same way presence.set { status: "offline" } does.
 */
export function trackPresenceSessions(core: QueueCore, actions: QueueActions) {
  const open = new Map<string, number>();
  const timers = new Map<string, unknown>();
  const goneOffline = (user: UserView) => {
    timers.delete(user.name);
    if ((open.get(user.name) ?? 0) > 0) return;
    const p = core.repo.presence().find((x) => x.user === user.name);
    if (!p || p.status === 'offline') return;
    try {
      actions.setPresence(user, { status: 'offline', conversation: null });
    } catch (err) {
      core.log.error('queue: could not set a disconnected agent offline', { user: user.name, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return {
    wrap(session: Session | null): Session | null {
      if (!session || !roleMay(session.user.role, 'agent')) return session;
      const { user } = session;
      open.set(user.name, (open.get(user.name) ?? 0) + 1);
      const pending = timers.get(user.name);
      if (pending !== undefined) {
        core.clock.clearTimeout(pending);
        timers.delete(user.name);
      }
      let closed = false;
      return {
        user,
        get active() {
          return session.active;
        },
        close() {
          session.close();
          if (closed) return;
          closed = true;
          const left = (open.get(user.name) ?? 1) - 1;
          if (left > 0) open.set(user.name, left);
          else {
            open.delete(user.name);
            timers.set(user.name, core.clock.setTimeout(() => goneOffline(user), OFFLINE_GRACE_MS));
          }
        },
      };
    },
    stop() {
      for (const t of timers.values()) core.clock.clearTimeout(t);
      timers.clear();
    },
  };
}
