import type { Platform } from '../../../shared/domain.js';
import type { SecretStore } from '../engine-types.js';
import type { AccountRecord } from '../store/publish-accounts-repo.js';
import { accountTokenKey, PublishError, type Publisher } from './publisher.js';

/** "https://h:8080/users/x/statuses/123" → "123": a status's id on its own server. */
export function statusIdInUri(uri: string | null): string | null {
  if (!uri) return null;
  const m = /\/statuses\/([^/?#]+)$/.exec(uri);
  return m ? m[1]! : null;
}

/** Whether a post's address is on this server (scheme, host and port). */
export function onServer(uri: string, serverUrl: string | null): boolean {
  if (!serverUrl) return false;
  try {
    return new URL(uri).origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}

export type ReplyParent = { id: string } | { why: string };

export type ReplyParentResolver = (account: AccountRecord, uri: string | null) => Promise<ReplyParent>;

/**
 * The id a reply from `account` names its parent by. A post on the account's own server is known
 * there by the id in its address; a post from another server has another id there, which only
 * that server can tell (it fetches the post if it has not seen it). Guessing would thread the
 * reply under whatever post happens to have that number, so a failed look-up refuses the reply.
 */
export function createReplyParentResolver(d: { secrets: SecretStore; publisherFor(platform: Platform): Publisher | null }): ReplyParentResolver {
  return async (account, uri) => {
    const own = statusIdInUri(uri);
    if (uri === null) return { why: "the customer's post has no address to reply to: answer on the platform" };
    if (own !== null && onServer(uri, account.instanceUrl)) return { id: own };
    const publisher = d.publisherFor(account.platform);
    if (!publisher?.resolveStatus) return { why: `${account.name} cannot look up posts from other servers: answer on the platform` };
    const token = await d.secrets.get(accountTokenKey(account.id)).catch(() => null);
    if (token === null) return { why: `no access token is stored for ${account.name}: add the account again` };
    try {
      // The publisher's own request deadline (on the engine's clock) bounds the wait.
      const id = await publisher.resolveStatus({ instanceUrl: account.instanceUrl, token, remoteAccountId: account.remoteAccountId }, uri, new AbortController().signal);
      return id === null ? { why: `${new URL(account.instanceUrl).host} cannot find the customer's post (${uri}): it may be deleted or private; answer on the platform` } : { id };
    } catch (err) {
      const msg = err instanceof PublishError || err instanceof Error ? err.message : String(err);
      return { why: `could not look up the customer's post from ${account.name} (${msg}): try again in a moment` };
    }
  };
}
