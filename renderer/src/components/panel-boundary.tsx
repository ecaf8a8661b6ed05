import { Component, createContext, useContext, type ErrorInfo, type ReactNode } from 'react';
import { drillCaught, useCrashDrill } from '../lib/crash-drill';
import { reportError } from '../lib/error-report';
import { hhmm } from '../lib/time-format';

/** First wait before a failed panel is mounted again; doubles with each failure in a row. */
export const RESTART_FIRST_MS = 1_000;
export const RESTART_MAX_MS = 60_000;
/** A panel that ran this long without failing starts over at the first wait. */
export const STABLE_MS = 5 * 60_000;
/** How long the "restarted" note stays up after a restart. */
export const NOTE_MS = 60_000;

export interface PanelTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const windowTimers: PanelTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function restartDelay(failuresInARow: number): number {
  return Math.min(RESTART_MAX_MS, RESTART_FIRST_MS * 2 ** Math.max(0, failuresInARow - 1));
}

/** When the panel around this was last restarted (ms), for the small note panels show in their corner. */
const RestartedAt = createContext<number | null>(null);

/** "restarted 12:03": rendered by a panel inside a boundary, for a minute after the boundary restarted it. */
export function RestartNote() {
  const at = useContext(RestartedAt);
  if (at === null) return null;
  return (
    <span className="panel-restarted" data-testid="panel-restarted" title="This panel hit an error and restarted; the hub's log has the details.">
      restarted {hhmm(at)}
    </span>
  );
}

/** Where a crash drill (lib/crash-drill.ts) strikes: inside the boundary, so the boundary catches it. */
function DrillPoint({ panel, children }: { panel: string; children: ReactNode }) {
  useCrashDrill(panel);
  return children;
}

interface Props {
  /** Stable id for reports and drills: "column:all", "header:clock". */
  panel: string;
  /** What people call it, for the note: "Column #kettlebird", "Clock". */
  label: string;
  /** Element and class for the note shown while waiting to restart (so a grid keeps its cell). */
  fallbackClassName?: string;
  fallbackAs?: 'div' | 'section' | 'span';
  fallbackTestId?: string;
  timers?: PanelTimers;
  children: ReactNode;
}

interface State {
  failed: boolean;
  failures: number;
  lastFailureAt: number;
  restartAt: number;
  /** Bumped on every restart: a new key mounts the children afresh. */
  generation: number;
  restartedAt: number | null;
}

/**
 * Keeps one panel's failure to itself: the panel is replaced by a small note, the error goes to the
 * hub's log, and the panel is mounted again after a wait that grows while it keeps failing (1 s, 2 s,
 * 4 s … a minute). The rest of the screen never notices.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { failed: false, failures: 0, lastFailureAt: -Infinity, restartAt: 0, generation: 0, restartedAt: null };
  private restartTimer: unknown = null;
  private noteTimer: unknown = null;

  private get timers(): PanelTimers {
    return this.props.timers ?? windowTimers;
  }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    drillCaught(error);
    const now = this.timers.now();
    const failures = now - this.state.lastFailureAt > STABLE_MS ? 1 : this.state.failures + 1;
    const delay = restartDelay(failures);
    this.setState({ failures, lastFailureAt: now, restartAt: now + delay });
    const stack = `${error.stack ?? String(error)}${info.componentStack ? `\nComponent stack:${info.componentStack}` : ''}`;
    reportError(Object.assign(new Error(error.message), { stack }), { where: 'panel', panel: this.props.panel });
    console.warn(`[newsroom] ${this.props.label} failed; restarting it in ${Math.round(delay / 1000)} s`);
    this.timers.clearTimeout(this.restartTimer);
    this.restartTimer = this.timers.setTimeout(() => this.restart(), delay);
  }

  override componentWillUnmount(): void {
    this.timers.clearTimeout(this.restartTimer);
    this.timers.clearTimeout(this.noteTimer);
  }

  private restart(): void {
    const at = this.timers.now();
    this.setState((s) => ({ failed: false, generation: s.generation + 1, restartedAt: at }));
    this.timers.clearTimeout(this.noteTimer);
    this.noteTimer = this.timers.setTimeout(() => this.setState({ restartedAt: null }), NOTE_MS);
  }

  override render(): ReactNode {
    const { failed, generation, restartedAt, restartAt } = this.state;
    if (failed) {
      const Tag = this.props.fallbackAs ?? 'div';
      const seconds = Math.max(1, Math.round((restartAt - this.timers.now()) / 1000));
      return (
        <Tag className={`panel-restarting ${this.props.fallbackClassName ?? ''}`.trim()} data-testid={this.props.fallbackTestId} data-panel={this.props.panel} data-restarting="true" role="status">
          <span className="panel-restarting-note" data-testid="panel-restarting">
            {this.props.label} hit an error and restarts in {seconds} s.
          </span>
        </Tag>
      );
    }
    return (
      <RestartedAt.Provider value={restartedAt} key={generation}>
        <DrillPoint panel={this.props.panel}>{this.props.children}</DrillPoint>
      </RestartedAt.Provider>
    );
  }
}
