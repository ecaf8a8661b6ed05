import type { Clock } from '../../../shared/clock.js';
import type { UserView } from '../../../shared/domain.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { Store } from '../store/store.js';
import { generateToken, hashToken } from './tokens.js';

export const DEMO_USERS: ReadonlyArray<{ name: string; role: Role }> = [
  { name: 'crisis', role: 'crisis' },
  { name: 'lead', role: 'lead' },
  { name: 'agent1', role: 'agent' },
  { name: 'agent2', role: 'agent' },
  { name: 'wall', role: 'wall' },
];

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

export class UserError extends Error {}

/** Creates a user and returns its token: the only time the plain token exists outside its holder. */
export function addUser(store: Store, clock: Clock, name: string, role: string): string {
  if (!NAME.test(name)) throw new UserError(`"${name}" is not a valid user name: use letters, digits, . _ - (up to 64).`);
  if (!(ROLES as readonly string[]).includes(role)) throw new UserError(`"${role}" is not a role: use one of ${ROLES.join(', ')}.`);
  if (store.users.get(name)) throw new UserError(`User "${name}" exists already.`);
  const token = generateToken();
  store.users.add(name, role as Role, hashToken(token), new Date(clock.now()).toISOString());
  return token;
}

export function authenticate(store: Store, token: string): UserView | null {
  if (!token || token.length > 200) return null;
  return store.users.byTokenHash(hashToken(token));
}
