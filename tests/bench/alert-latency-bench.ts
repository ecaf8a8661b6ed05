import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHub } from '../../electron/hub/start-hub.js';

const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHATTER = ['Morning latte at the harbour', 'Great croissant today', 'Queue is long but worth it', 'Trying the cold brew', 'Rainy day, warm cup'];

/**
 * Time from a burst's first post to its crisis alert on the wall (issue 11): steady chatter while
 * the trend baselines warm up, then a burst of news ("earthquake", on the default sensitive-events
 * list). The wall in Chromium notes when the crisis alert appears in its ticker. Spans: from the
 * first burst post's publication on the platform (adds the connector's poll interval), from its
 * arrival in Newsroom, and from the alert's creation in the engine to the screen.
 */
export async function benchAlertLatency(opts = { epochMs: 2000, warmupSec: 10, rate: 5, burst: 40, burstEveryMs: 50, pollIntervalMs: 1000 }) {
  const hub = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'nr-bench-alert-')),
    port: 0,
    demo: 'quiet',
    log: QUIET,
    pollIntervalMs: opts.pollIntervalMs,
    alerts: { trends: { epochMs: opts.epochMs } },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __alertShownAt: number | null };
      w.__alertShownAt = null;
      new MutationObserver(() => {
        if (w.__alertShownAt === null && document.querySelector('[data-testid="alert-ticker-item"][data-severity="crisis"]')) w.__alertShownAt = performance.timeOrigin + performance.now();
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await page.goto(`${hub.url}/#/wall?token=${hub.tokens!.wall}`);
    await page.getByTestId('connection-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('alert-ticker').waitFor({ timeout: 20_000 });
    const tag = hub.sandbox!.hashtags[0]!;
    for (let i = 0; i < opts.warmupSec * opts.rate; i++) {
      hub.sandbox!.inject({ author: `steady${i % 11}`, text: `${CHATTER[i % CHATTER.length]} ${i} #${tag}`, tags: [tag] });
      await new Promise((r) => setTimeout(r, 1000 / opts.rate));
    }
    const firstUri: string[] = [];
    const burstStart = Date.now();
    for (let i = 0; i < opts.burst; i++) {
      const s = hub.sandbox!.inject({ author: `witness${i}`, text: `Earthquake downtown, buildings shaking ${i} #${tag}`, tags: [tag] });
      firstUri.push(s.uri);
      await new Promise((r) => setTimeout(r, opts.burstEveryMs));
    }
    const deadline = Date.now() + 60_000;
    let shownAt: number | null = null;
    while (shownAt === null && Date.now() < deadline) {
      shownAt = await page.evaluate(() => (window as unknown as { __alertShownAt: number | null }).__alertShownAt);
      if (shownAt === null) await new Promise((r) => setTimeout(r, 50));
    }
    const first = hub.store.items.findByNative('mastodon', firstUri[0]!);
    const alert = hub.engine.alerts.repos.alerts.list({ limit: 50 }).find((a) => a.severity === 'crisis');
    const ms = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n));
    return {
      epochMs: opts.epochMs,
      pollIntervalMs: opts.pollIntervalMs,
      burstPosts: opts.burst,
      shown: shownAt !== null,
      alert: alert ? { rule: alert.ruleId, title: alert.title } : null,
      firstPostPublishedToWallMs: ms(shownAt === null ? null : shownAt - burstStart),
      firstPostArrivedToWallMs: ms(shownAt === null || !first ? null : shownAt - Date.parse(first.ingestedAt)),
      firstPostArrivedToAlertMs: ms(!alert || !first ? null : Date.parse(alert.createdAt) - Date.parse(first.ingestedAt)),
      alertToWallMs: ms(shownAt === null || !alert ? null : shownAt - Date.parse(alert.createdAt)),
    };
  } finally {
    await browser.close();
    await hub.close();
  }
}
