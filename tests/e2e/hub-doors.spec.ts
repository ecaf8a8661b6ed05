import { createServer, type Server } from 'node:http';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePortPair } from '../engine/helpers/free-port.js';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
let foreign: Server | null = null;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
  await new Promise<void>((r) => (foreign ? foreign.close(() => r()) : r()));
  foreign = null;
});

/** A page on another origin that any team member might visit: it aims at the hub with what used to kill it. */
function hostilePage(hubUrl: string, sandboxUrl: string): string {
  const imgs = ['/api/rpc/%zz', '/api/rpc/%E0%A4%A', '/api/rpc/%', '/api/%zz', '/%zz', '/api/health?%zz']
    .map((p) => `<img data-probe src="${hubUrl}${p}" onerror="this.dataset.done='1'" onload="this.dataset.done='1'">`)
    .join('\n');
  return `<!doctype html><title>cat pictures</title>
${imgs}
<script>
  const hub = ${JSON.stringify(hubUrl)};
  const sandbox = ${JSON.stringify(sandboxUrl)};
  const done = [];
  // "Simple" cross-origin requests: no preflight, so they do reach the server.
  done.push(fetch(hub + '/api/rpc/%zz', { method: 'POST', mode: 'no-cors', body: '{}' }).catch(() => 0));
  done.push(fetch(hub + '/api/rpc/me.get', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"type":{"toString":1}}' }).catch(() => 0));
  done.push(fetch(sandbox + '/_sandbox/faults', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ faults: [{ kind: 'status', status: 500, count: 0 }] }) }).catch(() => 0));
  done.push(new Promise((resolve) => {
    const ws = new WebSocket(hub.replace(/^http/, 'ws') + '/api/ws');
    ws.onopen = () => { ws.send('{"type":{"toString":1}}'); resolve(1); };
    ws.onerror = ws.onclose = () => resolve(0);
  }));
  Promise.all(done).then(() => { document.body.dataset.fired = '1'; });
</script>`;
}

test('a page on another origin that embeds malformed hub URLs does not stop the hub', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const port = await freePortPair();
  const html = hostilePage(hub.url, `http://127.0.0.1:${hub.port + 1}`);
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => foreign!.listen(port, '127.0.0.1', () => r()));

  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.locator('body')).toHaveAttribute('data-fired', '1');
  await expect.poll(() => page.locator('img[data-probe]:not([data-done])').count()).toBe(0);
  await page.waitForTimeout(500);

  expect(hub.child.exitCode).toBeNull();
  const health = await fetch(`${hub.url}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
  // The sandbox's control API took no order from the page either.
  const faults = (await (await fetch(`http://127.0.0.1:${hub.port + 1}/_sandbox/faults`)).json()) as { active: unknown[] };
  expect(faults.active).toEqual([]);
  expect(hub.output()).not.toMatch(/URIError|TypeError|uncaught/i);
});

async function openAs(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  return page;
}

test('an admin rotates the wall’s token and removes an agent in Settings: their open wall and desk are signed out within a second', async ({ browser }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  const wall = await openAs(browser, `${hub.url}/#/wall?token=${tokens.wall}`);
  const desk = await openAs(browser, `${hub.url}/#/desk?token=${tokens.agent1}`);
  // Another address, so the admin's sign-in is kept apart from the others (one sign-in per origin).
  const admin = await openAs(browser, `${hub.url.replace('127.0.0.1', 'localhost')}/#/settings?token=${tokens.admin}`);
  await expect(wall.getByTestId('connection-state')).toHaveText('live');
  await expect(desk.getByTestId('current-user')).toContainText('agent1');
  await expect(admin.getByTestId('users-panel')).toBeVisible();

  const wallRow = admin.locator('[data-testid="user-row"][data-user="wall"]');
  await wallRow.getByTestId('user-rotate').click();
  await wallRow.getByTestId('user-confirm').click();
  const rotatedAt = Date.now();
  await expect(wall.getByTestId('signin-token')).toBeVisible({ timeout: 1000 });
  expect(Date.now() - rotatedAt).toBeLessThanOrEqual(1000);
  await expect(wall.getByTestId('signin-error')).toContainText('revoked');
  // The new token is shown once, and it works.
  const fresh = (await admin.getByTestId('fresh-token-value').textContent())!.trim();
  expect(fresh).toMatch(/^nr_/);
  expect(await rpc<{ name: string }>(hub, 'me.get', fresh)).toMatchObject({ name: 'wall' });

  const agentRow = admin.locator('[data-testid="user-row"][data-user="agent1"]');
  await agentRow.getByTestId('user-remove').click();
  await agentRow.getByTestId('user-confirm').click();
  const removedAt = Date.now();
  await expect(desk.getByTestId('signin-token')).toBeVisible({ timeout: 1000 });
  expect(Date.now() - removedAt).toBeLessThanOrEqual(1000);
  await expect(admin.locator('[data-testid="user-row"][data-user="agent1"]')).toHaveCount(0);
  const after = await fetch(`${hub.url}/api/rpc/me.get`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.agent1}` }, body: '{}' });
  expect(after.status).toBe(401);
});
