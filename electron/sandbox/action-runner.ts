/**
 * Plays a plan of timed actions on the injected clock: one setTimeout at a time, always for the
 * next due action, and on each wake-up everything that is due runs in order. A fake clock that
 * jumps ahead therefore gets exactly the same sequence as real time, just faster.
 */
import type { Clock } from '../../shared/clock.js';
import type { PlanAction } from './scenario-plan.js';

export interface RunnerOptions {
  clock: Clock;
  speed: number;
  actions: PlanAction[];
  exec: (action: PlanAction, info: { startedAt: number }) => void;
  /** Length of one cycle in scenario ms, and the plan of the next one; absent = run once. */
  loop?: { cycleMs: number; next: (cycle: number) => PlanAction[] };
  onError?: (err: unknown, action: PlanAction) => void;
}

export class ActionRunner {
  private actions: PlanAction[];
  private index = 0;
  private cycle = 0;
  private cycleOffset = 0;
  private timer: unknown = null;
  private stopped = false;
  startedAt: number | null = null;
  executed = 0;

  constructor(private readonly opts: RunnerOptions) {
    this.actions = opts.actions;
  }

  start(): void {
    if (this.startedAt !== null || this.stopped) return;
    this.startedAt = this.opts.clock.now();
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  get done(): boolean {
    return this.index >= this.actions.length && !this.opts.loop;
  }

  get currentCycle(): number {
    return this.cycle;
  }

  pending(): number {
    return this.actions.length - this.index;
  }

  /** Scenario ms elapsed since start, over all cycles (null before start). */
  scenarioMs(): number | null {
    if (this.startedAt === null) return null;
    return (this.opts.clock.now() - this.startedAt) * this.opts.speed;
  }

  /** Wall ms after start at which an action is due (backlog is due immediately). */
  private dueWall(a: PlanAction): number {
    return a.at <= 0 && this.cycle === 0 ? 0 : (this.cycleOffset + a.at) / this.opts.speed;
  }

  private pump = (): void => {
    this.timer = null;
    if (this.stopped || this.startedAt === null) return;
    const startedAt = this.startedAt;
    for (;;) {
      const elapsed = this.opts.clock.now() - startedAt;
      while (this.index < this.actions.length) {
        const a = this.actions[this.index] as PlanAction;
        const due = this.dueWall(a);
        if (due > elapsed) {
          this.timer = this.opts.clock.setTimeout(this.pump, Math.max(1, Math.ceil(due - elapsed)));
          return;
        }
        this.index++;
        this.executed++;
        try {
          this.opts.exec(a, { startedAt });
        } catch (err) {
          this.opts.onError?.(err, a);
        }
        if (this.stopped) return;
      }
      if (!this.opts.loop) return;
      this.cycle++;
      this.cycleOffset += this.opts.loop.cycleMs;
      this.actions = this.opts.loop.next(this.cycle);
      this.index = 0;
      if (this.actions.length === 0) {
        // An empty cycle would spin; wait for the following one instead.
        this.timer = this.opts.clock.setTimeout(this.pump, Math.max(1, Math.ceil(this.opts.loop.cycleMs / this.opts.speed)));
        return;
      }
    }
  };
}
