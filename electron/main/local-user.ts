import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { UserView } from '../../shared/domain.js';
import type { Store } from '../engine/store/store.js';
import { addUser } from '../engine/team/users.js';

export const LOCAL_USER = 'admin';

/**
 * Solo mode: the person at this computer owns the data dir, so every window acts as its admin.
 * The user is created the way a hub would on first start (token in DIR/admin.token, 0600), so the
 * same data dir can later be served by `npm run hub -- --data DIR` and the token still works.
 */
export function ensureLocalUser(store: Store, clock: Clock, dataDir: string): UserView {
  const existing = store.users.get(LOCAL_USER);
  if (existing) return existing;
  const token = addUser(store, clock, LOCAL_USER, 'admin');
  writeFileSync(join(dataDir, 'admin.token'), `${token}\n`, { mode: 0o600 });
  return { name: LOCAL_USER, role: 'admin' };
}
