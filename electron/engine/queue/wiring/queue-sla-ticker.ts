import type { QueueStatsRow } from '../../../../shared/queue-views.js';
import { slaStatus } from '../sla-timers.js';
import { isoOf, saveConversation, withSla, type QueueCore } from './queue-core.js';
import { conversationView, type ConversationRecord } from './queue-repo.js';

/**
 * Looks at every conversation whose SLA timer changes state by now (the store keeps the next such
 * instant) and, on a change, saves it and raises `conversation.sla`: a warning before the breach,
 * and on the breach the escalation to the team's lead (leads' screens and the desktop notify).
 * Time comes from the injected clock; tests call check() themselves.
 */
export interface SlaTicker {
  check(): number;
  start(everyMs?: number): void;
  stop(): void;
}

export function createSlaTicker(core: QueueCore): SlaTicker {
  let timer: unknown = null;
  let running = false;
  const check = () => {
    const nowMs = core.clock.now();
    const at = isoOf(nowMs);
    return core.store.write(() => {
      let changed = 0;
      for (const c of core.repo.dueForSla(nowMs)) {
        const next = withSla(core, c, nowMs);
        const escalate = next.slaState === 'breached' && !c.slaEscalated;
        const warn = next.slaState === 'warning' && c.slaState !== 'warning';
        const saved = saveConversation(core, { ...next, slaEscalated: c.slaEscalated || escalate }, at);
        if (escalate || warn) core.store.changes.append({ kind: 'conversation.sla', conversation: conversationView(saved), state: escalate ? 'breached' : 'warning' }, at);
        changed++;
      }
      return changed;
    });
  };
  const loop = (everyMs: number) => {
    if (!running) return;
    try {
      check();
    } catch (err) {
      core.log.error('queue: the SLA check failed; trying again', { error: err instanceof Error ? err.message : String(err) });
    }
    timer = core.clock.setTimeout(() => loop(everyMs), everyMs);
  };
  return {
    check,
    start(everyMs = 5_000) {
      if (running) return;
      running = true;
      loop(everyMs);
    },
    stop() {
      running = false;
      if (timer !== null) core.clock.clearTimeout(timer);
      timer = null;
    },
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The wall tiles' figures, per team and in total ("today" = since 00:00 UTC of the clock). */
export function queueStats(core: QueueCore): { teams: QueueStatsRow[]; total: QueueStatsRow } {
  const nowMs = core.clock.now();
  const dayStart = nowMs - (nowMs % 86_400_000);
  const open = core.repo.openByTeam();
  const answered = core.repo.answeredSince(isoOf(dayStart));
  const teamIds = [...new Set([...core.settings.teams().map((t) => t.id), ...open.map((r) => r.team), ...answered.map((r) => r.team)])];
  const responseOf = (c: ConversationRecord) => {
    const p = core.settings.policy(c.sla);
    const firstMs = Date.parse(c.firstResponseAt!) - (c.slaEvents[0]?.at ?? Date.parse(c.createdAt));
    if (!p) return { firstMs, met: null };
    const st = slaStatus({ policy: p.policy, priority: c.priority, calendar: p.calendar, events: c.slaEvents, now: nowMs });
    return { firstMs, met: st.responses[0] ? !st.responses[0].breached : null };
  };
  const responses = answered.map((c) => ({ team: c.team, ...responseOf(c) }));
  const statsOf = (team: string): QueueStatsRow => {
    const rows = team === 'all' ? open : open.filter((r) => r.team === team);
    const mine = team === 'all' ? responses : responses.filter((r) => r.team === team);
    const judged = mine.filter((r) => r.met !== null);
    const oldest = rows.map((r) => r.oldest).filter((x): x is string => x !== null).sort()[0] ?? null;
    return {
      team,
      open: rows.reduce((n, r) => n + r.open, 0),
      unanswered: rows.reduce((n, r) => n + (r.unanswered ?? 0), 0),
      oldestWaitingSince: oldest,
      slaAttainment: judged.length ? judged.filter((r) => r.met).length / judged.length : null,
      medianFirstResponseMs: median(mine.map((r) => r.firstMs).filter((x) => x >= 0)),
    };
  };
  return { teams: teamIds.map(statsOf), total: statsOf('all') };
}
