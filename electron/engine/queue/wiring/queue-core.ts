import type { Clock } from '../../../../shared/clock.js';
import type { PresenceStatus } from '../../../../shared/queue.js';
import type { Logger } from '../../engine-types.js';
import type { Store } from '../../store/store.js';
import { agentsOf, chooseAgent } from '../assignment.js';
import { slaStatus } from '../sla-timers.js';
import { conversationView, QueueRepo, type ConversationRecord } from './queue-repo.js';
import { createQueueSettings, type QueueSettingsStore } from './queue-settings.js';

/** What every part of the wired queue shares: the store, its tables, settings and a few rules. */
export interface QueueCore {
  store: Store;
  clock: Clock;
  log: Logger;
  repo: QueueRepo;
  settings: QueueSettingsStore;
}

export function createQueueCore(store: Store, clock: Clock, log: Logger): QueueCore {
  const repo = new QueueRepo(store.db);
  return { store, clock, log, repo, settings: createQueueSettings(repo) };
}

/** The conversation's SLA fields recomputed at `nowMs` (no policy: none). */
export function withSla(core: QueueCore, c: ConversationRecord, nowMs: number): ConversationRecord {
  const p = core.settings.policy(c.sla);
  if (!p || c.slaEvents.length === 0) return { ...c, slaState: null, slaDueAt: null, slaNextAt: null };
  const st = slaStatus({ policy: p.policy, priority: c.priority, calendar: p.calendar, events: c.slaEvents, now: nowMs });
  const running = [st.response, st.resolution].filter((t) => t !== null && t.phase === 'running');
  const due = running.map((t) => t!.dueAt).filter((t): t is number => t !== null);
  return { ...c, slaState: st.state, slaDueAt: due.length ? Math.min(...due) : null, slaNextAt: c.status === 'resolved' ? null : st.nextChangeAt };
}

/** Saves the conversation and tells every client (inside the caller's store.write). */
export function saveConversation(core: QueueCore, c: ConversationRecord, atIso: string): ConversationRecord {
  const saved = { ...c, updatedAt: atIso };
  core.repo.save(saved);
  core.store.changes.append({ kind: 'conversation.updated', conversation: conversationView(saved) }, atIso);
  return saved;
}

export function presenceMap(core: QueueCore): Map<string, PresenceStatus> {
  return new Map(core.repo.presence().map((p) => [p.user, p.status]));
}

/**
 * Auto-assignment within the conversation's team (round robin or balanced, online agents under
 * their cap, language as the team says); leaves it in the team queue, saying why, when nobody can
 * take it. `exclude`: an agent who just went offline or released it.
 */
export function autoAssign(core: QueueCore, c: ConversationRecord, exclude: string | null = null): ConversationRecord {
  const team = core.settings.teams().find((t) => t.id === c.team);
  if (!team) return { ...c, assignee: null, unassignedWhy: `no team "${c.team}": a lead adds it in Settings → Teams` };
  const presence = presenceMap(core);
  if (exclude !== null) presence.set(exclude, 'offline');
  const agents = agentsOf(team, presence, core.repo.loads(team.members.map((m) => m.user)));
  const cursor = core.repo.setting<string>(`rr:${team.id}`);
  const r = chooseAgent({
    mode: team.assignment.mode,
    agents,
    cursor,
    language: c.badges.language,
    languagePolicy: team.assignment.language,
    skills: [],
  });
  if (r.agent === null) return { ...c, assignee: null, unassignedWhy: r.message };
  core.repo.putSetting(`rr:${team.id}`, r.cursor);
  return { ...c, assignee: r.agent, unassignedWhy: null };
}

export const isoOf = (ms: number) => new Date(ms).toISOString();
