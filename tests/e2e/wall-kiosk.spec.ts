import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

/** Every control that changes the wall or the session, by how it is found on the screen. */
function editingControls(page: Page) {
  return [
    page.getByRole('button', { name: 'Move column left' }),
    page.getByRole('button', { name: 'Move column right' }),
    page.getByRole('button', { name: 'Edit column' }),
    page.getByRole('button', { name: 'Remove column' }),
    page.getByTestId('add-column'),
    page.getByTestId('signout'),
    page.getByText('+ Column'),
    page.getByText('Sign out'),
  ];
}

async function openWall(page: Page, token: string): Promise<void> {
  await page.goto(`${hub.url}/#/wall?token=${token}`);
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await expect(page.getByTestId('wall-column')).toHaveCount(3);
  await expect(page.getByTestId('wall-item').first()).toBeVisible({ timeout: 20_000 });
}

test('the wall role sees no editing controls (E arranges, Escape ends); an admin on the same wall does', async ({ page, browser }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  await openWall(page, tokens.wall!);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-kiosk', 'true');
  for (const control of editingControls(page)) await expect(control).toHaveCount(0);
  await expect(page.locator('nav.app-nav')).toHaveCount(0);
  // Someone at the wall's keyboard can arrange it (its own layout), and leave it as it was.
  await page.keyboard.press('e');
  await expect(page.getByTestId('add-column')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove column' })).toHaveCount(3);
  await expect(page.getByTestId('signout')).toHaveCount(0);
  await page.keyboard.press('Escape');
  for (const control of editingControls(page)) await expect(control).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  await openWall(admin, tokens.admin!);
  await expect(admin.getByTestId('wall')).toHaveAttribute('data-kiosk', 'false');
  await expect(admin.getByTestId('add-column')).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Edit column' })).toHaveCount(3);
  await expect(admin.getByTestId('signout')).toBeVisible();
});

test('the cursor hides when idle; clock, connection and source health stay in view at 3840×2160 and 1366×768', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, tokens.wall!);
  await page.mouse.move(400, 400);
  await expect(page.getByTestId('wall')).not.toHaveClass(/cursor-idle/);
  await expect(page.getByTestId('wall')).toHaveClass(/cursor-idle/, { timeout: 6_000 });
  expect(await page.getByTestId('wall-item').first().evaluate((e) => getComputedStyle(e).cursor)).toBe('none');
  await page.mouse.move(500, 420);
  await expect(page.getByTestId('wall')).not.toHaveClass(/cursor-idle/);

  for (const size of [
    { width: 3840, height: 2160, minBody: 40 },
    { width: 1366, height: 768, minBody: 18 },
  ]) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const id of ['clock', 'connection-state', 'source-health']) {
      const box = (await page.getByTestId(id).first().boundingBox())!;
      expect(box, id).not.toBeNull();
      expect(box.x, `${id} at ${size.width}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${id} at ${size.width}`).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height, `${id} at ${size.width}`).toBeLessThanOrEqual(size.height * 0.15);
    }
    // Post text scales with the screen, and the three columns fit side by side.
    const body = await page.getByTestId('item-content').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(body, `body text at ${size.width}`).toBeGreaterThanOrEqual(size.minBody);
    const overflow = await page.locator('.wall-grid').evaluate((g) => g.scrollWidth - g.clientWidth);
    expect(overflow, `columns overflow at ${size.width}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`wall-${size.width}x${size.height}.png`) });
  }
});

test('a post with a 200,000-character word is cut to a card and wraps inside its column; the wall keeps going', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  await page.setViewportSize({ width: 1366, height: 768 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openWall(page, tokens.wall!);
  const sandbox = `http://127.0.0.1:${hub.port + 1}`;
  const word = `longword${'x'.repeat(200_000)}`;
  const res = await fetch(`${sandbox}/_sandbox/inject`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'flooder', text: `${word} #kettlebird`, tags: ['kettlebird'] }),
  });
  expect(res.status).toBe(200);
  const card = page.getByTestId('wall-column').first().getByTestId('wall-item').filter({ hasText: 'longwordxxxx' });
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  const shown = await card.getByTestId('item-content').evaluate((e) => ({ length: e.textContent!.length, overflow: e.scrollWidth - e.clientWidth }));
  expect(shown.length).toBeLessThan(2_000);
  expect(shown.overflow).toBeLessThanOrEqual(0);
  // Still live: the next post arrives after it.
  const before = await page.getByTestId('wall-column').first().getByTestId('wall-item').first().getAttribute('data-item-id');
  await fetch(`${sandbox}/_sandbox/inject`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'after', text: 'after the long word #kettlebird', tags: ['kettlebird'] }),
  });
  await expect(page.getByTestId('wall-column').first().getByTestId('wall-item').first()).not.toHaveAttribute('data-item-id', before!, { timeout: 30_000 });
  expect(pageErrors).toEqual([]);
});
