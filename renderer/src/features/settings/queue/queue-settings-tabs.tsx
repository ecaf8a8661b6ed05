import type { Role } from '../../../../../shared/roles';
import { may } from '../../../lib/permissions';
import { RepliesSettings } from './replies-settings';
import { SlaSettings } from './sla-settings';
import { TeamsSettings } from './teams-settings';
import { TriageRulesSettings } from './triage-rules-settings';

/** Issue 12's Settings tabs: Teams, Triage rules, SLA, Replies (leads edit; agents read). */
export const QUEUE_SETTINGS_TABS = [
  { id: 'teams', label: 'Teams', view: (role: Role | null) => <TeamsSettings readOnly={!may(role, 'teams.save')} /> },
  { id: 'rules', label: 'Triage rules', view: (role: Role | null) => <TriageRulesSettings readOnly={!may(role, 'rules.save')} /> },
  { id: 'sla', label: 'SLA', view: (role: Role | null) => <SlaSettings readOnly={!may(role, 'sla.save')} /> },
  { id: 'replies', label: 'Replies', view: (role: Role | null) => <RepliesSettings readOnly={!may(role, 'queue.canned.save')} /> },
] as const;
