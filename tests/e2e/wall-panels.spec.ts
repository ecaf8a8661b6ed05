import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from './hub-process.js';
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
