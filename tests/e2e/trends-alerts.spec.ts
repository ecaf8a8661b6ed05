import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

// Known flaky (two failures in five runs on 2026-11-30): the demo plays in real time at 8×, so
// where the trend epochs fall against the burst decides whether the crisis rule's significance is
// reached in that run, and once the wall's panels did not appear within 20 s. Retries show up in
// the report as "flaky", never as a pass hiding a break (a real break fails all three tries).
// Issue 11 stays open until this runs on the injected clock and passes every time.
test.describe.configure({ retries: 2 });

let hub: HubProcess;
test.afterEach(async () => {
  if (hub) await stopHub(hub, 'SIGKILL');
});

// The default demo's 10-minute story at 8×: one trend epoch per scenario minute (7.5 s), the app
// starts failing at ~21 s, the cheerful post is due at 50 s.
const SPEED = 8;

interface Post {
  id: string;
  text: string;
  status: string;
  scheduledAt: string;
}

async function published(h: HubProcess): Promise<Array<{ content: string }>> {
  return (await (await fetch(`http://127.0.0.1:${h.port + 1}/_sandbox/published`)).json()) as Array<{ content: string }>;
}

test('the burst trends on the wall and its alert reaches the ticker; a crisis lead freezes from the suggestion and the cheerful post is held', async ({ browser }) => {
  test.setTimeout(150_000);
  hub = await startHubProcess(freshDataDir(), await randomPort(), ['--demo', '--speed', String(SPEED)]);
  const tokens = hub.tokens();
  const cheerful = (await rpc<{ posts: Post[] }>(hub, 'posts.list', tokens.lead!, {})).posts.find((p) => p.text.startsWith('Had a hard day?'))!;
  expect(cheerful.status).toBe('scheduled');

  const wall = await (await browser.newContext()).newPage();
  // Every term the trending panel ever shows (a term trends for an epoch or two, then gives way).
  await wall.addInitScript(() => {
    const shown = new Set<string>();
    (window as unknown as { __trendTerms: Set<string> }).__trendTerms = shown;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="trending-panel"] [data-term]')) shown.add((el.getAttribute('data-term') ?? '').toLowerCase());
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await wall.goto(`${hub.url}/#/wall?token=${tokens.wall}`);
  const crisis = await (await browser.newContext()).newPage();
  await crisis.goto(`${hub.url}/#/crisis?token=${tokens.crisis}`);
  await expect(wall.getByTestId('trending-panel')).toBeVisible();
  await expect(wall.getByTestId('alert-ticker')).toBeVisible();

  // The payments failing: the crisis alert reaches the wall's ticker and banner, and the burst's
  // term it names was on the wall's trending panel.
  const ticker = wall.getByTestId('alert-ticker-item').and(wall.locator('[data-severity="crisis"]'));
  await expect(ticker.first()).toContainText('Payments failing', { timeout: 60_000 });
  await expect(wall.getByTestId('alert-banner')).toHaveAttribute('data-severity', 'crisis');
  const { alerts } = await rpc<{ alerts: Array<{ ruleId: string; evidence: { terms: string[] } }> }>(hub, 'alerts.list', tokens.lead!, {});
  const burstTerms = alerts.find((a) => a.ruleId === 'demo-payments-crisis')!.evidence.terms.map((t) => t.toLowerCase());
  expect(burstTerms.length).toBeGreaterThan(0);
  await expect
    .poll(() => wall.evaluate((terms) => terms.some((t) => (window as unknown as { __trendTerms: Set<string> }).__trendTerms.has(t)), burstTerms), { timeout: 15_000 })
    .toBe(true);

  // The crisis lead's screen asks "Freeze now?" with the evidence and the posts due in the next hours.
  const prompt = crisis.getByTestId('freeze-suggestion');
  await expect(prompt).toContainText('Freeze now?');
  await expect(prompt).toContainText('Payments failing');
  await expect(prompt.getByTestId('freeze-due-post').filter({ hasText: 'Had a hard day?' })).toBeVisible();
  const suggestionId = await prompt.getAttribute('data-suggestion-id');
  expect(Date.now()).toBeLessThan(Date.parse(cheerful.scheduledAt));
  await prompt.getByTestId('freeze-suggestion-freeze').click();
  await expect(wall.getByTestId('freeze-banner')).toHaveAttribute('data-frozen', 'true');

  // Its time comes during the freeze: held, never published.
  await expect
    .poll(async () => (await rpc<{ posts: Post[] }>(hub, 'posts.list', tokens.lead!, {})).posts.find((p) => p.id === cheerful.id)!.status, {
      timeout: Math.max(0, Date.parse(cheerful.scheduledAt) - Date.now()) + 20_000,
    })
    .toBe('held');
  expect((await published(hub)).some((s) => s.content.includes('Had a hard day?'))).toBe(false);
  // The audit ties the freeze to the suggestion it answered.
  const { entries } = await rpc<{ entries: Array<{ action: string; details: Record<string, unknown> }> }>(hub, 'audit.list', tokens.lead!, { entity: 'freeze' });
  expect(entries.find((e) => e.action === 'freeze.set')!.details.suggestionId).toBe(suggestionId);
});
