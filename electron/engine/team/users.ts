import type { Clock } from '../../../shared/clock.js';
import { USER_NAME, type UserInfo, type UserView } from '../../../shared/domain.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import { generateToken, hashToken } from './tokens.js';

export const DEMO_USERS: ReadonlyArray<{ name: string; role: Role }> = [
  { name: 'crisis', role: 'crisis' },
  { name: 'lead', role: 'lead' },
  { name: 'agent1', role: 'agent' },
  { name: 'agent2', role: 'agent' },
  { name: 'wall', role: 'wall' },
];

/** A user-management mistake, in words for the person who made it (the CLI prints it; RPC maps it). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not_found' | 'conflict' = 'invalid',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * Who did it, and whether the change may go on the change feed. Only the process that owns the
 * feed (the engine) announces; the CLI, which may run beside a live hub, writes the audit row alone.
 */
export interface UserActor {
  actor: string;
  announce: boolean;
}

const CLI: UserActor = { actor: 'cli', announce: false };

function audit(store: Store, by: UserActor, action: string, name: string, at: string, details: Record<string, unknown>): void {
  const entry = { actor: by.actor, action, entity: 'user' as const, entityId: name, details };
  if (by.announce) recordAudit(store, entry, at);
  else store.audit.add({ at, ...entry, from: null, to: null });
}

function mustExist(store: Store, name: string): UserView {
  const u = store.users.get(name);
  if (!u) throw new UserError(`No user "${name}" on this hub: \`user list\` (or users.list) shows who there is.`, 'not_found');
  return u;
}

/** Creates a user and returns its token: the only time the plain token exists outside its holder. */
export function addUser(store: Store, clock: Clock, name: string, role: string, by: UserActor = CLI): string {
  if (!USER_NAME.test(name)) throw new UserError(`"${name}" is not a valid user name: use letters, digits, . _ - (up to 64).`);
  if (!(ROLES as readonly string[]).includes(role)) throw new UserError(`"${role}" is not a role: use one of ${ROLES.join(', ')}.`);
  const at = new Date(clock.now()).toISOString();
  return store.write(() => {
    if (store.users.get(name)) throw new UserError(`User "${name}" exists already.`, 'conflict');
    const token = generateToken();
    store.users.add(name, role as Role, hashToken(token), at);
    audit(store, by, 'user.added', name, at, { role });
    return token;
  });
}

/** A new token for `name`; the old one stops working at once (open sessions are ended by the engine). */
export function rotateToken(store: Store, clock: Clock, name: string, by: UserActor = CLI): { user: UserView; token: string } {
  const at = new Date(clock.now()).toISOString();
  return store.write(() => {
    const user = mustExist(store, name);
    const token = generateToken();
    store.users.setTokenHash(name, hashToken(token));
    audit(store, by, 'user.token_rotated', name, at, { role: user.role });
    return { user, token };
  });
}

/** Removes a user. The last admin stays: a hub nobody can administer can only be fixed by hand. */
export function removeUser(store: Store, clock: Clock, name: string, by: UserActor = CLI): void {
  const at = new Date(clock.now()).toISOString();
  store.write(() => {
    const user = mustExist(store, name);
    if (user.role === 'admin' && store.users.countWithRole('admin') === 1) {
      throw new UserError(`"${name}" is the last admin: add another admin before removing this one.`, 'conflict');
    }
    store.users.remove(name);
    audit(store, by, 'user.removed', name, at, { role: user.role });
  });
}

export function listUsers(store: Store): UserInfo[] {
  return store.users.list();
}

export function authenticate(store: Store, token: string): UserView | null {
  if (!token || token.length > 200) return null;
  return store.users.byTokenHash(hashToken(token));
}
