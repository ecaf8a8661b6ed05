import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import type { Platform } from '../../../shared/domain.js';
import { RpcError } from '../../../shared/errors.js';
import type { SecretStore } from '../engine-types.js';
import { accountView, type AccountRecord } from '../store/publish-accounts-repo.js';
import type { Store } from '../store/store.js';
import { recordAudit } from '../team/audit.js';
import { savePost } from './post-transitions.js';
import { accountTokenKey, PublishError, type Publisher } from './publisher.js';

export interface AccountsDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  publisherFor(platform: Platform): Publisher | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const trimUrl = (u: string) => u.replace(/\/+$/, '');

export interface AddAccountInput {
  platform: Platform;
  name: string;
  instanceUrl: string;
  accessToken: string;
  requireApproval: boolean;
}

/** Verifies the token with the platform, then stores the token (secret store) and the account. */
export async function addAccount(d: AccountsDeps, actor: string, p: AddAccountInput, signal: AbortSignal): Promise<AccountRecord> {
  const publisher = d.publisherFor(p.platform);
  if (!publisher) throw new RpcError('invalid_input', `publishing to ${p.platform} is not supported`);
  const instanceUrl = trimUrl(p.instanceUrl);
  let verified;
  try {
    verified = await publisher.verify(instanceUrl, p.accessToken, signal);
  } catch (err) {
    const e = err instanceof PublishError ? err : new PublishError('transient', String(err));
    throw new RpcError(
      'invalid_input',
      e.kind === 'rejected' ? `${instanceUrl} refused the access token: ${e.message}` : `could not check the access token with ${instanceUrl}: ${e.message}`,
    );
  }
  const id = randomUUID();
  // The token goes to the secret store first: an account row never points at a token that isn't there.
  await d.secrets.set(accountTokenKey(id), p.accessToken);
  const at = iso(d.clock.now());
  return d.store.write(() => {
    const a = d.store.accounts.add({
      id,
      platform: p.platform,
      name: p.name,
      instanceUrl,
      handle: verified.handle,
      requireApproval: p.requireApproval,
      hasToken: true,
      createdAt: at,
      remoteAccountId: verified.remoteAccountId,
      profileUrl: verified.profileUrl,
    });
    recordAudit(d.store, { actor, action: 'account.added', entity: 'account', entityId: id, details: { name: a.name, instanceUrl, handle: a.handle, requireApproval: a.requireApproval } }, at);
    d.store.changes.append({ kind: 'account.added', account: accountView(a) }, at);
    return a;
  });
}

export function updateAccount(d: AccountsDeps, actor: string, p: { id: string; name?: string | undefined; requireApproval?: boolean | undefined }): AccountRecord {
  const at = iso(d.clock.now());
  return d.store.write(() => {
    const prev = d.store.accounts.get(p.id);
    if (!prev) throw new RpcError('not_found', `no publishing account "${p.id}"`);
    const next = { ...prev, name: p.name ?? prev.name, requireApproval: p.requireApproval ?? prev.requireApproval };
    d.store.accounts.update(next);
    recordAudit(
      d.store,
      { actor, action: 'account.updated', entity: 'account', entityId: p.id, details: { name: [prev.name, next.name], requireApproval: [prev.requireApproval, next.requireApproval] } },
      at,
    );
    d.store.changes.append({ kind: 'account.updated', account: accountView(next) }, at);
    return next;
  });
}

/** Removes an account; its unsent posts are cancelled. Refused while a send of it may be on the wire. */
export async function removeAccount(d: AccountsDeps, actor: string, id: string): Promise<void> {
  const at = iso(d.clock.now());
  d.store.write(() => {
    if (!d.store.accounts.get(id)) throw new RpcError('not_found', `no publishing account "${id}"`);
    const busy = d.store.posts.countByAccount(id, ['publishing', 'unconfirmed']);
    if (busy > 0) throw new RpcError('conflict', `${busy} post(s) of this account are being sent or checked: try again once they are settled`);
    for (const post of d.store.posts.byStatus(['draft', 'pending_approval', 'scheduled', 'held', 'failed'], id)) {
      savePost(d.store, post, { ...post, status: 'cancelled', note: 'its publishing account was removed', notBefore: null }, { actor, action: 'post.cancelled', at, details: { accountRemoved: id } });
    }
    d.store.accounts.remove(id, at);
    recordAudit(d.store, { actor, action: 'account.removed', entity: 'account', entityId: id }, at);
    d.store.changes.append({ kind: 'account.removed', id }, at);
  });
  await d.secrets.delete(accountTokenKey(id));
}

export interface KnownAccount {
  name: string;
  platform: Platform;
  instanceUrl: string;
  token: string;
  handle: string;
  remoteAccountId: string;
  profileUrl: string | null;
  requireApproval: boolean;
}

/**
 * For the hub's demo: an account the host already knows (the sandbox brand), created on first
 * start and pointed at the sandbox's current address after a restart. No platform round trip.
 */
export async function ensureKnownAccount(d: Omit<AccountsDeps, 'publisherFor'>, actor: string, k: KnownAccount): Promise<AccountRecord> {
  const existing = d.store.accounts.list().find((a) => a.name === k.name);
  const id = existing?.id ?? randomUUID();
  await d.secrets.set(accountTokenKey(id), k.token);
  const at = iso(d.clock.now());
  return d.store.write(() => {
    if (existing) {
      const next = { ...existing, instanceUrl: trimUrl(k.instanceUrl), handle: k.handle, remoteAccountId: k.remoteAccountId, profileUrl: k.profileUrl, hasToken: true };
      d.store.accounts.update(next);
      d.store.changes.append({ kind: 'account.updated', account: accountView(next) }, at);
      return next;
    }
    const a = d.store.accounts.add({
      id,
      platform: k.platform,
      name: k.name,
      instanceUrl: trimUrl(k.instanceUrl),
      handle: k.handle,
      requireApproval: k.requireApproval,
      hasToken: true,
      createdAt: at,
      remoteAccountId: k.remoteAccountId,
      profileUrl: k.profileUrl,
    });
    recordAudit(d.store, { actor, action: 'account.added', entity: 'account', entityId: id, details: { name: a.name, instanceUrl: a.instanceUrl, handle: a.handle, requireApproval: a.requireApproval } }, at);
    d.store.changes.append({ kind: 'account.added', account: accountView(a) }, at);
    return a;
  });
}
