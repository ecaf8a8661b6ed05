import { z } from 'zod';

/**
 * client.reportError: a screen tells the host about an error it caught (a panel that restarted, the
 * whole page failing), so a team running a hub sees it in the hub's log. The caps keep one report
 * small; the renderer cuts to them before sending, the host refuses anything longer.
 */
export const CLIENT_ERROR_LIMITS = {
  message: 1_000,
  stack: 8_000,
  panel: 100,
  route: 300,
  userAgent: 300,
} as const;

export const CLIENT_ERROR_WHERE = ['panel', 'app', 'window', 'promise', 'replica'] as const;
export type ClientErrorWhere = (typeof CLIENT_ERROR_WHERE)[number];

export const clientErrorParams = z.strictObject({
  /** What caught it: a panel's boundary, the app's last-resort boundary, a window error/rejection, or the local replica's sync (which recovers by itself, but a team should know). */
  where: z.enum(CLIENT_ERROR_WHERE),
  message: z.string().max(CLIENT_ERROR_LIMITS.message),
  stack: z.string().max(CLIENT_ERROR_LIMITS.stack).optional(),
  /** The panel that restarted ("column:all", "header:clock"), when a panel's boundary caught it. */
  panel: z.string().max(CLIENT_ERROR_LIMITS.panel).optional(),
  /** The screen's route without secrets ("#/wall?name=lobby"). */
  route: z.string().max(CLIENT_ERROR_LIMITS.route).optional(),
  userAgent: z.string().max(CLIENT_ERROR_LIMITS.userAgent).optional(),
  /** Reports this screen held back (its own rate limit) since the last one it sent. */
  suppressed: z.int().min(0).max(1_000_000).default(0),
});

export type ClientErrorReport = z.input<typeof clientErrorParams>;

/** `logged` is false when the host's per-user rate limit dropped the report (it counts what it drops). */
export interface ClientErrorResult {
  logged: boolean;
}
