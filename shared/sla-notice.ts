import type { Change } from './changes.js';
import type { Notice } from './freeze-notice.js';

/** The desktop notice for an SLA breach (the escalation to the lead, issue 12); null for anything else. */
export function slaNotice(change: Change): Notice | null {
  if (change.kind !== 'conversation.sla' || change.state !== 'breached') return null;
  const c = change.conversation;
  return {
    title: `SLA breached: ${c.team}`,
    body: `${c.private ? 'A private conversation' : c.author.name} is waiting past its target (${c.assignee ? `assigned to ${c.assignee}` : 'unassigned'}).`,
    urgent: true,
  };
}
