import type Database from 'better-sqlite3';
import type { Platform } from '../../../shared/domain.js';
import type { PublishAccount } from '../../../shared/publishing.js';

interface DbRow {
  id: string;
  platform: Platform;
  name: string;
  instance_url: string;
  handle: string | null;
  remote_account_id: string | null;
  profile_url: string | null;
  require_approval: number;
  has_token: number;
  created_at: string;
}

/** What the engine knows of an account beyond what clients see (never the token itself). */
export interface AccountRecord extends PublishAccount {
  /** The platform's id of the verified account: reconciliation reads its statuses. */
  remoteAccountId: string | null;
  /** The account's profile page: where a person looks when a send may have published. */
  profileUrl: string | null;
}

function toRecord(r: DbRow): AccountRecord {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    instanceUrl: r.instance_url,
    handle: r.handle,
    requireApproval: r.require_approval === 1,
    hasToken: r.has_token === 1,
    createdAt: r.created_at,
    remoteAccountId: r.remote_account_id,
    profileUrl: r.profile_url,
  };
}

/** The client view: the record without engine-only fields. */
export function accountView(a: AccountRecord): PublishAccount {
  return {
    id: a.id,
    platform: a.platform,
    name: a.name,
    instanceUrl: a.instanceUrl,
    handle: a.handle,
    requireApproval: a.requireApproval,
    hasToken: a.hasToken,
    createdAt: a.createdAt,
  };
}

export class PublishAccountsRepo {
  constructor(private readonly db: Database.Database) {}

  add(a: AccountRecord): AccountRecord {
    this.db
      .prepare(
        `INSERT INTO publish_accounts (id, platform, name, instance_url, handle, remote_account_id, profile_url, require_approval, has_token, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.id, a.platform, a.name, a.instanceUrl, a.handle, a.remoteAccountId, a.profileUrl, a.requireApproval ? 1 : 0, a.hasToken ? 1 : 0, a.createdAt);
    return this.get(a.id)!;
  }

  get(id: string): AccountRecord | null {
    const r = this.db.prepare('SELECT * FROM publish_accounts WHERE id = ? AND removed_at IS NULL').get(id) as DbRow | undefined;
    return r ? toRecord(r) : null;
  }

  list(): AccountRecord[] {
    return (this.db.prepare('SELECT * FROM publish_accounts WHERE removed_at IS NULL ORDER BY created_at, id').all() as DbRow[]).map(toRecord);
  }

  update(a: AccountRecord): void {
    this.db
      .prepare(
        `UPDATE publish_accounts SET name = ?, instance_url = ?, handle = ?, remote_account_id = ?, profile_url = ?, require_approval = ?, has_token = ?
         WHERE id = ?`,
      )
      .run(a.name, a.instanceUrl, a.handle, a.remoteAccountId, a.profileUrl, a.requireApproval ? 1 : 0, a.hasToken ? 1 : 0, a.id);
  }

  remove(id: string, at: string): boolean {
    return this.db.prepare('UPDATE publish_accounts SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id).changes === 1;
  }
}
