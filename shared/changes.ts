import type { Alert, AlertRule, ChannelView, DeadLetter, SavedWallLayout } from './alerts.js';
import { isPrivate, type Item, type SourceView } from './domain.js';
import type { CustomerTags } from './customer-tags.js';
import type { Access } from './roles.js';
import type { RetagProgress, Topic } from './topics.js';
import type { Presence } from './queue.js';
import type { ConversationView, QueueMessage } from './queue-views.js';
import type { AuditEntry, FreezeState, FreezeSuggestion, PublishAccount, ScheduledPost } from './publishing.js';

export type Change =
  | { kind: 'item.added'; item: Item }
  | { kind: 'item.updated'; item: Item }
  | { kind: 'item.deleted'; item: Item }
  | { kind: 'source.added'; source: SourceView }
  | { kind: 'source.updated'; source: SourceView }
  | { kind: 'source.removed'; id: string }
  | { kind: 'account.added'; account: PublishAccount }
  | { kind: 'account.updated'; account: PublishAccount }
  | { kind: 'account.removed'; id: string }
  | { kind: 'freeze.changed'; freeze: FreezeState }
  | { kind: 'freeze.suggested'; suggestion: FreezeSuggestion }
  | { kind: 'freeze.suggestion_resolved'; suggestion: FreezeSuggestion }
  | { kind: 'post.added'; post: ScheduledPost }
  | { kind: 'post.updated'; post: ScheduledPost }
  | { kind: 'audit.added'; entry: AuditEntry }
  | { kind: 'topic.saved'; topic: Topic }
  | { kind: 'topic.removed'; id: string }
  /** A re-tag of recent items after a topic changed: its progress, at most a few a second. */
  | { kind: 'topic.retag'; progress: RetagProgress }
  // issue 12: the queue. Agents and up only: the wall gets none of them (its tiles read queue.stats, counts only).
  | { kind: 'conversation.updated'; conversation: ConversationView }
  | { kind: 'conversation.message'; message: QueueMessage }
  /** An SLA timer turned to warning, or breached: the escalation to the team's lead. */
  | { kind: 'conversation.sla'; conversation: ConversationView; state: 'warning' | 'breached' }
  | { kind: 'presence.changed'; presence: Presence }
  /** canned/guidelines: session 15 (Settings → Replies). */
  | { kind: 'queue.settings'; area: 'teams' | 'rules' | 'sla' | 'canned' | 'guidelines' }
  // issue 11
  | { kind: 'alert.raised'; alert: Alert }
  | { kind: 'alert.acked'; alert: Alert }
  | { kind: 'alert_rule.saved'; rule: AlertRule }
  | { kind: 'alert_rule.removed'; id: string }
  | { kind: 'alert_channel.saved'; channel: ChannelView }
  | { kind: 'dead_letter.added'; letter: DeadLetter }
  | { kind: 'dead_letter.removed'; id: number }
  /** An epoch closed: trends.top and trends.series have new figures. */
  | { kind: 'trends.epoch'; epochStart: string; posts: number }
  /** A term started trending mid-epoch (the wall refreshes its trending panel). */
  | { kind: 'trends.onset'; term: string }
  | { kind: 'wall.saved'; wall: SavedWallLayout }
  // session 15: queue
  | { kind: 'customer.tags'; customer: CustomerTags };

export interface ChangeEnvelope {
  seq: number;
  change: Change;
}

/**
 * The least a role must have to receive a change on the stream: the same rule as the list method
 * that returns that row (posts.list is for agents and up, audit.list for leads), so the stream never
 * shows a wall what a call would refuse it.
 */
export function changeAccess(change: Change): Access {
  switch (change.kind) {
    case 'item.added':
    case 'item.updated':
    case 'item.deleted':
      // An item from an older store (or hub) without a visibility is public, as it was then.
      return change.item.visibility !== undefined && isPrivate(change.item.visibility) ? 'agent' : 'read';
    case 'post.added':
    case 'post.updated':
      return 'agent';
    case 'audit.added':
      return 'lead';
    case 'conversation.updated':
    case 'conversation.message':
    case 'conversation.sla':
    case 'presence.changed':
    case 'queue.settings':
      return 'agent';
    // issue 11: an alert about a private post stays off the wall; configuration is for leads.
    case 'alert.raised':
    case 'alert.acked':
      return change.alert.private === true ? 'agent' : 'read';
    // session 15: queue. A customer's tags are as private as the queue.
    case 'customer.tags':
      return 'agent';
    case 'alert_rule.saved':
    case 'alert_rule.removed':
    case 'alert_channel.saved':
    case 'dead_letter.added':
    case 'dead_letter.removed':
      return 'lead';
    default:
      return 'read';
  }
}
