import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, randomPort, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

let hub: HubProcess;

test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

async function inject(h: HubProcess, author: string, text: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${h.port + 1}/_sandbox/inject`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author, text, tags: ['kettlebird'] }),
  });
  expect(res.status).toBe(200);
}

const topicColumn = (page: Page) => page.getByTestId('wall-column').filter({ has: page.getByRole('heading', { name: 'Cascade Pods' }) });

test('a lead writes a topic query with a typo, sees the error at its position, fixes it, and the wall column filtered by that topic fills with matching posts and badges', async ({ page }) => {
  hub = await startHubProcess(freshDataDir(), await randomPort());
  const tokens = hub.tokens();
  await page.goto(`${hub.url}/#/settings?token=${tokens.lead}`);
  const panel = page.getByTestId('topics-panel');
  // The demo's own topics are there, streamed into the replica.
  await expect(panel.getByTestId('topic-row').filter({ hasText: 'Kettlebird Coffee' })).toHaveCount(1);

  await panel.getByTestId('topic-add').click();
  await panel.getByTestId('topic-name').fill('Cascade Pods');
  await panel.getByTestId('topic-kind').selectOption('product');
  const query = panel.getByTestId('topic-query');
  await query.fill('cascade NEAR/ pods');
  const error = panel.getByTestId('query-error');
  await expect(error).toBeVisible();
  // NEAR/ without its number: the error sits at character 9 (offset 8) and says what to write.
  await expect(error).toHaveAttribute('data-position', '8');
  await expect(error.getByTestId('query-error-mark')).toHaveText('NEAR/');
  await expect(error).toContainText('NEAR/5');
  await expect(query).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('topic-save')).toBeDisabled();

  await query.fill('cascade NEAR/3 pods OR #cascadepods');
  await expect(error).toHaveCount(0);
  await expect(panel.getByTestId('query-preview')).toBeVisible();
  await panel.getByTestId('topic-save').click();
  await expect(panel.getByTestId('topic-row').filter({ hasText: 'Cascade Pods' })).toContainText('topic:cascade-pods');
  await expect(panel.getByTestId('retag-progress')).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });

  // A wall column shows that topic.
  await page.goto(`${hub.url}/#/wall`);
  await expect(page.getByTestId('connection-state')).toHaveText('live');
  await page.getByTestId('add-column').click();
  await page.getByTestId('column-value').fill('topic:cascade-pods');
  await page.getByTestId('column-title').fill('Cascade Pods');
  await page.getByTestId('column-save').click();
  const column = topicColumn(page);
  await expect(column).toHaveCount(1);

  await inject(hub, 'pod_fan', 'Loving the new Cascade coffee pods, great value and so easy! #kettlebird');
  await inject(hub, 'pod_angry', 'My Cascade pods arrived broken and nobody answers. Terrible service! #kettlebird');
  await inject(hub, 'elsewhere', 'Pods of dolphins seen from the Kettlebird terrace, no cascade today #kettlebird');

  const cards = column.getByTestId('wall-item');
  await expect(cards).toHaveCount(2, { timeout: 30_000 });
  await expect(column).not.toContainText('dolphins');
  const happy = cards.filter({ hasText: 'Loving the new Cascade' });
  const angry = cards.filter({ hasText: 'arrived broken' });
  for (const card of [happy, angry]) await expect(card.getByTestId('topic-chip').filter({ hasText: 'Cascade Pods' })).toHaveCount(1);
  // Sentiment by colour and shape, with its reasons on hover.
  await expect(happy.getByTestId('sentiment-badge')).toHaveAttribute('data-sentiment', 'positive');
  await expect(happy.getByTestId('sentiment-badge')).toContainText('▲');
  await expect(angry.getByTestId('sentiment-badge')).toHaveAttribute('data-sentiment', 'negative');
  await expect(angry.getByTestId('sentiment-badge')).toContainText('▼');
  await expect(angry.getByTestId('sentiment-badge')).toHaveAttribute('title', /because:\n• /);
  await expect(angry.getByTestId('intent-badge')).toHaveText('complaint');
  await expect(angry.getByTestId('intent-badge')).toHaveAttribute('title', /Intent complaint, because:/);
});
