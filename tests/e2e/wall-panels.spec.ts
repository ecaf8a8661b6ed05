import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';
import { columnIds } from './wall-helpers.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

/** Turns on the crash-drill debug switch (README, "Crash drills") before the app loads. */
async function enableDrills(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('newsroom.debug', 'crash-drills'));
}

function drill(page: Page, panel: string, times = 1): Promise<void> {
  return page.evaluate(([p, n]) => void window.dispatchEvent(new CustomEvent('newsroom:crash-drill', { detail: { panel: p, times: n } })), [panel, times] as const);
}

async function inject(text: string, tags: string[]): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${hub.port + 1}/_sandbox/inject`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'drill', text, tags }),
  });
  expect(res.status).toBe(200);
}

test('a column that throws restarts by itself with a note, the rest of the wall keeps updating, the hub logs the stack', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await enableDrills(page);
  await page.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await expect(page.getByTestId('wall-column')).toHaveCount(3);
  await expect.poll(async () => (await columnIds(page)).every((ids) => ids.length > 0), { timeout: 30_000 }).toBe(true);

  // The #kettlebird column fails three times in a row: it waits 1 s, 2 s, then 4 s before each remount.
  const column = page.locator('[data-column-id="tag-kettlebird"], [data-panel="column:tag-kettlebird"]');
  await drill(page, 'column:tag-kettlebird', 3);
  await expect(page.locator('[data-panel="column:tag-kettlebird"][data-restarting]')).toBeVisible();
  await expect(page.getByTestId('panel-restarting')).toContainText('Column #kettlebird hit an error and restarts in');

  // Meanwhile the other columns carry on: a post arriving now reaches "Everything" and "#nightjar".
  const before = await columnIds(page);
  await inject('while a column restarts #nightjar #kettlebird', ['nightjar', 'kettlebird']);
  await expect.poll(async () => Math.max(...(await columnIds(page))[0]!), { timeout: 20_000 }).toBeGreaterThan(Math.max(...before[0]!));
  await expect.poll(async () => Math.max(...(await columnIds(page))[2]!), { timeout: 20_000 }).toBeGreaterThan(Math.max(...before[2]!));
  await expect(page.getByTestId('wall-column')).toHaveCount(3);

  // And the failed column comes back, with the post that arrived while it was away and a small note.
  await expect(page.locator('[data-restarting]')).toHaveCount(0, { timeout: 20_000 });
  await expect(column.getByTestId('wall-item').filter({ hasText: 'while a column restarts' })).toHaveCount(1);
  await expect(column.getByTestId('panel-restarted')).toBeVisible();
  expect(pageErrors).toEqual([]);

  // The hub's log has each report, with the stack and which panel it was.
  await expect.poll(() => hub.output().match(/client error .*"panel":"column:tag-kettlebird"/g)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  const line = hub.output().split('\n').find((l) => l.includes('client error') && l.includes('column:tag-kettlebird'))!;
  expect(line).toContain('"user":"wall"');
  expect(line).toContain('crash drill in column:tag-kettlebird');
  expect(line).toMatch(/"stack":"CrashDrillError: crash drill in column:tag-kettlebird\\n\s+at /);
  expect(line).not.toContain(tokens.wall!);
});

test('when the whole app fails the page says so and reloads itself, and the wall comes back', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  await enableDrills(page);
  await page.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await expect(page.getByTestId('wall-item').first()).toBeVisible({ timeout: 20_000 });

  const reloaded = page.waitForEvent('load', { timeout: 20_000 });
  await drill(page, 'app');
  await expect(page.getByTestId('app-failed')).toContainText('reloads by itself in 5 s');
  await reloaded;
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await expect(page.getByTestId('wall-column')).toHaveCount(3);
  await expect(page.getByTestId('wall-item').first()).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => hub.output().includes('"where":"app"'), { timeout: 10_000 }).toBe(true);
});

test('a lead puts share of voice on the wall; the wall shows the demo brand against each competitor, and the queue’s tiles stay among the panels', async ({ browser }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  // The demo's first posts are in the brand's hourly count before the wall opens.
  await expect
    .poll(async () => {
      const sov = await rpc<{ brand: { id: string } | null; buckets: Array<{ posts: Record<string, number> }> }>(hub, 'topics.shareOfVoice', tokens.wall!, {});
      return sov.buckets.reduce((n, b) => n + (b.posts[sov.brand!.id] ?? 0), 0);
    }, { timeout: 20_000 })
    .toBeGreaterThan(0);

  // The lead arranges the wall (Panels…): share of voice is one of the panels to choose.
  const lead = await (await browser.newContext()).newPage();
  await lead.goto(`${hub.url}/#/wall?token=${tokens.lead}`);
  await lead.getByTestId('arrange-panels').click();
  await lead.getByRole('checkbox', { name: 'Share of voice' }).check();
  await expect(lead.getByRole('checkbox', { name: 'Conversation queue' })).toBeChecked();
  await lead.getByRole('button', { name: 'Save for this wall' }).click();
  await expect(lead.getByTestId('sov-panel')).toBeVisible();

  const wall = await (await browser.newContext()).newPage();
  const pageErrors: string[] = [];
  wall.on('pageerror', (e) => pageErrors.push(e.message));
  await enableDrills(wall);
  await wall.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  const panel = wall.getByTestId('sov-panel');
  await expect(panel).toBeVisible();
  const series = panel.getByTestId('sov-series');
  await expect(series).toHaveCount(4);
  await expect(series.nth(0)).toContainText('Kettlebird Coffee');
  const rivals = await series.evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector('.sov-name')?.textContent));
  expect(rivals.sort()).toEqual(['Bean Republic', 'Grindhouse & Co', 'Morrow Coffee']);
  for (let i = 0; i < 4; i++) await expect(series.nth(i)).toContainText(/\d+(\.\d)?%/);
  // Each series has its own line pattern and marker, not only its colour.
  const looks = await series.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-shape')}/${r.getAttribute('data-dash')}`));
  expect(new Set(looks).size).toBe(4);
  await expect(panel.getByTestId('sov-chart').locator('svg.recharts-surface')).toBeVisible();
  expect(Number(await panel.getByTestId('sov-chart').getAttribute('data-points'))).toBeLessThanOrEqual(24);
  // A kiosk wall shows no switch; the queue's tiles are in the wall's panels, in their own boundary.
  await expect(panel.getByRole('button', { name: 'per day' })).toHaveCount(0);
  await expect(wall.getByTestId('wall-panels').getByTestId('queue-tiles')).toBeVisible();
  // Each in its own boundary: share of voice fails and restarts alone, the queue's tiles stay.
  await drill(wall, 'panel:share');
  await expect(wall.locator('[data-panel="panel:share"][data-restarting]')).toBeVisible();
  await expect(wall.getByTestId('queue-tiles')).toBeVisible();
  await expect(panel).toBeVisible({ timeout: 10_000 });
  await drill(wall, 'panel:queue');
  await expect(wall.locator('[data-panel="panel:queue"][data-restarting]')).toBeVisible();
  await expect(panel).toBeVisible();
  await expect(wall.getByTestId('queue-tiles')).toBeVisible({ timeout: 10_000 });
  expect(pageErrors).toEqual([]);
});
