import { expect, test } from '@playwright/test';
import { freshDataDir, randomPort, rpc, startHubProcess, stopHub, type HubProcess } from './hub-process.js';

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

  // The payments failing: the crisis alert reaches the wall's ticker and banner, and a word of most
  // of the posts behind it was on the wall's trending panel. The demo's crisis rule is found
  // wherever the trend epochs fall (tests/engine/alerts/demo-crisis-alignment.test.ts).
  const ticker = wall.getByTestId('alert-ticker-item').and(wall.locator('[data-severity="crisis"]'));
  await expect(ticker.first()).toContainText('Payments failing', { timeout: 60_000 });
  await expect(wall.getByTestId('alert-banner')).toHaveAttribute('data-severity', 'crisis');
  // The posts behind the alert (the freeze suggestion carries them): one of their words trended.
  const { suggestions } = await rpc<{ suggestions: Array<{ by: string; evidence: Array<{ text: string }> }> }>(hub, 'freeze.get', tokens.crisis!, {});
  const behind = suggestions.find((s) => s.by === 'alerts')!.evidence.slice(1).map((e) => e.text.toLowerCase());
  expect(behind.length).toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        wall.evaluate(
          (texts) => [...(window as unknown as { __trendTerms: Set<string> }).__trendTerms].some((t) => t !== '' && texts.filter((x) => x.includes(t)).length * 2 > texts.length),
          behind,
        ),
      { timeout: 15_000 },
    )
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
