import type { ChangeEnvelope } from '../../../shared/changes';
import type { AuditEntry, FreezeState, FreezeSuggestion, PublishAccount, ScheduledPost } from '../../../shared/publishing';

export function makePost(id: string, patch: Partial<ScheduledPost> = {}): ScheduledPost {
  return {
    id,
    groupId: `g-${id}`,
    accountId: 'acc-1',
    platform: 'mastodon',
    text: `post ${id}`,
    inReplyTo: null,
    scheduledAt: '2025-03-04T15:00:00.000Z',
    timeZone: 'Europe/Berlin',
    status: 'scheduled',
    revision: 1,
    author: 'lead',
    approvedBy: null,
    note: null,
    remoteId: null,
    remoteUrl: null,
    createdAt: '2025-03-04T12:00:00.000Z',
    updatedAt: '2025-03-04T12:00:00.000Z',
    attempts: [],
    ...patch,
  };
}

export function makeAccount(id: string, patch: Partial<PublishAccount> = {}): PublishAccount {
  return {
    id,
    platform: 'mastodon',
    name: `Account ${id}`,
    instanceUrl: 'https://social.example',
    handle: `brand-${id}@social.example`,
    requireApproval: false,
    hasToken: true,
    createdAt: '2025-03-01T00:00:00.000Z',
    ...patch,
  };
}

export function makeFreeze(patch: Partial<FreezeState> = {}): FreezeState {
  return {
    frozen: false,
    epoch: 0,
    reason: null,
    scope: { kind: 'all' },
    by: null,
    since: null,
    expiresAt: null,
    pendingLift: null,
    liftRequiresSecondPerson: false,
    ...patch,
  };
}

export function frozen(patch: Partial<FreezeState> = {}): FreezeState {
  return makeFreeze({ frozen: true, epoch: 1, reason: 'Product recall', by: 'crisis', since: '2025-03-04T12:30:00.000Z', ...patch });
}

export function makeSuggestion(id: string, patch: Partial<FreezeSuggestion> = {}): FreezeSuggestion {
  return { id, reason: 'Storm hitting the coast', evidence: [], by: 'agent1', at: '2025-03-04T12:10:00.000Z', resolvedAt: null, ...patch };
}

export function makeAudit(id: number, patch: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: new Date(Date.UTC(2025, 2, 4, 12, 0, id)).toISOString(),
    actor: 'crisis',
    action: 'freeze.set',
    entity: 'freeze',
    entityId: 'freeze',
    from: 'unfrozen',
    to: 'frozen',
    details: null,
    ...patch,
  };
}

export const postAdded = (seq: number, post: ScheduledPost): ChangeEnvelope => ({ seq, change: { kind: 'post.added', post } });
export const postUpdated = (seq: number, post: ScheduledPost): ChangeEnvelope => ({ seq, change: { kind: 'post.updated', post } });
export const freezeChanged = (seq: number, freeze: FreezeState): ChangeEnvelope => ({ seq, change: { kind: 'freeze.changed', freeze } });
