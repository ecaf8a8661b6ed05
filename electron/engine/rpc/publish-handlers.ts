import type { Clock } from '../../../shared/clock.js';
import type { MethodName } from '../../../shared/methods.js';
import { RpcError } from '../../../shared/errors.js';
import type { SecretStore } from '../engine-types.js';
import { addAccount, removeAccount, updateAccount, type AccountsDeps } from '../publish/accounts-service.js';
import { configureFreeze, dismissSuggestion, setFreeze, suggestFreeze } from '../publish/freeze-service.js';
import { approvePost, cancelPost, createPosts, releasePost, schedulePost, updatePost } from '../publish/posts-service.js';
import type { Publishing } from '../publish/publishing.js';
import { accountView } from '../store/publish-accounts-repo.js';
import { postView } from '../store/posts-repo.js';
import type { Store } from '../store/store.js';
import type { Handlers } from './handlers.js';

export interface PublishHandlerDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  publishing: Publishing;
}

type PublishMethod = Extract<MethodName, `accounts.${string}` | `freeze.${string}` | `posts.${string}` | `audit.${string}`>;

/** accounts.*, freeze.*, posts.*, audit.*: thin adapters over the publish services. */
export function createPublishHandlers(d: PublishHandlerDeps): Pick<Handlers, PublishMethod> {
  const { store } = d;
  const fd = { store, clock: d.clock };
  const ad: AccountsDeps = { store, clock: d.clock, secrets: d.secrets, publisherFor: d.publishing.publisherFor };

  return {
    'accounts.list': () => ({ accounts: store.accounts.list().map(accountView) }),
    'accounts.add': async (user, p) => ({ account: accountView(await addAccount(ad, user.name, p, new AbortController().signal)) }),
    'accounts.update': (user, p) => ({ account: accountView(updateAccount(ad, user.name, p)) }),
    'accounts.remove': async (user, p) => {
      await removeAccount(ad, user.name, p.id);
      return { ok: true };
    },

    'freeze.get': () => ({ freeze: store.freeze.get(), suggestions: store.freeze.openSuggestions() }),
    'freeze.set': (user, p) => setFreeze(fd, user.name, p),
    'freeze.suggest': (user, p) => ({ suggestion: suggestFreeze(fd, { reason: p.reason, evidence: p.evidence, by: user.name }) }),
    'freeze.dismiss': (user, p) => ({ suggestion: dismissSuggestion(fd, user.name, p.id) }),
    'freeze.configure': (user, p) => ({ freeze: configureFreeze(fd, user.name, p.liftRequiresSecondPerson) }),

    'posts.create': (user, p) => ({ posts: createPosts(fd, user, p).map(postView) }),
    'posts.update': (user, p) => ({ post: postView(updatePost(fd, user, p)) }),
    'posts.approve': (user, p) => ({ post: postView(approvePost(fd, user, p.id)) }),
    'posts.schedule': (user, p) => ({ post: postView(schedulePost(fd, user, p)) }),
    'posts.list': (_user, p) => {
      const statuses = p.status === undefined ? undefined : Array.isArray(p.status) ? p.status : [p.status];
      // One more than asked tells whether another page follows.
      const rows = store.posts.list({ statuses, limit: p.limit + 1, before: p.before === undefined ? undefined : decodePostsCursor(p.before) });
      const page = rows.slice(0, p.limit);
      const last = page.at(-1);
      return { posts: page.map(postView), next: rows.length > p.limit && last ? encodePostsCursor(last) : null };
    },
    'posts.release': (user, p) => ({ post: postView(releasePost(fd, user, p)) }),
    'posts.cancel': (user, p) => ({ post: postView(cancelPost(fd, user, p.id)) }),

    'audit.list': (_user, p) => ({ entries: store.audit.list(p) }),
  };
}

/** An opaque page position: the last post's creation time and id (ids break ties within a millisecond). */
function encodePostsCursor(p: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([p.createdAt, p.id])).toString('base64url');
}

function decodePostsCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { createdAt: v[0], id: v[1] };
  } catch {
    // falls through to the error below
  }
  throw new RpcError('invalid_input', 'before: pass the `next` value of a previous posts.list answer');
}
