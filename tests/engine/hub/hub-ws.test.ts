import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { systemClock } from '../../../shared/clock.js';
import { post } from '../helpers/posts.js';
import { changeAccess } from '../../../shared/changes.js';
import { hubOn, rpc, tmpDataDir, WsClient } from './hub-helpers.js';

let hub: Hub | null = null;
const clients: WsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.close();
  hub = null;
});

function client(url: string, origin?: string): WsClient {
  const c = new WsClient(url, origin);
  clients.push(c);
  return c;
}

function ingest(h: Hub, n: number): void {
  h.engine.pipeline.ingest('test', Array.from({ length: n }, () => ({ op: 'upsert' as const, post: post() })));
}

describe('hub WebSocket', () => {
  it("refuses a foreign Origin and accepts the hub's own", async () => {
    hub = await hubOn(tmpDataDir());
    await expect(client(hub.url, 'https://evil.example').opened).rejects.toThrow(/403/);
    await expect(client(hub.url, 'null').opened).rejects.toThrow(/403/);
    const port = new URL(hub.url).port;
    await client(hub.url, `http://127.0.0.1:${port}`).opened;
    await client(hub.url, `http://localhost:${port}`).opened;
    await client(hub.url).opened;
  });

  it('accepts a configured extra origin', async () => {
    hub = await hubOn(tmpDataDir(), { origins: ['https://wall.example.org'] });
    await client(hub.url, 'https://wall.example.org').opened;
  });

  it('rejects a wrong token with an unauthorized error and closes', async () => {
    hub = await hubOn(tmpDataDir());
    const c = client(hub.url);
    await c.opened;
    c.send({ type: 'auth', token: 'nr_wrong', since: null });
    await c.waitFor((m) => m.some((x) => x.type === 'error'));
    expect(c.messages[0]).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    await c.waitFor(() => c.closeCode !== null);
    expect(c.closeCode).toBe(4401);
  });

  it('sends ready, then live changes in seq order', async () => {
    hub = await hubOn(tmpDataDir());
    const c = client(hub.url);
    await c.opened;
    c.send({ type: 'auth', token: hub.adminToken, since: null });
    await c.waitFor((m) => m.some((x) => x.type === 'ready'));
    expect(c.messages[0]).toMatchObject({ type: 'ready', seq: 0, user: { name: 'admin', role: 'admin' } });
    ingest(hub, 5);
    await c.waitFor(() => c.changes().length === 5);
    expect(c.changes().map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.changes()[0]!.change.kind).toBe('item.added');
  });

  it('resumes from since with exactly the changes after it, across a hub restart', async () => {
    const dir = tmpDataDir();
    hub = await hubOn(dir);
    const token = hub.adminToken!;
    ingest(hub, 2500);
    await hub.close();
    hub = await hubOn(dir);
    ingest(hub, 10);
    const c = client(hub.url);
    await c.opened;
    c.send({ type: 'auth', token, since: 1234 });
    await c.waitFor(() => c.changes().length === 2510 - 1234, 10_000);
    // While the backlog streams, new changes must neither be lost nor repeated.
    ingest(hub, 3);
    await c.waitFor(() => c.changes().length === 2513 - 1234, 10_000);
    const seqs = c.changes().map((x) => x.seq);
    expect(seqs[0]).toBe(1235);
    expect(seqs.at(-1)).toBe(2513);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
  });

  it('answers calls with results and errors, enforcing roles', async () => {
    hub = await hubOn(tmpDataDir());
    const wall = addUser(hub.store, systemClock, 'wall', 'wall');
    const c = client(hub.url);
    await c.opened;
    c.send({ type: 'call', id: 0, method: 'me.get', params: {} });
    c.send({ type: 'auth', token: wall, since: null });
    c.send({ type: 'call', id: 1, method: 'me.get', params: {} });
    c.send({ type: 'call', id: 2, method: 'sources.add', params: { platform: 'mastodon', name: 'x', instanceUrl: 'http://127.0.0.1:9', hashtags: ['a'] } });
    c.send({ type: 'call', id: 3, method: 'items.list', params: { limit: 'lots' } });
    c.send({ type: 'call', id: 4, method: 'no.such', params: {} });
    await c.waitFor((m) => m.filter((x) => 'id' in x && x.id !== undefined).length === 5);
    const byId = (id: number) => c.messages.find((m) => 'id' in m && m.id === id);
    expect(byId(0)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    expect(byId(1)).toMatchObject({ type: 'result', result: { name: 'wall', role: 'wall' } });
    expect(byId(2)).toMatchObject({ type: 'error', error: { code: 'forbidden' } });
    expect(byId(3)).toMatchObject({ type: 'error', error: { code: 'invalid_input' } });
    expect(byId(4)).toMatchObject({ type: 'error', error: { code: 'not_found' } });
  });

  it('streams a role only the changes it may read, live and in replay', async () => {
    hub = await hubOn(tmpDataDir());
    const wall = addUser(hub.store, systemClock, 'wall', 'wall');
    const lead = addUser(hub.store, systemClock, 'lead', 'lead');
    const live = { wall: client(hub.url), lead: client(hub.url) };
    for (const [name, c] of Object.entries(live)) {
      await c.opened;
      c.send({ type: 'auth', token: name === 'wall' ? wall : lead, since: null });
      await c.waitFor((m) => m.some((x) => x.type === 'ready'));
    }
    const frozen = await rpc(hub, 'freeze.set', hub.adminToken!, { frozen: true, reason: 'Stream filter test' });
    expect(frozen.status).toBe(200);
    const kinds = (c: WsClient) => c.changes().map((x) => x.change.kind);
    await live.lead.waitFor(() => kinds(live.lead).includes('audit.added') && kinds(live.lead).includes('freeze.changed'));
    await live.wall.waitFor(() => kinds(live.wall).includes('freeze.changed'));
    // The audit entry was committed with the freeze, so by now the wall would have had it.
    expect(kinds(live.wall)).not.toContain('audit.added');
    const replayed = client(hub.url);
    await replayed.opened;
    replayed.send({ type: 'auth', token: wall, since: 0 });
    await replayed.waitFor(() => kinds(replayed).includes('freeze.changed'));
    expect(kinds(replayed)).toEqual(kinds(live.wall));
    expect(changeAccess({ kind: 'post.updated', post: {} as never })).toBe('agent');
    expect(changeAccess({ kind: 'audit.added', entry: {} as never })).toBe('lead');
  });

  it("keeps followers-only and direct posts off the wall: not in items.list, not on the stream; agents get them", async () => {
    hub = await hubOn(tmpDataDir());
    const wall = addUser(hub.store, systemClock, 'wall', 'wall');
    const agent = addUser(hub.store, systemClock, 'agent', 'agent');
    const clientsBy = { wall: client(hub.url), agent: client(hub.url) };
    for (const [name, c] of Object.entries(clientsBy)) {
      await c.opened;
      c.send({ type: 'auth', token: name === 'wall' ? wall : agent, since: null });
      await c.waitFor((m) => m.some((x) => x.type === 'ready'));
    }
    const visibilities = ['public', 'direct', 'unlisted', 'private'] as const;
    hub.engine.pipeline.ingest('test', visibilities.map((visibility) => ({ op: 'upsert' as const, post: { ...post(), visibility } })));
    // Item changes only: the direct post also opens a conversation (issue 12), whose changes the wall gets redacted.
    const items = (c: WsClient) => c.changes().filter((x) => x.change.kind.startsWith('item.'));
    await clientsBy.agent.waitFor(() => items(clientsBy.agent).length === 4);
    const seen = (c: WsClient) => items(c).map((x) => (x.change as { item: { visibility: string } }).item.visibility);
    await clientsBy.wall.waitFor(() => items(clientsBy.wall).length === 2);
    expect(seen(clientsBy.wall)).toEqual(['public', 'unlisted']);
    expect(seen(clientsBy.agent)).toEqual([...visibilities]);
    const listed = async (token: string) => ((await rpc(hub!, 'items.list', token, { limit: 10 })).body.items as Array<{ visibility: string }>).map((i) => i.visibility).sort();
    expect(await listed(wall)).toEqual(['public', 'unlisted']);
    expect(await listed(agent)).toEqual(['direct', 'private', 'public', 'unlisted']);
  });

  it('sends a heartbeat to signed-in clients and cuts off one that stops answering pings', async () => {
    hub = await hubOn(tmpDataDir(), { heartbeatMs: 40 });
    const alive = client(hub.url);
    await alive.opened;
    alive.send({ type: 'auth', token: hub.adminToken, since: null });
    await alive.waitFor((m) => m.filter((x) => x.type === 'heartbeat').length >= 3);
    expect(alive.closeCode).toBeNull();
    // A client whose network died: its socket stays open on our side but never answers a ping.
    const dead = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/api/ws`, { autoPong: false });
    let closed = false;
    dead.on('close', () => (closed = true));
    await new Promise((ok) => dead.once('open', ok));
    dead.send(JSON.stringify({ type: 'auth', token: hub.adminToken, since: null }));
    const end = Date.now() + 3000;
    while (!closed && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
    expect(alive.closeCode).toBeNull();
  });

  it('refuses a resume cursor from the future (another hub’s feed) so the client starts over', async () => {
    hub = await hubOn(tmpDataDir());
    const c = client(hub.url);
    await c.opened;
    c.send({ type: 'auth', token: hub.adminToken, since: 99 });
    await c.waitFor(() => c.closeCode !== null);
    expect(c.messages[0]).toMatchObject({ type: 'error', error: { code: 'conflict' } });
    expect(c.closeCode).toBe(4409);
  });
});
