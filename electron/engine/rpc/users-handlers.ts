import type { Clock } from '../../../shared/clock.js';
import { RpcError } from '../../../shared/errors.js';
import type { MethodName } from '../../../shared/methods.js';
import type { Store } from '../store/store.js';
import { addUser, listUsers, removeUser, rotateToken, UserError, type UserActor } from '../team/users.js';
import type { Handlers } from './handlers.js';

export interface UsersHandlerDeps {
  store: Store;
  clock: Clock;
  usersChanged(): void;
}

type UsersMethod = Extract<MethodName, `users.${string}`>;

const CODES = { invalid: 'invalid_input', not_found: 'not_found', conflict: 'conflict' } as const;

function mapped<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UserError) throw new RpcError(CODES[err.kind], err.message);
    throw err;
  }
}

/** users.*: thin adapters over team/users.ts; a token is in the answer once and never again. */
export function createUsersHandlers(d: UsersHandlerDeps): Pick<Handlers, UsersMethod> {
  const { store, clock } = d;
  const by = (name: string): UserActor => ({ actor: name, announce: true });
  return {
    'users.list': () => ({ users: listUsers(store) }),
    'users.add': (user, p) => {
      const token = mapped(() => addUser(store, clock, p.name, p.role, by(user.name)));
      return { user: { name: p.name, role: p.role }, token };
    },
    'users.remove': (user, p) => {
      mapped(() => removeUser(store, clock, p.name, by(user.name)));
      d.usersChanged();
      return { ok: true };
    },
    'users.rotate': (user, p) => {
      const r = mapped(() => rotateToken(store, clock, p.name, by(user.name)));
      d.usersChanged();
      return r;
    },
  };
}
