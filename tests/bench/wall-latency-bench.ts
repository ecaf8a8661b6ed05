import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHub } from '../../electron/hub/start-hub.js';

const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

/**
 * Posts injected into the sandbox at a steady rate; the wall in Chromium notes when each
 * item's element appears. Two spans: from the post's arrival in Newsroom (ingestedAt, stamped by
 * the pipeline) to the wall, which is ours; and from publication on the platform to the wall,
 * which adds the connector's poll interval.
 */
export async function benchWallLatency(samples = 60, everyMs = 250) {
  const hub = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'nr-bench-lat-')),
    port: 0,
    demo: 'quiet',
    log: QUIET,
    pollIntervalMs: 1000,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="wall-item"]')) {
          const id = el.getAttribute('data-item-id');
          if (id && !(id in seen)) seen[id] = performance.timeOrigin + performance.now();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${hub.url}/#/wall?token=${hub.tokens!.wall}`);
    await page.getByTestId('connection-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 3000));
    const injected = new Map<string, number>();
    const tag = hub.sandbox!.hashtags[0]!;
    for (let i = 0; i < samples; i++) {
      const s = hub.sandbox!.inject({ author: `bench${i % 7}`, text: `latency probe ${i} #${tag}`, tags: [tag] });
      injected.set(s.uri, Date.now());
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await new Promise((r) => setTimeout(r, 5000));
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    const ingestToWall: number[] = [];
    const platformToWall: number[] = [];
    let missing = 0;
    for (const [uri, at] of injected) {
      const item = hub.store.items.findByNative('mastodon', uri);
      const shownAt = item ? seen[String(item.id)] : undefined;
      if (!item || shownAt === undefined) {
        missing++;
        continue;
      }
      ingestToWall.push(shownAt - Date.parse(item.ingestedAt));
      platformToWall.push(shownAt - at);
    }
    ingestToWall.sort((a, b) => a - b);
    platformToWall.sort((a, b) => a - b);
    return {
      samples,
      missing,
      arrivalToWallMs: { p50: pct(ingestToWall, 50), p95: pct(ingestToWall, 95), max: pct(ingestToWall, 100) },
      platformPostToWallMs: { p50: pct(platformToWall, 50), p95: pct(platformToWall, 95), max: pct(platformToWall, 100), pollIntervalMs: 1000 },
    };
  } finally {
    await browser.close();
    await hub.close();
  }
}
