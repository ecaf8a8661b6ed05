import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../engine-types.js';
import type { Handlers } from './handlers.js';

export interface ClientHandlerDeps {
  clock: Clock;
  log: Logger;
  /** Reports logged per user per window; past it they are counted and dropped. */
  perWindow?: number;
  windowMs?: number;
}

interface Budget {
  windowStart: number;
  used: number;
  dropped: number;
}

/**
 * client.reportError: what a screen caught goes to the host's log with its stack. Rate-limited per
 * user, because one broken wall (or a hundred screens signed in as `wall`) must not flood the log
 * or the disk; what is dropped is counted and said in the next line that gets through.
 */
export function createClientHandlers(d: ClientHandlerDeps): Pick<Handlers, 'client.reportError'> {
  const perWindow = d.perWindow ?? 20;
  const windowMs = d.windowMs ?? 60_000;
  const budgets = new Map<string, Budget>();

  return {
    'client.reportError': (user, p) => {
      const now = d.clock.now();
      let b = budgets.get(user.name);
      if (!b || now - b.windowStart >= windowMs) {
        b = { windowStart: now, used: 0, dropped: b?.dropped ?? 0 };
        budgets.set(user.name, b);
      }
      if (b.used >= perWindow) {
        b.dropped += 1;
        return { logged: false };
      }
      b.used += 1;
      const droppedByHost = b.dropped;
      b.dropped = 0;
      d.log.error('client error', {
        user: user.name,
        role: user.role,
        where: p.where,
        ...(p.panel !== undefined ? { panel: p.panel } : {}),
        message: p.message,
        ...(p.stack !== undefined ? { stack: p.stack } : {}),
        ...(p.route !== undefined ? { route: p.route } : {}),
        ...(p.userAgent !== undefined ? { userAgent: p.userAgent } : {}),
        ...(p.suppressed > 0 ? { suppressedByClient: p.suppressed } : {}),
        ...(droppedByHost > 0 ? { droppedByHost } : {}),
      });
      return { logged: true };
    },
  };
}
