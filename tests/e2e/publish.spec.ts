import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

const ZONE = 'America/New_York';

/** The datetime-local value for instant `ms` as a clock in `zone` shows it (minutes: the input's step). */
function zonedInput(ms: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('an agent composes and schedules; it waits for a lead; the lead approves; it goes out once at its time', async ({ browser }) => {
  test.setTimeout(180_000);
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  const agent = await (await browser.newContext({ timezoneId: ZONE })).newPage();
  const lead = await (await browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
  await agent.goto(`${hub.url}/#/compose?token=${tokens.agent1}`);

  const marker = `${Date.now()}`;
  const text = `Our Maple Flat White is back at Harbour St. Come say hi! ${marker}`;
  await agent.getByTestId('composer-text').fill(text);
  await expect(agent.getByTestId('composer')).toContainText(`${[...text].length} / 500`);
  // The demo's one account is picked by default and needs approval for agents.
  await expect(agent.getByTestId('composer-account')).toBeChecked();
  await expect(agent.getByTestId('composer')).toContainText('needs approval');
  // The next whole minute at least 15 s away, written as a New York clock shows it.
  const dueMs = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
  await agent.getByTestId('composer-at').fill(zonedInput(dueMs, ZONE));
  await expect(agent.getByTestId('composer-at-zone')).toContainText(ZONE);
  await agent.getByTestId('composer-schedule').click();
  await expect(agent.getByTestId('composer-result')).toBeVisible();

  const mine = async () => (await rpc<{ posts: Array<{ id: string; text: string; status: string; scheduledAt: string; timeZone: string }> }>(hub, 'posts.list', tokens.lead!, {})).posts.find((p) => p.text === text);
  const created = await mine();
  expect(created).toMatchObject({ status: 'pending_approval', scheduledAt: new Date(dueMs).toISOString(), timeZone: ZONE });

  // The lead, in Berlin, finds it in the posts list and approves it.
  await lead.goto(`${hub.url}/#/posts?token=${tokens.lead}`);
  const row = lead.locator(`[data-testid="post-row"][data-post-id="${created!.id}"]`);
  await expect(row).toHaveAttribute('data-status', 'pending_approval');
  await row.getByTestId('post-approve').click();
  await expect(row).toHaveAttribute('data-status', 'scheduled');
  // The agent's screen follows without a reload.
  await agent.goto(`${hub.url}/#/posts`);
  await expect(agent.locator(`[data-testid="post-row"][data-post-id="${created!.id}"]`)).toHaveAttribute('data-status', 'scheduled');

  // Nothing before its time; then exactly once.
  const sandbox = `http://127.0.0.1:${hub.port + 1}/_sandbox/published`;
  const onPlatform = async () => ((await (await fetch(sandbox)).json()) as Array<{ content: string }>).filter((s) => s.content.includes(marker)).length;
  expect(await onPlatform()).toBe(0);
  await expect.poll(onPlatform, { timeout: Math.max(0, dueMs - Date.now()) + 20_000 }).toBe(1);
  expect(Date.now()).toBeGreaterThanOrEqual(dueMs);
  await expect(row).toHaveAttribute('data-status', 'published', { timeout: 10_000 });
  await lead.waitForTimeout(3000);
  expect(await onPlatform()).toBe(1);
  expect((await mine())!.status).toBe('published');
});
