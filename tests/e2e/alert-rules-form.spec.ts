import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

type RuleList = { rules: Array<{ id: string; name: string; kind: string; threshold?: number; target?: unknown }> };

test('a lead sets up a volume rule in the form (field errors first), a second lead sees it live, then it is removed after a confirmation', async ({ browser }) => {
  test.setTimeout(120_000);
  hub = await startHubProcess(freshDataDir(), await randomPort(), ['--demo', 'quiet']);
  const tokens = hub.tokens();
  const open = async (token: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/#/settings?tab=alerts&token=${token}`);
    await expect(page.getByTestId('alert-settings')).toBeVisible();
    return page;
  };
  const lead = await open(tokens.lead!);
  const other = await open(tokens.crisis!);
  const ruleRow = (page: typeof lead) => page.locator('[data-testid="alert-rule"]').filter({ hasText: 'Outage spike' });

  await lead.getByTestId('rule-new').click();
  await lead.getByTestId('rule-kind').selectOption('volume_spike');
  await lead.getByTestId('rule-name').fill('Outage spike');
  await lead.getByTestId('rule-threshold').fill('0');
  await expect(lead.getByTestId('rule-threshold-error')).toHaveText('more than 0');
  await lead.getByTestId('rule-targetKind').selectOption('query');
  const query = lead.getByTestId('rule-targetQuery');
  await query.fill('outage OR (app NEAR/ down');
  await expect(lead.getByTestId('query-error')).toHaveAttribute('data-position', String('outage OR (app '.length));
  await lead.getByTestId('rule-save').click();
  await expect(lead.getByText('Fix the fields marked above, then save again.')).toBeVisible();
  expect((await rpc<RuleList>(hub, 'alerts.rules.list', tokens.lead!)).rules.map((r) => r.name)).not.toContain('Outage spike');

  await lead.getByTestId('rule-threshold').fill('4');
  await query.fill('outage OR (app NEAR/3 down)');
  await expect(lead.getByTestId('query-error')).toBeHidden();
  await lead.getByTestId('rule-save').click();
  await expect(lead.getByTestId('rule-form')).toBeHidden();
  await expect(ruleRow(lead)).toContainText('volume spike · warning · on');
  await expect(ruleRow(other)).toBeVisible();
  const saved = (await rpc<RuleList>(hub, 'alerts.rules.list', tokens.lead!)).rules.find((r) => r.name === 'Outage spike');
  expect(saved).toMatchObject({ kind: 'volume_spike', threshold: 4, target: { kind: 'query', query: 'outage OR (app NEAR/3 down)' } });

  await ruleRow(lead).getByTestId('rule-remove').click();
  await expect(ruleRow(lead)).toContainText('Remove “Outage spike” for good?');
  await ruleRow(lead).getByRole('button', { name: 'Keep' }).click();
  await expect(ruleRow(other)).toBeVisible();
  await ruleRow(lead).getByTestId('rule-remove').click();
  await ruleRow(lead).getByTestId('rule-remove-confirm').click();
  await expect(ruleRow(lead)).toHaveCount(0);
  await expect(ruleRow(other)).toHaveCount(0);
  expect((await rpc<RuleList>(hub, 'alerts.rules.list', tokens.lead!)).rules.map((r) => r.id)).not.toContain(saved!.id);
});
