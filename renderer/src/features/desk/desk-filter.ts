import type { Team } from '../../../../shared/queue';
import type { ConversationView } from '../../../../shared/queue-views';
import type { ConversationPredicate } from './desk-query';

export type DeskTab = 'mine' | 'team' | 'all';

export interface DeskFilter {
  tab: DeskTab;
  /** The desk query's predicate (desk-query.ts), or null for no query. */
  keep: ConversationPredicate | null;
  team: string;
  atRisk: boolean;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Every conversation, most pressing first: sorted once per change of the queue, then only filtered. */
export function sortedQueue(all: Iterable<ConversationView>): ConversationView[] {
  return [...all].sort(compareUrgency);
}

/**
 * The rows a tab shows, in the order given (sortedQueue's: breached, then warning, then by
 * priority and wait). 10,000 conversations filter in a few milliseconds.
 */
export function deskRows(sorted: Iterable<ConversationView>, f: DeskFilter, me: string, teams: Team[]): ConversationView[] {
  const mine = new Set(teams.filter((t) => t.members.some((m) => m.user === me)).map((t) => t.id));
  const out: ConversationView[] = [];
  for (const c of sorted) {
    if (c.status === 'resolved') continue;
    if (f.tab === 'mine' && c.assignee !== me) continue;
    if (f.tab === 'team' && (c.assignee !== null || (mine.size > 0 && !mine.has(c.team)))) continue;
    if (f.team && c.team !== f.team) continue;
    if (f.atRisk && c.slaState !== 'warning' && c.slaState !== 'breached') continue;
    if (f.keep && !f.keep(c)) continue;
    out.push(c);
  }
  return out;
}

const SLA_RANK: Record<string, number> = { breached: 0, warning: 1, ok: 2 };

export function compareUrgency(a: ConversationView, b: ConversationView): number {
  return (
    (SLA_RANK[a.slaState ?? 'ok'] ?? 2) - (SLA_RANK[b.slaState ?? 'ok'] ?? 2) ||
    (PRIORITY_RANK[a.priority] ?? 2) - (PRIORITY_RANK[b.priority] ?? 2) ||
    // ISO times compare as strings; localeCompare would be ten times slower over 10,000 rows.
    (a.lastCustomerAt < b.lastCustomerAt ? -1 : a.lastCustomerAt > b.lastCustomerAt ? 1 : 0)
  );
}

/** "due in 12 min", "breached 5 min ago", or "" without a policy. */
export function slaLabel(c: Pick<ConversationView, 'slaState' | 'slaDueAt'>, nowMs: number): string {
  if (c.slaState === null) return '';
  if (c.slaState === 'breached') return 'SLA breached';
  if (c.slaDueAt === null) return c.slaState === 'warning' ? 'SLA at risk' : 'SLA ok';
  const min = Math.max(0, Math.round((c.slaDueAt - nowMs) / 60_000));
  const due = min >= 120 ? `${Math.round(min / 60)} h` : `${min} min`;
  return `${c.slaState === 'warning' ? 'at risk: ' : ''}due in ${due}`;
}
