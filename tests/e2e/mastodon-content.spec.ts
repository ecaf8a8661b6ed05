import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

/**
 * Issue 9 on a real hub + sandbox in Chromium: a replay (tests/e2e/fixtures/content.jsonl) brings a
 * content-warned post, an Arabic post and a boost through the connector to the wall.
 */
let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

/** A user made the way an admin would (`npm run hub -- user add`), before the hub starts. */
function addUser(dataDir: string, name: string, role: string): string {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'electron/hub/cli.ts', 'user', 'add', name, '--role', role, '--data', dataDir], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  const token = /token, shown this once:\s+(\S+)/.exec(out)?.[1];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}

async function openWall(browser: Browser, token: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${hub.url}/#/wall?token=${token}`);
  return page;
}

/** The "Everything" column's item whose text (or warning) matches. */
const item = (page: Page, text: string | RegExp): Locator => page.getByTestId('wall-column').first().getByTestId('wall-item').filter({ hasText: text });

test('content warnings stay closed on the wall, right-to-left posts run right to left, boosts name author and booster', async ({ browser }) => {
  const dataDir = freshDataDir();
  const screen = addUser(dataDir, 'screen', 'wall');
  hub = await startHubProcess(dataDir, await randomPort(), ['--replay', 'tests/e2e/fixtures/content.jsonl']);
  const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();

  // The room's wall: the warning is shown, the post behind it is not there at all, and nothing opens it.
  const wall = await openWall(browser, screen);
  const warned = item(wall, 'Spoiler: season finale');
  await expect(warned).toHaveCount(1, { timeout: 30_000 });
  await expect(warned.getByTestId('content-warning')).toContainText('Spoiler: season finale');
  await expect(warned.getByTestId('content-warning')).toBeVisible();
  await expect(warned).not.toContainText('narrator');
  await expect(warned.getByTestId('item-content')).toHaveCount(0);
  await expect(warned.getByRole('button')).toHaveCount(0);

  // Right to left: the Arabic post's text is laid out from the right edge; an English one from the left.
  const arabic = item(wall, 'قهوة').getByTestId('item-content');
  await expect(arabic).toHaveCount(1);
  await expect(arabic).toHaveAttribute('dir', 'auto');
  expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const english = item(wall, 'Dawn Roast').getByTestId('item-content');
  expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  const hug = async (content: Locator) =>
    content.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const range = document.createRange();
      // The line's inline boxes (a <p> itself spans the whole width).
      range.selectNodeContents(el.querySelector('p') ?? el);
      const text = range.getBoundingClientRect();
      return { left: text.left - box.left, right: box.right - text.right };
    });
  const rtl = await hug(arabic);
  expect(rtl.right).toBeLessThan(2);
  expect(rtl.left).toBeGreaterThan(rtl.right);
  const ltr = await hug(english);
  expect(ltr.left).toBeLessThan(2);

  // The boost: one card, the post's own author, and who boosted it — never an empty card under the booster's name.
  const boosted = item(wall, 'Dawn Roast');
  await expect(boosted).toHaveCount(1);
  await expect(boosted.getByTestId('boosted-by')).toContainText('Marcus Wren', { timeout: 30_000 });
  await expect(boosted.locator('.author-name')).toHaveText('Priya Kapoor');
  await expect(boosted.locator('.author-handle')).toHaveText('@priya_k@kettlebird.social');
  await expect(item(wall, /^\s*Marcus Wren/)).toHaveCount(0);

  // A person (not the room's wall) opens the warning with one click.
  const desk = await openWall(browser, admin);
  const deskWarned = item(desk, 'Spoiler: season finale');
  await expect(deskWarned).toHaveCount(1, { timeout: 30_000 });
  await expect(deskWarned).not.toContainText('narrator');
  await deskWarned.getByTestId('toggle-warning').click();
  await expect(deskWarned.getByTestId('item-content')).toContainText('The barista was the narrator all along');
  // The wall is still closed.
  await expect(warned).not.toContainText('narrator');
});
