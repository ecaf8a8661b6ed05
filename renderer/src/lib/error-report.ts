import { CLIENT_ERROR_LIMITS, type ClientErrorReport, type ClientErrorWhere } from '../../../shared/client-errors';

/** Sends one report to the host (client.reportError); set by the app once it has a connection. */
export type ErrorSink = (report: ClientErrorReport) => Promise<unknown>;

export interface ErrorReporterOptions {
  now?: () => number;
  /** Reports sent per window; the rest are counted and the count rides on the next one sent. */
  perWindow?: number;
  windowMs?: number;
  /** The same error (where + panel + message) is sent once per this long. */
  repeatMs?: number;
  /** Reports kept while there is no connection yet (the oldest go first). */
  queueMax?: number;
  route?: () => string | undefined;
  userAgent?: () => string | undefined;
}

export interface ErrorContext {
  where: ClientErrorWhere;
  panel?: string;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function describe(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message || err.name, ...(err.stack ? { stack: err.stack } : {}) };
  try {
    return { message: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err) };
  } catch {
    return { message: String(err) };
  }
}

/**
 * Errors a screen caught, on their way to the host's log. Rate-limited here as well as on the host:
 * a panel failing on every render at 40 posts a second must not turn into 40 requests a second.
 */
export class ErrorReporter {
  private sink: ErrorSink | null = null;
  private queue: ClientErrorReport[] = [];
  private windowStart = -Infinity;
  private sentInWindow = 0;
  private suppressed = 0;
  private lastSeen = new Map<string, number>();
  private readonly o: Required<ErrorReporterOptions>;

  constructor(opts: ErrorReporterOptions = {}) {
    this.o = {
      now: opts.now ?? Date.now,
      perWindow: opts.perWindow ?? 10,
      windowMs: opts.windowMs ?? 60_000,
      repeatMs: opts.repeatMs ?? 5 * 60_000,
      queueMax: opts.queueMax ?? 5,
      route: opts.route ?? (() => undefined),
      userAgent: opts.userAgent ?? (() => undefined),
    };
  }

  /** Where reports go from now on; what waited for a connection is sent first. Returns an unset. */
  setSink(sink: ErrorSink): () => void {
    this.sink = sink;
    const waiting = this.queue.splice(0);
    for (const r of waiting) this.send(r);
    return () => {
      if (this.sink === sink) this.sink = null;
    };
  }

  /** True when the report was accepted for sending (now or once connected), false when rate-limited. */
  report(err: unknown, ctx: ErrorContext): boolean {
    const now = this.o.now();
    const { message, stack } = describe(err);
    const key = `${ctx.where}|${ctx.panel ?? ''}|${message}`;
    const seen = this.lastSeen.get(key);
    if (seen !== undefined && now - seen < this.o.repeatMs) {
      this.suppressed += 1;
      return false;
    }
    if (now - this.windowStart >= this.o.windowMs) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow >= this.o.perWindow) {
      this.suppressed += 1;
      return false;
    }
    this.sentInWindow += 1;
    this.lastSeen.set(key, now);
    // Bounded: a wall that runs for weeks sees many distinct errors over time.
    if (this.lastSeen.size > 200) this.lastSeen.delete(this.lastSeen.keys().next().value!);
    const route = this.o.route();
    const userAgent = this.o.userAgent();
    const report: ClientErrorReport = {
      where: ctx.where,
      message: cut(message, CLIENT_ERROR_LIMITS.message),
      ...(stack ? { stack: cut(stack, CLIENT_ERROR_LIMITS.stack) } : {}),
      ...(ctx.panel ? { panel: cut(ctx.panel, CLIENT_ERROR_LIMITS.panel) } : {}),
      ...(route ? { route: cut(route, CLIENT_ERROR_LIMITS.route) } : {}),
      ...(userAgent ? { userAgent: cut(userAgent, CLIENT_ERROR_LIMITS.userAgent) } : {}),
      suppressed: this.suppressed,
    };
    this.suppressed = 0;
    if (this.sink) this.send(report);
    else {
      this.queue.push(report);
      if (this.queue.length > this.o.queueMax) this.queue.shift();
    }
    return true;
  }

  private send(r: ClientErrorReport): void {
    // A report that can't be delivered is not worth another error: the console still has it.
    this.sink?.(r).catch(() => {});
  }
}

/** The window's reporter. The route is sent without its query's secrets (the token never stays in it). */
export const errorReporter = new ErrorReporter({
  route: () => (typeof window === 'undefined' ? undefined : window.location.hash.replace(/([?&]token=)[^&]*/g, '$1…')),
  userAgent: () => (typeof navigator === 'undefined' ? undefined : navigator.userAgent),
});

export function reportError(err: unknown, ctx: ErrorContext): boolean {
  return errorReporter.report(err, ctx);
}
