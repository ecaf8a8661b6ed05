import { Component, type ErrorInfo, type ReactNode } from 'react';
import { drillCaught } from '../lib/crash-drill';
import { reportError } from '../lib/error-report';

const RELOADS_KEY = 'newsroom.reloads';
/** First wait before reloading a failed page; doubles while reloads keep failing soon after. */
export const RELOAD_FIRST_MS = 5_000;
export const RELOAD_MAX_MS = 5 * 60_000;
/** A page that ran this long before failing counts as healthy: the next wait is the first one again. */
const HEALTHY_MS = 2 * 60_000;

interface ReloadMemo {
  count: number;
  at: number;
}

/** How long to wait before this reload, remembered across reloads of this tab (sessionStorage). */
export function nextReloadDelay(storage: Pick<Storage, 'getItem' | 'setItem'> | null, now: number, startedAt: number): number {
  let memo: ReloadMemo | null = null;
  try {
    const raw = storage?.getItem(RELOADS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof (parsed as ReloadMemo).count === 'number' && typeof (parsed as ReloadMemo).at === 'number') memo = parsed as ReloadMemo;
  } catch {
    memo = null;
  }
  const count = memo && now - startedAt < HEALTHY_MS ? memo.count + 1 : 1;
  try {
    storage?.setItem(RELOADS_KEY, JSON.stringify({ count, at: now }));
  } catch {
    // No storage: every reload waits the first delay, which is still better than a dark screen.
  }
  return Math.min(RELOAD_MAX_MS, RELOAD_FIRST_MS * 2 ** (count - 1));
}

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

const pageStartedAt = Date.now();

interface State {
  error: Error | null;
  reloadInMs: number;
}

/**
 * The last line: if the app as a whole fails (not one panel, those restart themselves), the screen
 * says so and reloads itself after a short wait instead of staying dark on a wall nobody touches.
 */
export class AppBoundary extends Component<{ children: ReactNode; reload?: () => void }, State> {
  override state: State = { error: null, reloadInMs: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    drillCaught(error);
    const stack = `${error.stack ?? String(error)}${info.componentStack ? `\nComponent stack:${info.componentStack}` : ''}`;
    reportError(Object.assign(new Error(error.message), { stack }), { where: 'app' });
    const delay = nextReloadDelay(sessionStore(), Date.now(), pageStartedAt);
    this.setState({ reloadInMs: delay });
    const reload = this.props.reload ?? (() => window.location.reload());
    if (this.timer === null) this.timer = setTimeout(reload, delay);
  }

  override componentWillUnmount(): void {
    if (this.timer !== null) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <main className="app-failed" data-testid="app-failed" role="alert">
        <h1>Newsroom hit an error</h1>
        <p>It reloads by itself in {Math.round(this.state.reloadInMs / 1000)} s. The hub's log has the details.</p>
      </main>
    );
  }
}
