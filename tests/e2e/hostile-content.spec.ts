import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

test('a replayed post with <script>, onerror= and javascript: links shows as inert content', async ({ page }) => {
  const dataDir = freshDataDir();
  hub = await startHubProcess(dataDir, await randomPort(), ['--replay', 'tests/e2e/fixtures/hostile.jsonl']);
  const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${hub.url}/#/wall?token=${admin}`);
  const hostile = page.getByTestId('wall-column').first().getByTestId('wall-item').filter({ hasText: 'hostile probe' });
  await expect(hostile).toHaveCount(1, { timeout: 20_000 });
  const content = hostile.getByTestId('item-content');
  const html = await content.innerHTML();
  expect(html).not.toMatch(/<script|<img|<svg|<iframe|onerror|onload|onclick|javascript:/i);
  // The words stay; the code is gone. Clicking what was a javascript: link does nothing.
  await expect(content).toContainText('click me');
  await content.getByText('click me').click();
  await expect(content.locator('a[href^="https://evil.example/"]')).toHaveCount(1);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
