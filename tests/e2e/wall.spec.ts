import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

interface Item {
  id: number;
  createdAt: string;
}

let hub: HubProcess;

test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

/** The ids in the wall's first column, "Everything" (other columns repeat some of them by design). */
async function shownIds(page: Page): Promise<number[]> {
  return page
    .getByTestId('wall-column')
    .first()
    .getByTestId('wall-item')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-item-id'))));
}

/** Stops ingest and waits until the feed is still, so the wall and the hub can be compared exactly. */
async function quiesce(h: HubProcess, admin: string): Promise<void> {
  const { sources } = await rpc<{ sources: Array<{ id: string }> }>(h, 'sources.list', admin);
  for (const s of sources) await rpc(h, 'sources.pause', admin, { id: s.id });
  let last = -1;
  for (;;) {
    const { seq } = (await (await fetch(`${h.url}/api/health`)).json()) as { seq: number };
    if (seq === last) return;
    last = seq;
    await new Promise((r) => setTimeout(r, 1500));
  }
}

/** The wall shows exactly the newest items the hub lets the wall role see: none twice, none missing, none made up. */
async function expectWallMatchesHub(page: Page, h: HubProcess, wallToken: string): Promise<void> {
  const { items } = await rpc<{ items: Item[] }>(h, 'items.list', wallToken, { limit: 5000 });
  // The wall lists by arrival (highest id first), and a live column shows only the newest few:
  // compare with the hub's newest by id.
  const newest = [...items].sort((a, b) => b.id - a.id);
  const known = new Set(items.map((i) => i.id));
  await expect
    .poll(async () => {
      const ids = await shownIds(page);
      const expected = newest.slice(0, ids.length).map((i) => i.id);
      return {
        duplicates: ids.length - new Set(ids).size,
        missing: expected.filter((id) => !ids.includes(id)),
        order: ids.every((id, i) => i === 0 || ids[i - 1]! > id),
        unknown: ids.filter((id) => !known.has(id)),
      };
    })
    .toEqual({ duplicates: 0, missing: [], unknown: [], order: true });
  // A live column mounts its newest 24 (LIVE_WINDOW in wall-column.tsx): bounded, whatever the rate.
  expect((await shownIds(page)).length).toBeGreaterThanOrEqual(Math.min(items.length, 24));
}

test('the demo wall shows live posts within 20 s; a reload shows them again, nothing twice, nothing missing', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  const opened = Date.now();
  await page.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await expect.poll(async () => (await shownIds(page)).length, { timeout: 20_000 - (Date.now() - opened) }).toBeGreaterThanOrEqual(24);
  // A fresh wall is laid out from the sources: everything, then a column per hashtag.
  await expect(page.getByTestId('wall-column')).toHaveCount(3);
  // The token left the address bar once it was stored.
  expect(page.url()).not.toContain(tokens.wall);

  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await quiesce(hub, tokens.admin!);
  await expectWallMatchesHub(page, hub, tokens.wall!);
});

test('kill -9 the hub mid-ingest, restart it on the same data dir: the open wall reconnects and shows everything once', async ({ page }) => {
  const dataDir = freshDataDir();
  const port = await randomPort();
  hub = await startHubProcess(dataDir, port);
  const tokens = hub.tokens();
  await page.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  await expect.poll(async () => (await shownIds(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(20);

  await stopHub(hub, 'SIGKILL');
  await expect(page.getByTestId('connection-state')).not.toHaveText('live', { timeout: 10_000 });

  hub = await startHubProcess(dataDir, port);
  await expect(page.getByTestId('connection-state')).toHaveText('live', { timeout: 30_000 });
  // Ingest carries on after the restart and reaches the open wall.
  const before = Math.max(...(await shownIds(page)));
  await expect.poll(async () => Math.max(...(await shownIds(page))), { timeout: 20_000 }).toBeGreaterThan(before);
  await quiesce(hub, tokens.admin!);
  await expectWallMatchesHub(page, hub, tokens.wall!);
});
