import type { Priority, SlaPolicy, SlaStatus, SlaTimer, SlaTimerState } from '../../../shared/queue-sla.js';
import { addBusinessMs, businessMsBetween, type CompiledCalendar } from './business-calendar.js';

/**
 * SLA timers of one conversation, from its events. Two clocks:
 * - response: from the start of an episode (creation, or a reopen: the customer is waiting again)
 *   to the first agent reply in it; a resolve without a reply stops it too.
 * - resolution: business time while the conversation is open, added up across reopens (a
 *   conversation that keeps coming back does not get a fresh budget); paused while it waits on
 *   the customer if the policy says so.
 * Everything is measured in the policy's business calendar (or around the clock).
 */

export type SlaEventType = 'created' | 'customer_wrote' | 'agent_replied' | 'waiting' | 'resumed' | 'resolved' | 'reopened';

export interface SlaEvent {
  type: SlaEventType;
  /** Epoch ms. */
  at: number;
}

/** Business time in one calendar, or plain elapsed time when there is none. */
export interface SlaClock {
  between(from: number, to: number): number;
  add(start: number, ms: number): number;
}

export function slaClock(calendar: CompiledCalendar | null): SlaClock {
  if (!calendar) return { between: (from, to) => Math.max(0, to - from), add: (start, ms) => start + Math.max(0, ms) };
  return { between: (from, to) => businessMsBetween(calendar, from, to), add: (start, ms) => addBusinessMs(calendar, start, ms) };
}

const MINUTE = 60_000;

export interface SlaTargetsMs {
  responseMs: number;
  resolutionMs: number | null;
  warnFraction: number;
}

export function slaTargets(policy: SlaPolicy, priority: Priority): SlaTargetsMs {
  const t = policy.byPriority[priority] ?? policy;
  return {
    responseMs: t.firstResponseMinutes * MINUTE,
    resolutionMs: t.resolutionMinutes === null ? null : t.resolutionMinutes * MINUTE,
    warnFraction: policy.warnAtPercent / 100,
  };
}

interface Episode {
  startedAt: number;
  /** The first agent reply, or the resolve that ended it without one. */
  endedAt: number | null;
  respondedAt: number | null;
}

interface Replay {
  status: 'open' | 'waiting' | 'resolved';
  episodes: Episode[];
  /** Stretches the resolution clock ran: [from, to|null = still running). */
  runs: [number, number | null][];
}

function replay(events: SlaEvent[], pauseWhileWaiting: boolean, now: number): Replay {
  const sorted = events.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  const first = sorted[0];
  if (!first || (first.type !== 'created' && first.type !== 'customer_wrote')) {
    throw new Error('SLA timers need the conversation\'s "created" event first');
  }
  const r: Replay = { status: 'open', episodes: [{ startedAt: first.at, endedAt: null, respondedAt: null }], runs: [[first.at, null]] };
  const stopRun = (at: number) => {
    const last = r.runs[r.runs.length - 1];
    if (last && last[1] === null) last[1] = at;
  };
  const startRun = (at: number) => {
    const last = r.runs[r.runs.length - 1];
    if (!last || last[1] !== null) r.runs.push([at, null]);
  };
  const reopen = (at: number) => {
    r.status = 'open';
    r.episodes.push({ startedAt: at, endedAt: null, respondedAt: null });
    startRun(at);
  };
  for (const e of sorted.slice(1)) {
    const episode = r.episodes[r.episodes.length - 1]!;
    switch (e.type) {
      case 'created':
        break;
      case 'customer_wrote':
        if (r.status === 'resolved') reopen(e.at);
        else if (r.status === 'waiting') {
          r.status = 'open';
          startRun(e.at);
        }
        break;
      case 'reopened':
        if (r.status === 'resolved') reopen(e.at);
        break;
      case 'resumed':
        if (r.status === 'waiting') {
          r.status = 'open';
          startRun(e.at);
        }
        break;
      case 'agent_replied':
        if (r.status !== 'resolved' && episode.endedAt === null) episode.endedAt = episode.respondedAt = e.at;
        break;
      case 'waiting':
        if (r.status === 'open') {
          r.status = 'waiting';
          if (pauseWhileWaiting) stopRun(e.at);
        }
        break;
      case 'resolved':
        if (r.status !== 'resolved') {
          r.status = 'resolved';
          stopRun(e.at);
          if (episode.endedAt === null) episode.endedAt = e.at;
        }
        break;
    }
  }
  return r;
}

function stateOf(elapsed: number, target: number, warnFraction: number, stopped: boolean): SlaTimerState {
  if (elapsed >= target) return 'breached';
  return !stopped && elapsed >= target * warnFraction ? 'warning' : 'ok';
}

const RANK: Record<SlaTimerState, number> = { ok: 0, warning: 1, breached: 2 };

function timer(
  kind: SlaTimer['kind'],
  clock: SlaClock,
  runs: [number, number | null][],
  phase: SlaTimer['phase'],
  target: number,
  warnFraction: number,
  now: number,
): SlaTimer {
  let elapsed = 0;
  let breachedAt: number | null = null;
  for (const [from, to] of runs) {
    const len = clock.between(from, to ?? now);
    if (breachedAt === null && elapsed + len >= target) breachedAt = clock.add(from, target - elapsed);
    elapsed += len;
  }
  const warnMs = Math.ceil(target * warnFraction);
  const running = phase === 'running';
  return {
    kind,
    targetMs: target,
    elapsedMs: elapsed,
    remainingMs: target - elapsed,
    state: stateOf(elapsed, target, warnFraction, phase === 'stopped'),
    phase,
    startedAt: runs[0]![0],
    warnAt: running && elapsed < warnMs ? clock.add(now, warnMs - elapsed) : null,
    dueAt: running && elapsed < target ? clock.add(now, target - elapsed) : null,
    breachedAt,
  };
}

export interface SlaInput {
  policy: SlaPolicy;
  priority: Priority;
  /** The policy's calendar compiled, or null when it runs around the clock. */
  calendar: CompiledCalendar | null;
  events: SlaEvent[];
  now: number;
}

/** The conversation's timers at `now` (events after now are ignored). */
export function slaStatus(input: SlaInput): SlaStatus {
  const { policy, now } = input;
  const clock = slaClock(input.calendar);
  const targets = slaTargets(policy, input.priority);
  const r = replay(input.events, policy.pauseWhileWaiting, now);
  const episode = r.episodes[r.episodes.length - 1]!;
  const response = timer(
    'response',
    clock,
    [[episode.startedAt, episode.endedAt]],
    episode.endedAt === null ? 'running' : 'stopped',
    targets.responseMs,
    targets.warnFraction,
    now,
  );
  const lastRun = r.runs[r.runs.length - 1]!;
  const resolution =
    targets.resolutionMs === null
      ? null
      : timer(
          'resolution',
          clock,
          r.runs,
          r.status === 'resolved' ? 'stopped' : lastRun[1] === null ? 'running' : 'paused',
          targets.resolutionMs,
          targets.warnFraction,
          now,
        );
  const timers = resolution ? [response, resolution] : [response];
  const upcoming = timers.flatMap((t) => [t.warnAt, t.dueAt]).filter((t): t is number => t !== null);
  return {
    policy: policy.id,
    response,
    resolution,
    state: timers.reduce<SlaTimerState>((worst, t) => (RANK[t.state] > RANK[worst] ? t.state : worst), 'ok'),
    nextChangeAt: upcoming.length ? Math.min(...upcoming) : null,
    responses: r.episodes.map((e) => {
      const elapsedMs = clock.between(e.startedAt, e.endedAt ?? now);
      return { startedAt: e.startedAt, respondedAt: e.respondedAt, elapsedMs, breached: elapsedMs >= targets.responseMs };
    }),
  };
}
