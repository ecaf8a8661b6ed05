import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

type Canned = { replies: Array<{ id: string; name: string; text: string; teams: string[] }> };
type Guidelines = { guidelines: { forbidden: Array<{ phrase: string; teams: string[] }> } };

test('a lead edits canned replies and guidelines in Settings → Replies: field errors first, the server names a bad variable, agents read what was saved, the wall reads nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  hub = await startHubProcess(freshDataDir(), await randomPort(), ['--demo', 'quiet']);
  const tokens = hub.tokens();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${hub.url}/#/settings?tab=replies&token=${tokens.lead!}`);
  const cards = page.getByTestId('canned-card');
  await expect(cards).toHaveCount(3);
  await expect(page.getByTestId('canned-preview').first()).toContainText('Hi Carla Jones, I');

  await page.getByTestId('canned-add').click();
  await page.getByTestId('canned-save').click();
  await expect(page.locator('[data-testid="field-error"][data-path="replies.3.name"]')).toBeVisible();
  await page.getByLabel('Canned reply 4 title').fill('Refund sent');
  await page.getByLabel('Canned reply 4 text').fill('Hi {{autor}}, your refund is on its way.');
  await page.getByLabel('Canned reply 4 teams').fill('billing');
  await page.getByTestId('canned-save').click();
  await expect(page.locator('[data-testid="field-error"][data-path="replies.3.text"]')).toContainText('did you mean {{author}}');
  expect((await rpc<Canned>(hub, 'queue.canned.list', tokens.lead!)).replies).toHaveLength(3);

  await page.getByLabel('Canned reply 4 text').fill('Hi {{author}}, your refund is on its way.');
  await expect(page.getByTestId('canned-preview').nth(3)).toHaveText('Preview: Hi Carla Jones, your refund is on its way.');
  await page.getByTestId('canned-save').click();
  await expect(page.getByTestId('canned-settings').getByText('Saved.')).toBeVisible();
  const saved = (await rpc<Canned>(hub, 'queue.canned.list', tokens.agent1!)).replies.at(-1);
  expect(saved).toMatchObject({ id: 'reply-4', name: 'Refund sent', teams: ['billing'] });

  await page.getByTestId('forbidden-add').click();
  await page.getByLabel('Forbidden phrase 3', { exact: true }).fill('no worries');
  await page.getByLabel('Forbidden phrase 3 teams').fill('care');
  await page.getByTestId('guidelines-save').click();
  await expect(page.getByTestId('guidelines-settings').getByText('Saved.')).toBeVisible();
  const g = await rpc<Guidelines>(hub, 'queue.guidelines.get', tokens.agent1!);
  expect(g.guidelines.forbidden.at(-1)).toEqual({ phrase: 'no worries', reason: '', teams: ['care'] });

  await expect(rpc(hub, 'queue.guidelines.get', tokens.wall!)).rejects.toThrow(/403/);
  await expect(rpc(hub, 'queue.canned.save', tokens.agent1!, { replies: [] })).rejects.toThrow(/403/);
});
