import { expect, test, type Browser, type Page } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

/** Records the desktop notifications a page raises (the browser's permission granted). */
function recordNotifications(): void {
  const w = window as unknown as { __notes: Array<{ title: string; body: string }>; Notification: unknown };
  w.__notes = [];
  w.Notification = class {
    static permission = 'granted';
    static requestPermission = () => Promise.resolve('granted');
    constructor(title: string, opts?: { body?: string }) {
      w.__notes.push({ title, body: opts?.body ?? '' });
    }
    close(): void {}
  };
}

async function signedIn(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordNotifications);
  await page.goto(url);
  return page;
}

const notes = (p: Page) => p.evaluate(() => (window as unknown as { __notes: Array<{ title: string; body: string }> }).__notes);

async function published(h: HubProcess): Promise<Array<{ content: string; deleted?: boolean }>> {
  const port = h.port + 1;
  return (await (await fetch(`http://127.0.0.1:${port}/_sandbox/published`)).json()) as Array<{ content: string }>;
}

test('a crisis lead freezes; the wall shows it within 1 s; a due post never goes out; lift → review; release → published once', async ({ browser }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  const { accounts } = await rpc<{ accounts: Array<{ id: string }> }>(hub, 'accounts.list', tokens.lead!);
  expect(accounts.length).toBeGreaterThan(0);

  const crisis = await signedIn(browser, `${hub.url}/#/crisis?token=${tokens.crisis}`);
  const wall = await signedIn(browser, `${hub.url}/#/wall?token=${tokens.wall}`);
  await expect(wall.getByTestId('connection-state')).toHaveText('live');
  await expect(crisis.getByTestId('crisis-console')).toBeVisible();

  const text = `Hit the hay early tonight! ${Date.now()}`;
  const due = new Date(Date.now() + 5000).toISOString();
  const { posts } = await rpc<{ posts: Array<{ id: string; status: string }> }>(hub, 'posts.create', tokens.lead!, {
    accountIds: [accounts[0]!.id],
    text,
    scheduledAt: due,
  });
  const postId = posts[0]!.id;
  expect(posts[0]!.status).toBe('scheduled');

  await crisis.getByTestId('freeze-reason').fill('Product recall: all scheduled posts on hold');
  await crisis.getByTestId('freeze-button').click();
  const clicked = Date.now();
  await expect(wall.getByTestId('freeze-banner')).toHaveAttribute('data-frozen', 'true', { timeout: 1000 });
  expect(Date.now() - clicked).toBeLessThanOrEqual(1000);
  await expect(wall.getByTestId('freeze-banner')).toContainText('Product recall');
  // Desks get a desktop notification; the wall, a screen in a room, does not.
  await expect.poll(() => notes(crisis)).toEqual([{ title: 'Publishing frozen', body: expect.stringContaining('Product recall') }]);
  expect(await notes(wall)).toEqual([]);

  // The post's time comes and goes during the freeze.
  await wall.waitForTimeout(Math.max(0, Date.parse(due) - Date.now()) + 3000);
  expect((await published(hub)).some((s) => s.content.includes(String(text.split(' ').at(-1))))).toBe(false);
  const during = await rpc<{ posts: Array<{ id: string; status: string }> }>(hub, 'posts.list', tokens.lead!, {});
  expect(during.posts.find((p) => p.id === postId)!.status).toBe('held');

  await crisis.getByTestId('unfreeze-button').click();
  await crisis.getByTestId('unfreeze-confirm').click();
  await expect(wall.getByTestId('freeze-banner')).toHaveAttribute('data-frozen', 'false');
  const item = crisis.getByTestId('review-item').and(crisis.locator(`[data-post-id="${postId}"]`));
  await expect(item).toBeVisible();
  // Lifting sent nothing by itself.
  await crisis.waitForTimeout(2000);
  expect((await published(hub)).filter((s) => s.content.includes(String(text.split(' ').at(-1))))).toHaveLength(0);

  await item.getByTestId('release-now').click();
  await expect
    .poll(async () => (await published(hub)).filter((s) => s.content.includes(String(text.split(' ').at(-1)))).length, { timeout: 15_000 })
    .toBe(1);
  await crisis.waitForTimeout(3000);
  expect((await published(hub)).filter((s) => s.content.includes(String(text.split(' ').at(-1))))).toHaveLength(1);
  const after = await rpc<{ posts: Array<{ id: string; status: string }> }>(hub, 'posts.list', tokens.lead!, {});
  expect(after.posts.find((p) => p.id === postId)!.status).toBe('published');
});
