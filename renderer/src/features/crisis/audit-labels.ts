import type { AuditEntry } from '../../../../shared/publishing';

export type Names = { posts: ReadonlyMap<string, string>; accounts: ReadonlyMap<string, string> };

/** What an entry is about, in words a reviewer recognises: the post's opening words, the account's name. */
export function entityLabel(e: Pick<AuditEntry, 'entity' | 'entityId'>, names: Names): string {
  if (e.entity === e.entityId) return e.entity;
  const known = e.entity === 'post' ? names.posts.get(e.entityId) : e.entity === 'account' ? names.accounts.get(e.entityId) : undefined;
  if (known !== undefined) return `${e.entity} “${known.length > 40 ? `${known.slice(0, 40)}…` : known}”`;
  return `${e.entity} ${e.entityId.length > 12 ? `${e.entityId.slice(0, 12)}…` : e.entityId}`;
}
