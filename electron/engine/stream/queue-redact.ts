import type { Change, ChangeEnvelope } from '../../../shared/changes.js';
import type { Role } from '../../../shared/roles.js';
import type { ConversationView } from '../../../shared/queue-views.js';

/**
 * What the wall may see of a conversation: counts and timers for its tiles, never a private
 * conversation's customer (name, handle, text) nor anyone's tags. Agents and up see it whole.
 */
export function redactConversation(c: ConversationView): ConversationView {
  if (!c.private) return { ...c, tags: [] };
  return {
    ...c,
    author: { handle: 'private', name: 'Private conversation' },
    threadRoot: '',
    preview: null,
    tags: [],
    badges: { intent: null, sentiment: null, stage: null, urgency: [], language: null },
  };
}

function redactChange(change: Change): Change {
  if (change.kind === 'conversation.updated') return { kind: change.kind, conversation: redactConversation(change.conversation) };
  return change;
}

/** The change as this role receives it (after the role filter let it through). */
export function changeForRole(role: Role, env: ChangeEnvelope): ChangeEnvelope {
  if (role !== 'wall' || env.change.kind !== 'conversation.updated') return env;
  return { seq: env.seq, change: redactChange(env.change) };
}
