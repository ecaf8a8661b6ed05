import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { systemClock } from '../../../shared/clock.js';
import { hubOn, rpc, tmpDataDir } from './hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('hub HTTP', () => {
  it('writes admin.token (0600) on first start only, and reports health without auth', async () => {
    const dir = tmpDataDir();
    hub = await hubOn(dir);
    const token = readFileSync(join(dir, 'admin.token'), 'utf8').trim();
    expect(token).toMatch(/^nr_/);
    expect(statSync(join(dir, 'admin.token')).mode & 0o777).toBe(0o600);
    // Only the hash is stored.
    expect(JSON.stringify(hub.store.db.prepare('SELECT * FROM users').all())).not.toContain(token);
    const health = (await (await fetch(`${hub.url}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, seq: 0, sources: [] });
    await hub.close();
    hub = await hubOn(dir);
    expect(hub.adminToken).toBeNull();
    expect(readFileSync(join(dir, 'admin.token'), 'utf8').trim()).toBe(token);
    expect((await rpc(hub, 'me.get', token)).body).toEqual({ name: 'admin', role: 'admin' });
  });

  it('still creates the admin when `user add` ran before the first start', async () => {
    const dir = tmpDataDir();
    const { openStore } = await import('../../../electron/engine/store/store.js');
    const store = openStore(join(dir, 'newsroom.db'));
    addUser(store, systemClock, 'dana', 'lead');
    store.close();
    hub = await hubOn(dir);
    expect(hub.adminToken).toMatch(/^nr_/);
    expect((await rpc(hub, 'me.get', readFileSync(join(dir, 'admin.token'), 'utf8').trim())).body).toEqual({ name: 'admin', role: 'admin' });
  });

  it('answers 401 without or with a wrong token, 404 for unknown methods, 400 for bad params', async () => {
    hub = await hubOn(tmpDataDir());
    const admin = hub.adminToken!;
    expect(await rpc(hub, 'me.get', null)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await rpc(hub, 'me.get', 'nr_wrong')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await rpc(hub, 'nope.nothing', admin)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const bad = await rpc(hub, 'items.list', admin, { limit: 999999 });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { message: string }).message).toMatch(/limit/);
    expect((await rpc(hub, 'items.list', admin, '{not json')).status).toBe(400);
    expect((await rpc(hub, 'items.list', admin, '[1,2]')).status).toBe(400);
    const extra = await rpc(hub, 'items.list', admin, { limit: 5, surprise: true });
    expect(extra.status).toBe(400);
    expect((await rpc(hub, 'items.list', admin, { limit: 5 })).body).toEqual({ items: [] });
  });

  it('enforces roles on the server: the wall may read but gets 403 on sources.add', async () => {
    hub = await hubOn(tmpDataDir());
    const wall = addUser(hub.store, systemClock, 'wall', 'wall');
    const lead = addUser(hub.store, systemClock, 'lead', 'lead');
    const add = { platform: 'mastodon', name: 'Brand', instanceUrl: 'http://127.0.0.1:9', hashtags: ['brand'] };
    expect((await rpc(hub, 'sources.list', wall)).status).toBe(200);
    expect(await rpc(hub, 'sources.add', wall, add)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await rpc(hub, 'sources.add', lead, add)).status).toBe(403);
    const ok = await rpc(hub, 'sources.add', hub.adminToken, { ...add, accessToken: 'secret-platform-token' });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).not.toContain('secret-platform-token');
    expect(ok.body.source).toMatchObject({ name: 'Brand', hasToken: true, config: { hashtags: ['brand'] } });
    const listed = await rpc(hub, 'sources.list', wall);
    expect(JSON.stringify(listed.body)).not.toContain('secret-platform-token');
  });

  it('validates sources.add and pauses, resumes and removes a source', async () => {
    hub = await hubOn(tmpDataDir());
    const admin = hub.adminToken!;
    const noListen = await rpc(hub, 'sources.add', admin, { platform: 'mastodon', name: 'x', instanceUrl: 'http://127.0.0.1:9' });
    expect(noListen.status).toBe(400);
    expect((noListen.body.error as { message: string }).message).toMatch(/at least one hashtag/);
    const badUrl = await rpc(hub, 'sources.add', admin, { platform: 'mastodon', name: 'x', instanceUrl: 'javascript:alert(1)', hashtags: ['a'] });
    expect(badUrl.status).toBe(400);
    const { body } = await rpc(hub, 'sources.add', admin, { platform: 'mastodon', name: 'x', instanceUrl: 'http://127.0.0.1:9/', hashtags: ['#Brand'] });
    const id = (body.source as { id: string }).id;
    expect(body.source).toMatchObject({ config: { instanceUrl: 'http://127.0.0.1:9', hashtags: ['Brand'] } });
    expect((await rpc(hub, 'sources.pause', admin, { id })).body.source).toMatchObject({ status: 'paused', paused: true });
    expect((await rpc(hub, 'sources.resume', admin, { id })).body.source).toMatchObject({ paused: false });
    expect((await rpc(hub, 'sources.remove', admin, { id })).body).toEqual({ ok: true });
    expect(await rpc(hub, 'sources.pause', admin, { id })).toMatchObject({ status: 404 });
    const changes = hub.store.changes.changesSince(0, 100).map((e) => e.change);
    expect(changes[0]!.kind).toBe('source.added');
    expect(changes.at(-1)).toEqual({ kind: 'source.removed', id });
    // The connector may add health updates in between (nothing answers on 127.0.0.1:9); pause and resume are there in order.
    const paused = changes.flatMap((c) => (c.kind === 'source.updated' ? [c.source.paused] : []));
    expect(paused.indexOf(true)).toBeGreaterThanOrEqual(0);
    expect(paused.lastIndexOf(false)).toBeGreaterThan(paused.indexOf(true));
  });

  it('serves a clear message when the renderer is not built, and 404 JSON under /api', async () => {
    hub = await hubOn(tmpDataDir());
    const page = await fetch(`${hub.url}/#/wall`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build:renderer/);
    const api = await fetch(`${hub.url}/api/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
