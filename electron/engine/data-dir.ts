import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { UserView } from '../../shared/domain.js';
import { openStore, type Store } from './store/store.js';
import { SYSTEM_ACTOR } from './team/audit.js';
import { generateToken, hashToken } from './team/tokens.js';
import { addUser, DEMO_USERS, type UserActor } from './team/users.js';

/**
 * One data dir, whoever opens it (the hub, the desktop app, the hub's `user` commands): the same
 * file names, the same owner-only modes, the same first admin. It holds private messages, token
 * hashes and (hub) platform tokens, so nothing in it is readable by other users of the machine.
 */
export const DB_FILE = 'newsroom.db';
export const ADMIN_TOKEN_FILE = 'admin.token';
export const DEMO_TOKENS_FILE = 'tokens.json';

const BOOTSTRAP: UserActor = { actor: SYSTEM_ACTOR, announce: false };

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing one keeps whatever it had.
  chmodSync(path, 0o600);
}

/**
 * Creates the dir (0700) or repairs its mode, and makes every file directly in it owner-only
 * (0600): the database, its WAL and shared-memory files, token and secrets files. Symlinks and
 * subdirectories (the desktop app's browser profile) are left alone.
 */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

/**
 * Opens (creating) the dir's database with owner-only modes. The file is created 0600 before
 * SQLite opens it: SQLite gives the WAL and shared-memory files the database file's mode.
 */
export function openDataStore(dir: string): Store {
  prepareDataDir(dir);
  const path = join(dir, DB_FILE);
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const store = openStore(path);
  for (const extra of [`${path}-wal`, `${path}-shm`]) if (existsSync(extra)) chmodSync(extra, 0o600);
  return store;
}

/**
 * First start in an empty data dir: user admin, its token in DIR/admin.token (0600). Also when
 * `user add` ran before the first start, so a data dir never ends up without an admin.
 */
export function ensureAdmin(store: Store, clock: Clock, dir: string): string | null {
  if (store.users.countWithRole('admin') > 0 || store.users.get('admin')) return null;
  const token = addUser(store, clock, 'admin', 'admin', BOOTSTRAP);
  writePrivate(join(dir, ADMIN_TOKEN_FILE), `${token}\n`);
  return token;
}

/**
 * Demo users, one per role, with their tokens in DIR/tokens.json. A user whose token is no longer
 * on file gets a fresh one (the store keeps only hashes, so the old one cannot be shown again).
 */
export function ensureDemoUsers(store: Store, clock: Clock, dir: string): Record<string, string> {
  const path = join(dir, DEMO_TOKENS_FILE);
  const tokens: Record<string, string> = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  const adminFile = join(dir, ADMIN_TOKEN_FILE);
  if (!tokens.admin && existsSync(adminFile)) tokens.admin = readFileSync(adminFile, 'utf8').trim();
  for (const { name, role } of DEMO_USERS) {
    const existing = store.users.get(name);
    if (!existing) tokens[name] = addUser(store, clock, name, role, BOOTSTRAP);
    else if (!tokens[name] || store.users.byTokenHash(hashToken(tokens[name]!))?.name !== name) {
      const token = generateToken();
      store.users.setTokenHash(name, hashToken(token));
      tokens[name] = token;
    }
  }
  writePrivate(path, `${JSON.stringify(tokens, null, 2)}\n`);
  return tokens;
}

export interface DataDir {
  dir: string;
  store: Store;
  /** The admin's token when this start created the admin (it is also in DIR/admin.token). */
  adminToken: string | null;
  /** The demo users' tokens (also in DIR/tokens.json), when asked for. */
  tokens: Record<string, string> | null;
}

/** Opens a data dir for a host: the store, the first admin, and (demo) one user per role. */
export function openDataDir(dir: string, opts: { clock: Clock; demoUsers?: boolean }): DataDir {
  const store = openDataStore(dir);
  try {
    const adminToken = ensureAdmin(store, opts.clock, dir);
    const tokens = opts.demoUsers ? ensureDemoUsers(store, opts.clock, dir) : null;
    return { dir, store, adminToken, tokens };
  } catch (err) {
    store.close();
    throw err;
  }
}

/**
 * The desktop app in solo mode: the person at this computer owns the data dir and acts as its
 * admin (the user `admin`, or another admin if that one was removed).
 */
export function localAdmin(store: Store): UserView {
  const named = store.users.get('admin');
  if (named?.role === 'admin') return named;
  const other = store.users.list().find((u) => u.role === 'admin');
  if (!other) throw new Error('This data dir has no admin user. Start it once with `npm run hub -- --data DIR` to create one.');
  return { name: other.name, role: other.role };
}
