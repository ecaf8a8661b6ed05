import type { AssignmentMode, PresenceStatus, Team } from '../../../shared/queue.js';

/**
 * Auto-assignment within a team, as a pure choice. Only agents who are online, under their cap
 * and have the skills the conversation needs are eligible. round_robin: the next eligible agent
 * after the last one picked (the cursor), in the team's order, so an agent who is always eligible
 * is never skipped; balanced: the least loaded eligible agent, ties in round-robin order.
 * Language: required = only agents who speak it; preferred = them first, then anyone.
 */

export interface AgentState {
  user: string;
  /** Lowercase primary language codes ("de"). */
  languages: string[];
  skills: string[];
  /** Open conversations they may hold at most; null = no cap. */
  cap: number | null;
  presence: PresenceStatus;
  /** Open conversations assigned to them now. */
  load: number;
}

export interface AssignRequest {
  mode: AssignmentMode;
  /** In the team's order. */
  agents: AgentState[];
  /** The agent the previous round-robin pick went to. */
  cursor: string | null;
  /** The conversation's language, e.g. "de" or "de-AT"; null when unknown. */
  language: string | null;
  languagePolicy: Team['assignment']['language'];
  /** Skills the conversation needs (all of them). */
  skills: string[];
}

export type SkipReason = 'offline' | 'busy' | 'at_cap' | 'missing_skill' | 'language';

export type AssignResult =
  | { agent: string; cursor: string; why: string }
  | {
      agent: null;
      reason: 'manual' | 'no_members' | 'nobody_online' | 'all_at_cap' | 'no_skill';
      /** One line for the lead: why the conversation waits in the team queue. */
      message: string;
      skipped: { user: string; why: SkipReason }[];
    };

function primary(lang: string): string {
  return lang.toLowerCase().split('-')[0]!;
}

function skipReason(a: AgentState, req: AssignRequest, strictLanguage: boolean): SkipReason | null {
  if (a.presence !== 'online') return a.presence;
  if (a.cap !== null && a.load >= a.cap) return 'at_cap';
  if (!req.skills.every((s) => a.skills.includes(s))) return 'missing_skill';
  if (strictLanguage && req.language !== null && !a.languages.includes(primary(req.language))) return 'language';
  return null;
}

/** Agents in round-robin order: the one after the cursor first. */
function rotation(agents: AgentState[], cursor: string | null): AgentState[] {
  const at = cursor === null ? -1 : agents.findIndex((a) => a.user === cursor);
  return [...agents.slice(at + 1), ...agents.slice(0, at + 1)];
}

function pick(mode: AssignmentMode, candidates: AgentState[]): AgentState | null {
  if (candidates.length === 0) return null;
  if (mode === 'round_robin') return candidates[0]!;
  return candidates.reduce((best, a) => (a.load < best.load ? a : best));
}

const count = (list: { why: SkipReason }[], why: SkipReason) => list.filter((s) => s.why === why).length;

export function chooseAgent(req: AssignRequest): AssignResult {
  const order = rotation(req.agents, req.cursor);
  const strict = req.languagePolicy === 'required';
  const skipped = order.map((a) => ({ user: a.user, why: skipReason(a, req, strict) }));
  if (req.mode === 'manual') return { agent: null, reason: 'manual', message: 'this team assigns by hand', skipped: [] };
  const eligible = order.filter((_, i) => skipped[i]!.why === null);
  if (req.languagePolicy === 'preferred' && req.language !== null) {
    const speakers = eligible.filter((a) => a.languages.includes(primary(req.language!)));
    const chosen = pick(req.mode, speakers);
    if (chosen) return { agent: chosen.user, cursor: chosen.user, why: `next ${req.mode === 'balanced' ? 'least loaded ' : ''}online agent who speaks ${primary(req.language)}` };
  }
  const chosen = pick(req.mode, eligible);
  if (chosen) return { agent: chosen.user, cursor: chosen.user, why: `next ${req.mode === 'balanced' ? 'least loaded ' : ''}online agent under their cap` };

  const why = skipped.filter((s): s is { user: string; why: SkipReason } => s.why !== null);
  const parts = [
    [count(why, 'offline'), 'offline'],
    [count(why, 'busy'), 'busy'],
    [count(why, 'at_cap'), 'at their cap'],
    [count(why, 'missing_skill'), `without ${req.skills.join(' and ')}`],
    [count(why, 'language'), `not speaking ${req.language ?? ''}`],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const reason =
    req.agents.length === 0
      ? 'no_members'
      : why.every((s) => s.why === 'offline' || s.why === 'busy')
        ? 'nobody_online'
        : why.every((s) => s.why === 'offline' || s.why === 'busy' || s.why === 'at_cap')
          ? 'all_at_cap'
          : 'no_skill';
  const message = req.agents.length === 0 ? 'the team has no members' : `nobody can take it now: ${parts.join(', ')}`;
  return { agent: null, reason, message, skipped: why };
}

/** The team's members as the chooser sees them, from presence and current loads. */
export function agentsOf(team: Team, presence: ReadonlyMap<string, PresenceStatus>, load: ReadonlyMap<string, number>): AgentState[] {
  return team.members.map((m) => ({
    user: m.user,
    languages: m.languages,
    skills: m.skills,
    cap: m.cap ?? team.assignment.cap,
    presence: presence.get(m.user) ?? 'offline',
    load: load.get(m.user) ?? 0,
  }));
}

export interface AssignedConversation {
  id: string;
  assignee: string | null;
  status: 'open' | 'waiting' | 'resolved';
  firstResponseAt: string | number | null;
}

/**
 * An agent who goes offline hands back what they had not started: open conversations assigned to
 * them that nobody has answered yet. Started ones stay theirs (the customer knows who answered).
 */
export function unstartedOf(conversations: Iterable<AssignedConversation>, user: string): string[] {
  const out: string[] = [];
  for (const c of conversations) if (c.assignee === user && c.status === 'open' && c.firstResponseAt === null) out.push(c.id);
  return out;
}
