import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { Store } from '../engine/store/store.js';
import { hashToken, generateToken } from '../engine/team/tokens.js';
import { addUser, DEMO_USERS } from '../engine/team/users.js';

export const DB_FILE = 'newsroom.db';

export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

/**
 * First start in an empty data dir: user admin, its token in DIR/admin.token (0600). Also when
 * `user add` ran before the first start, so a data dir never ends up without an admin.
 */
export function ensureAdmin(store: Store, clock: Clock, dir: string): string | null {
  if (store.users.countWithRole('admin') > 0 || store.users.get('admin')) return null;
  const token = addUser(store, clock, 'admin', 'admin');
  writePrivate(join(dir, 'admin.token'), `${token}\n`);
  return token;
}

/**
 * Demo users, one per role, with their tokens in DIR/tokens.json. A user whose token is no longer
 * on file gets a fresh one (the store keeps only hashes, so the old one cannot be shown again).
 */
export function ensureDemoUsers(store: Store, clock: Clock, dir: string): Record<string, string> {
  const path = join(dir, 'tokens.json');
  const tokens: Record<string, string> = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  const adminFile = join(dir, 'admin.token');
  if (!tokens.admin && existsSync(adminFile)) tokens.admin = readFileSync(adminFile, 'utf8').trim();
  for (const { name, role } of DEMO_USERS) {
    const existing = store.users.get(name);
    if (!existing) tokens[name] = addUser(store, clock, name, role);
    else if (!tokens[name] || store.users.byTokenHash(hashToken(tokens[name]!))?.name !== name) {
      const token = generateToken();
      store.users.setTokenHash(name, hashToken(token));
      tokens[name] = token;
    }
  }
  writePrivate(path, `${JSON.stringify(tokens, null, 2)}\n`);
  return tokens;
}
