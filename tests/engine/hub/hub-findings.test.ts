import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { createSandbox, type Sandbox } from '../../../electron/sandbox/create-sandbox.js';
import { post } from '../helpers/posts.js';
import { childHub, expectAlive, stopHub, wsExchange, type HubProcess } from './hub-process-helpers.js';
import { hubOn, quietLog, rpc, tmpDataDir, WsClient } from './hub-helpers.js';
import { rawRequest, statusOf, WS_UPGRADE_HEADERS } from './raw-http.js';

/**
 * One test per finding of issue 8 ("The hub's doors"). Findings 1–3 killed the process, so they run
 * against a real hub process and check it still answers afterwards.
 */
let child: (HubProcess & { admin: string }) | null = null;
let hub: Hub | null = null;
let sandbox: Sandbox | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  if (child) await stopHub(child, 'SIGKILL');
  child = null;
  await hub?.close();
  hub = null;
  await sandbox?.close();
  sandbox = null;
  vi.restoreAllMocks();
});

const portOf = (url: string) => Number(new URL(url).port);

function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function signedIn(url: string, token: string): Promise<WsClient> {
  const c = new WsClient(url);
  sockets.push(c.ws);
  await c.opened;
  c.send({ type: 'auth', token, since: null });
  await c.waitFor((m) => m.some((x) => x.type === 'ready'));
  return c;
}

describe('finding 1: a malformed percent-encoding in the RPC path', () => {
  it('is a 400 with the JSON error, and the hub keeps running (no token needed to try)', async () => {
    child = await childHub();
    for (const path of ['/api/rpc/%E0%A4%A', '/api/rpc/%zz', '/api/rpc/%']) {
      for (const method of ['POST', 'GET']) {
        const res = await fetch(`${child.url}${path}`, { method });
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'invalid_input' } });
      }
    }
    await expectAlive(child);
  });
});

describe('finding 2: request lines a URL parser chokes on', () => {
  it('are answered (400 for an unparseable absolute form), on plain requests and WebSocket upgrades alike', async () => {
    child = await childHub();
    const port = child.port;
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const answers = {
      slashBracket: await rawRequest(port, `GET //[ HTTP/1.1\r\n${host}\r\n`),
      absolute: await rawRequest(port, `GET http://%zz/ HTTP/1.1\r\n${host}\r\n`),
      upgradeSlashBracket: await rawRequest(port, `GET //[ HTTP/1.1\r\n${host}${WS_UPGRADE_HEADERS}\r\n`),
      upgradeAbsolute: await rawRequest(port, `GET http://%zz/api/ws HTTP/1.1\r\n${host}${WS_UPGRADE_HEADERS}\r\n`),
    };
    expect(statusOf(answers.slashBracket)).not.toBeNull();
    expect(statusOf(answers.absolute)).toBe(400);
    expect(statusOf(answers.upgradeSlashBracket)).toBe(404);
    expect(statusOf(answers.upgradeAbsolute)).toBe(400);
    await expectAlive(child);
  });
});

describe('finding 3: WebSocket frames and the Origin check', () => {
  it('a frame whose fields are objects (toString: 1) gets an error frame, before and after auth; the hub lives', async () => {
    child = await childHub();
    const before = await wsExchange(child.url, ['{"type":{"toString":1}}', '{"type":"auth","token":{"toString":1},"since":null}']);
    expect(before.messages.map((m) => JSON.parse(m) as unknown)).toContainEqual({ type: 'error', error: { code: 'invalid_input', message: expect.any(String) } });
    await expectAlive(child);
    const after = await wsExchange(child.url, [
      JSON.stringify({ type: 'auth', token: child.admin, since: null }),
      '{"type":"call","id":1,"method":{"toString":1},"params":{}}',
      '{"type":"call","id":{"valueOf":1},"method":"me.get"}',
    ]);
    const parsed = after.messages.map((m) => JSON.parse(m) as { type: string; id?: unknown; error?: { code: string } });
    expect(parsed[0]).toMatchObject({ type: 'ready' });
    expect(parsed.filter((m) => m.type === 'error').map((m) => m.error?.code)).toEqual(['invalid_input', 'invalid_input']);
    await expectAlive(child);
  });

  it('on a hub bound to all interfaces, a DNS-rebound page (Origin = http://<its own Host>) is refused', async () => {
    hub = await hubOn(tmpDataDir(), { host: '0.0.0.0' });
    const port = portOf(hub.url);
    const rebound = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { origin: `http://evil.example:${port}`, headers: { Host: `evil.example:${port}` } });
    sockets.push(rebound);
    const status = await new Promise<number | 'open'>((ok) => {
      rebound.once('open', () => ok('open'));
      rebound.once('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
      rebound.once('error', () => ok(0));
    });
    expect(status).toBe(403);
    // The page the hub served itself, reached by one of its own addresses, still connects.
    const own = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { origin: `http://127.0.0.1:${port}` });
    sockets.push(own);
    await new Promise<void>((ok, fail) => {
      own.once('open', () => ok());
      own.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    });
  });
});

describe('finding 5: revoked access stops at once', () => {
  it('users.add / rotate / remove (admins only) close every open session of that user within a second', async () => {
    hub = await hubOn(tmpDataDir());
    const admin = hub.adminToken!;
    const added = await rpc(hub, 'users.add', admin, { name: 'dana', role: 'lead' });
    expect(added.status).toBe(200);
    const first = added.body.token as string;
    expect(added.body.user).toMatchObject({ name: 'dana', role: 'lead' });
    expect((await rpc(hub, 'users.add', first, { name: 'eve', role: 'admin' })).status).toBe(403);

    const desk = await signedIn(hub.url, first);
    const wall = await signedIn(hub.url, first);
    const rotated = await rpc(hub, 'users.rotate', admin, { name: 'dana' });
    expect(rotated.status).toBe(200);
    const second = rotated.body.token as string;
    const t0 = Date.now();
    await desk.waitFor(() => desk.closeCode !== null && wall.closeCode !== null, 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(desk.closeCode).toBe(4401);
    expect(desk.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    expect((await rpc(hub, 'me.get', first)).status).toBe(401);
    expect((await rpc(hub, 'me.get', second)).body).toEqual({ name: 'dana', role: 'lead' });

    const again = await signedIn(hub.url, second);
    expect((await rpc(hub, 'users.remove', admin, { name: 'dana' })).body).toEqual({ ok: true });
    await again.waitFor(() => again.closeCode === 4401, 1000);
    expect((await rpc(hub, 'me.get', second)).status).toBe(401);
    const listed = (await rpc(hub, 'users.list', admin)).body.users as Array<{ name: string }>;
    expect(listed.map((u) => u.name)).toEqual(['admin']);
    // The last admin stays: a hub nobody can administer is a hub nobody can fix.
    expect(await rpc(hub, 'users.remove', admin, { name: 'admin' })).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });

  it('`hub user rotate` and `hub user remove` on the command line end the running hub’s sessions too', async () => {
    child = await childHub();
    const add = cli('user', 'add', 'dana', '--role', 'agent', '--data', child.dataDir);
    expect(add.status).toBe(0);
    const first = /\b(nr_[\w-]+)/.exec(add.out)![1]!;
    const c = await signedIn(child.url, first);
    const rotate = cli('user', 'rotate', 'dana', '--data', child.dataDir);
    expect(rotate.status, rotate.out).toBe(0);
    const second = /\b(nr_[\w-]+)/.exec(rotate.out)![1]!;
    expect(second).not.toBe(first);
    await c.waitFor(() => c.closeCode === 4401, 1000);
    const c2 = await signedIn(child.url, second);
    const remove = cli('user', 'remove', 'dana', '--data', child.dataDir);
    expect(remove.status, remove.out).toBe(0);
    await c2.waitFor(() => c2.closeCode === 4401, 1000);
    expect(cli('user', 'remove', 'nobody', '--data', child.dataDir).status).toBe(2);
    await expectAlive(child);
  });
});

describe('finding 8: the smaller doors', () => {
  it('creates the data dir owner-only and the database, WAL and token files 0600', async () => {
    const dir = join(tmpDataDir(), 'fresh');
    hub = await hubOn(dir);
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post() }]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['newsroom.db', 'newsroom.db-wal', 'newsroom.db-shm', 'admin.token']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    }
  });

  it('repairs the modes of an existing data dir at start', async () => {
    const dir = join(tmpDataDir(), 'old');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const store = openStore(join(dir, 'newsroom.db'));
    store.close();
    writeFileSync(join(dir, 'secrets.json'), '{}', { mode: 0o644 });
    for (const f of ['newsroom.db', 'secrets.json']) chmodSync(join(dir, f), 0o644);
    hub = await hubOn(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['newsroom.db', 'newsroom.db-wal', 'secrets.json']) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
  });

  it('logs failed sign-ins (rate-limited, never the token) and answers 429 to an address that keeps failing', async () => {
    const warnings: string[] = [];
    hub = await hubOn(tmpDataDir(), { log: { ...quietLog, warn: (m, d) => warnings.push(`${m} ${JSON.stringify(d ?? {})}`) } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await rpc(hub, 'me.get', `nr_guess_${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    const limited = await rpc(hub, 'me.get', 'nr_guess_x');
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    const failed = warnings.filter((w) => /sign-in/i.test(w));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(3);
    expect(failed[0]).toMatch(/127\.0\.0\.1/);
    expect(warnings.join('\n')).not.toMatch(/nr_guess/);
    // Someone with a valid token at the same address is not locked out by the guesser.
    expect((await rpc(hub, 'me.get', hub.adminToken)).status).toBe(200);
    const ws = await wsExchange(hub.url, [JSON.stringify({ type: 'auth', token: 'nr_guess_ws', since: null })]);
    expect(JSON.parse(ws.messages[0]!)).toMatchObject({ type: 'error', error: { code: 'rate_limited' } });
  });

  it('serves only the Host names it answers to (bound host, localhost, --origin hosts)', async () => {
    hub = await hubOn(tmpDataDir(), { origins: ['https://wall.example.org'] });
    const port = portOf(hub.url);
    const health = (host: string) => rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(await health(`evil.example:${port}`))).toBe(403);
    expect(statusOf(await health(`127.0.0.1:${port}`))).toBe(200);
    expect(statusOf(await health(`localhost:${port}`))).toBe(200);
    expect(statusOf(await health('wall.example.org'))).toBe(200);
    const upgrade = await rawRequest(port, `GET /api/ws HTTP/1.1\r\nHost: evil.example:${port}\r\n${WS_UPGRADE_HEADERS}\r\n`);
    expect(statusOf(upgrade)).toBe(403);
  });

  it('answers a body over the cap with 413 and the JSON error, not a reset', async () => {
    hub = await hubOn(tmpDataDir());
    const big = await rpc(hub, 'me.get', hub.adminToken, JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'invalid_input', message: expect.stringMatching(/1 MiB/) } } });
    await expect(fetch(`${hub.url}/api/health`).then((r) => r.status)).resolves.toBe(200);
  });

  it('redacts a deleted item’s earlier payloads in the change feed, so replay never sends its words again', async () => {
    hub = await hubOn(tmpDataDir());
    const p = { ...post(), text: 'my card is 4111 1111 1111 1111', html: '<p>my card is 4111 1111 1111 1111</p>' };
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: p }]);
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: { ...p, editedAt: new Date().toISOString(), text: 'my card is 4111 1111 1111 1111 (edit)', html: '<p>my card is 4111 1111 1111 1111 (edit)</p>' } }]);
    hub.engine.pipeline.ingest('test', [{ op: 'delete', platform: 'mastodon', nativeId: p.nativeId }]);
    const feed = hub.store.changes.changesSince(0, 100);
    expect(feed.map((e) => e.change.kind)).toEqual(['item.added', 'item.updated', 'item.deleted']);
    expect(JSON.stringify(feed)).not.toMatch(/4111/);
    // Each earlier change still carries an item, with its own seq (the replica keeps the highest), now a tombstone.
    const items = feed.map((e) => (e.change as { item: { seq: number; deletedAt: string | null } }).item);
    expect(items.map((i) => i.seq)).toEqual(feed.map((e) => e.seq));
    expect(items.every((i) => i.deletedAt !== null)).toBe(true);
    const c = new WsClient(hub.url);
    sockets.push(c.ws);
    await c.opened;
    c.send({ type: 'auth', token: hub.adminToken, since: 0 });
    await c.waitFor(() => c.changes().length === 3);
    expect(JSON.stringify(c.messages)).not.toMatch(/4111/);
  });

  it('says the disk is full when a write fails for want of space, instead of a bare 500', async () => {
    hub = await hubOn(tmpDataDir());
    vi.spyOn(hub.store.freeze, 'set').mockImplementation(() => {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    });
    const r = await rpc(hub, 'freeze.set', hub.adminToken, { frozen: true, reason: 'drill' });
    expect(r.status).toBe(500);
    expect((r.body.error as { message: string }).message).toMatch(/disk is full/i);
    expect((r.body.error as { message: string }).message).toMatch(/nothing was changed/i);
  });

  it('serves a CSP whose connect-src is only the hub itself and the configured origins', async () => {
    const dir = tmpDataDir();
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    hub = await hubOn(dir, { staticDir, origins: ['https://wall.example.org'] });
    const csp = (await fetch(`${hub.url}/`)).headers.get('content-security-policy') ?? '';
    const connect = /connect-src ([^;]*)/.exec(csp)![1]!.split(/\s+/);
    expect(connect).toContain("'self'");
    expect(connect).not.toContain('ws:');
    expect(connect).not.toContain('wss:');
    expect(connect).toEqual(expect.arrayContaining(['https://wall.example.org', 'wss://wall.example.org']));
  });

  it('replays to a client that does not read at the pace of its socket, not all at once into memory', async () => {
    hub = await hubOn(tmpDataDir());
    const now = new Date().toISOString();
    const filler = 'x'.repeat(5_000);
    hub.store.write(() => {
      for (let i = 0; i < 6_000; i++) hub!.store.changes.append({ kind: 'source.removed', id: `${filler}${i}` }, now);
    });
    let maxBuffered = 0;
    const send = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      maxBuffered = Math.max(maxBuffered, this.bufferedAmount);
      return send.apply(this, args);
    });
    const slow = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/api/ws`);
    sockets.push(slow);
    await new Promise((ok) => slow.once('open', ok));
    slow.send(JSON.stringify({ type: 'auth', token: hub.adminToken, since: 0 }));
    slow.pause();
    await new Promise((r) => setTimeout(r, 1500));
    // 30 MB of backlog; the hub holds at most a few MiB of it for this client at any time.
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(4 * 1024 * 1024);
    let received = 0;
    slow.on('message', () => received++);
    slow.resume();
    await new Promise<void>((ok, fail) => {
      const end = Date.now() + 15_000;
      const check = () => (received >= 6_001 ? ok() : Date.now() > end ? fail(new Error(`got ${received}`)) : setTimeout(check, 50));
      check();
    });
  });
});

describe('finding 8: the sandbox control API', () => {
  it('refuses a cross-origin-style text/plain POST; takes application/json', async () => {
    sandbox = await createSandbox({ port: 0, scenario: null, paused: true });
    const body = JSON.stringify({ faults: [{ kind: 'status', status: 500, count: 1 }] });
    const plain = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
    expect(plain.status).toBe(415);
    const form = await fetch(`${sandbox.url}/_sandbox/inject`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'author=x&text=y' });
    expect(form.status).toBe(415);
    expect(((await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()) as { active: unknown[] }).active).toEqual([]);
    const json = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(json.status).toBe(200);
  });
});
