import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../../shared/clock.js';
import { addUser, ADMIN_TOKEN_FILE, DEMO_TOKENS_FILE, listUsers, openDataStore, removeUser, rotateToken, UserError, VERSION } from '../engine/index.js';
import { parsePublicUrl } from './public-url.js';
import { DEFAULT_PORT, startHub } from './start-hub.js';

const USAGE = `Usage:
  npm run hub -- [--data DIR] [--port N] [--host H] [--demo [SCENARIO]] [--replay FILE.jsonl] [--speed X] [--origin URL]...
                 [--public-url URL]   (the hub's address in alert links; or NEWSROOM_PUBLIC_URL)
  npm run hub -- user add NAME --role admin|crisis|lead|agent|wall [--data DIR]
  npm run hub -- user rotate NAME [--data DIR]     (a new token; the old one and its open sessions stop at once)
  npm run hub -- user remove NAME [--data DIR]     (every open session of NAME ends at once)
  npm run hub -- user list [--data DIR]
  npm run demo            (hub --demo in a fresh data dir)

The user commands work while the hub runs: it notices within a quarter of a second.`;

class UsageError extends Error {}

interface Args {
  data: string | null;
  port: number;
  host: string;
  demo: string | null;
  replay: string | null;
  speed: number | undefined;
  origins: string[];
  publicUrl: string | null;
  fresh: boolean;
  role: string | null;
  positional: string[];
}

function parse(argv: string[]): Args {
  const a: Args = { data: null, port: DEFAULT_PORT, host: '127.0.0.1', demo: null, replay: null, speed: undefined, origins: [], publicUrl: null, fresh: false, role: null, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    switch (arg) {
      case '--data': a.data = value(); break;
      case '--port': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('--port takes a port number (0–65535).');
        a.port = n;
        break;
      }
      case '--host': a.host = value(); break;
      case '--demo': {
        const next = argv[i + 1];
        a.demo = next && !next.startsWith('--') && a.positional.length === 0 ? (i++, next) : 'default';
        break;
      }
      case '--replay': a.replay = resolve(value()); break;
      case '--speed': {
        const n = Number(value());
        if (!(n > 0 && n <= 1000)) throw new UsageError('--speed takes a number above 0 (e.g. 2 for twice as fast).');
        a.speed = n;
        break;
      }
      case '--origin': a.origins.push(value()); break;
      case '--public-url':
        try {
          a.publicUrl = parsePublicUrl(value());
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        break;
      case '--role': a.role = value(); break;
      case '--fresh': a.fresh = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0);
      // falls through (exit never returns)
      default:
        if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
        a.positional.push(arg);
    }
  }
  return a;
}

/** `user …`: changes the data dir's users table directly; a running hub sees the change and ends revoked sessions. */
async function userCommand(a: Args): Promise<void> {
  const [, verb, name] = a.positional;
  const dir = resolve(a.data ?? '.data/hub');
  const needsName = verb === 'add' || verb === 'remove' || verb === 'rotate';
  if (!verb || !['add', 'remove', 'rotate', 'list'].includes(verb)) throw new UsageError(`Unknown user command "${verb ?? ''}": use add, rotate, remove or list.`);
  if (needsName && !name) throw new UsageError(`user ${verb} needs a NAME.`);
  if (a.positional.length > (needsName ? 3 : 2)) throw new UsageError(`Too many arguments: ${a.positional.join(' ')}`);
  const store = openDataStore(dir);
  try {
    if (verb === 'list') {
      for (const u of listUsers(store)) console.log(`${u.name.padEnd(24)} ${u.role.padEnd(7)} since ${u.createdAt}`);
      return;
    }
    if (verb === 'add') {
      if (!a.role) throw new UsageError('user add needs --role ROLE.');
      const token = addUser(store, systemClock, name!, a.role);
      console.log(`Created ${name} (${a.role}) in ${dir}. Their token, shown this once:\n\n  ${token}\n`);
      return;
    }
    if (verb === 'rotate') {
      const { user, token } = rotateToken(store, systemClock, name!);
      console.log(`New token for ${user.name} (${user.role}); the old one no longer works and its open sessions are ended. Shown this once:\n\n  ${token}\n`);
      if (name === 'admin') console.log(`(${join(dir, ADMIN_TOKEN_FILE)} still holds the old token: replace or delete it.)`);
      else console.log(`(If ${join(dir, DEMO_TOKENS_FILE)} lists ${name}, it still holds the old token.)`);
      return;
    }
    removeUser(store, systemClock, name!);
    console.log(`Removed ${name} from ${dir}; their open sessions are ended.`);
  } finally {
    store.close();
  }
}

async function serve(a: Args): Promise<void> {
  const dataDir = a.fresh ? mkdtempSync(join(tmpdir(), 'newsroom-demo-')) : resolve(a.data ?? '.data/hub');
  const hub = await startHub({
    dataDir,
    host: a.host,
    port: a.port,
    demo: a.demo,
    replay: a.replay,
    ...(a.speed ? { speed: a.speed } : {}),
    origins: a.origins,
    ...(a.publicUrl ? { publicUrl: a.publicUrl } : {}),
  });
  const wallToken = hub.tokens?.wall;
  console.log(`\nNewsroom hub ${VERSION} — data in ${hub.dataDir}`);
  console.log(`  Wall:     ${hub.url}/#/wall${wallToken ? `?token=${wallToken}` : ''}`);
  const crisisToken = hub.tokens?.crisis;
  const other = new URL(hub.url);
  if (crisisToken && other.hostname === '127.0.0.1') {
    // A browser remembers one sign-in per origin: localhost keeps the crisis lead apart from the wall.
    other.hostname = 'localhost';
    console.log(`  Crisis:   ${other.origin}/#/crisis?token=${crisisToken}  (the freeze switch; compose at #/compose, posts at #/posts)`);
  }
  console.log(`  Sign in:  ${hub.url}/  with a token from ${hub.tokens ? join(hub.dataDir, 'tokens.json') : join(hub.dataDir, 'admin.token')}`);
  if (hub.adminToken) console.log(`  New admin token written to ${join(hub.dataDir, 'admin.token')}`);
  console.log(`  Health:   ${hub.url}/api/health`);
  console.log(`  Alert links in webhooks and email: ${hub.publicUrl}/#/alerts/…${hub.publicUrl === hub.url ? '  (set --public-url or NEWSROOM_PUBLIC_URL to the address people reach the hub at)' : ''}`);
  if (hub.sandbox) console.log(`  Sandbox:  ${hub.sandbox.url}  (GET /_sandbox/published, POST /_sandbox/faults)`);
  console.log('Press Ctrl+C to stop.\n');
  let closing = false;
  const shutdown = () => {
    if (closing) process.exit(1);
    closing = true;
    hub.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const a = parse(process.argv.slice(2));
  if (a.positional[0] === 'user') return userCommand(a);
  if (a.positional.length) throw new UsageError(`Unknown command: ${a.positional.join(' ')}`);
  return serve(a);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError || err instanceof UserError) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    console.error(`Port in use: ${e.message}. Stop the other process or pick another --port.`);
    process.exit(1);
  }
  console.error(e.stack ?? String(e));
  process.exit(1);
});
