import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startHub } from '../../electron/hub/start-hub.js';
import type { ConversationRecord } from '../../electron/engine/queue/wiring/queue-repo.js';

const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The desk with `count` open conversations in Chromium (issue 12): every task the page runs while
 * a lead scrolls the whole list, moves with j/k, filters by text and switches queues, from a
 * PerformanceObserver on long tasks. Budget: no task over 50 ms while scrolling and filtering.
 */
export async function benchDesk(count = 10_000) {
  const hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'nr-bench-desk-')), port: 0, demo: 'quiet', log: QUIET, pollIntervalMs: 60_000 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const { core } = hub.engine.queue;
    const now = Date.now();
    const teams = ['care', 'sales', 'billing', 'pr'];
    const agents = ['agent1', 'agent2', null];
    core.store.write(() => {
      for (let i = 0; i < count; i++) {
        const at = new Date(now - (count - i) * 1000).toISOString();
        const c: ConversationRecord = {
          id: `bench${i}`,
          platform: 'mastodon',
          status: 'open',
          private: i % 50 === 0,
          team: teams[i % teams.length]!,
          assignee: agents[i % agents.length]!,
          priority: i % 17 === 0 ? 'urgent' : i % 5 === 0 ? 'high' : 'normal',
          tags: i % 3 === 0 ? ['complaint'] : [],
          sla: 'care-standard',
          author: { handle: `customer${i}@kettlebird.social`, name: `Customer ${i}`, },
          threadRoot: `https://kettlebird.social/users/c${i}/statuses/${i}`,
          createdAt: at,
          lastCustomerAt: at,
          firstResponseAt: null,
          resolvedAt: null,
          reopenCount: 0,
          rules: ['complaints'],
          slaEvents: [{ type: 'created', at: Date.parse(at) }],
          slaState: i % 7 === 0 ? 'breached' : i % 11 === 0 ? 'warning' : 'ok',
          slaDueAt: now + (i % 900) * 1000,
          slaNextAt: null,
          slaEscalated: false,
          preview: `My order ${i} at Kettlebird Harbour St never arrived and the app charged me twice, terrible service number ${i}`,
          badges: { intent: 'complaint', sentiment: 'negative', stage: 'post-purchase', urgency: [], language: 'en' },
          answered: false,
          unassignedWhy: null,
          updatedAt: at,
        };
        core.repo.save(c);
      }
    });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: number[]; __mark: boolean };
      w.__tasks = [];
      w.__mark = false;
      new PerformanceObserver((list) => {
        if (!w.__mark) return;
        for (const e of list.getEntries()) w.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const loadStart = Date.now();
    await page.goto(`${hub.url}/#/desk?token=${hub.tokens!.lead}`);
    await page.getByTestId('desk-tab-all').click();
    await page.locator('[data-testid="queue-row"]').first().waitFor({ timeout: 60_000 });
    const loadMs = Date.now() - loadStart;
    await new Promise((r) => setTimeout(r, 2000));
    await page.evaluate(() => ((window as unknown as { __mark: boolean }).__mark = true));
    const started = Date.now();
    // Scroll the whole list in steps, the way a wheel does.
    await page.locator('[data-testid="queue-list"]').hover();
    for (let i = 0; i < 200; i++) await page.mouse.wheel(0, 3000);
    for (let i = 0; i < 100; i++) await page.mouse.wheel(0, -6000);
    // Keyboard: down and up the list.
    await page.locator('[data-testid="desk"]').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 30; i++) await page.keyboard.press('j');
    for (let i = 0; i < 10; i++) await page.keyboard.press('k');
    // Filtering: type, clear, switch queues, SLA at risk.
    await page.getByTestId('desk-filter').pressSequentially('harbour st never 99', { delay: 40 });
    await page.getByTestId('desk-filter').fill('');
    await page.getByTestId('desk-tab-mine').click();
    await page.getByTestId('desk-tab-team').click();
    await page.getByTestId('desk-tab-all').click();
    await page.getByLabel('SLA at risk').check();
    await page.getByLabel('SLA at risk').uncheck();
    await new Promise((r) => setTimeout(r, 1000));
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
    tasks.sort((a, b) => b - a);
    return {
      conversations: count,
      loadToFirstRowMs: loadMs,
      interactionSeconds: Math.round((Date.now() - started) / 100) / 10,
      longTasks: tasks.length,
      longestTaskMs: Math.round(tasks[0] ?? 0),
      tasksOver50ms: tasks.filter((t) => t > 50).length,
      domRows: await page.locator('[data-testid="queue-row"]').count(),
    };
  } finally {
    await browser.close();
    await hub.close();
  }
}

/**
 * The queue's in-transaction ingest hook (placement, triage, auto-assignment) on the demo's rules:
 * posts per second through the whole engine pipeline (enrichment included) when `share` of the
 * posts need a response, against the same engine fed posts none of which do.
 */
export async function benchQueueIngest(total = 10_000, batch = 200, share = 0.5) {
  const { openStore } = await import('../../electron/engine/store/store.js');
  const { createEngine } = await import('../../electron/engine/create-engine.js');
  const { seedDemoQueue } = await import('../../electron/hub/demo-queue.js');
  const { systemClock } = await import('../../shared/clock.js');
  const run = (needing: number) => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'nr-bench-qi-')), 'data.db'));
    const engine = createEngine({ clock: systemClock, store, http: fetch, secrets: { get: async () => null, set: async () => undefined, delete: async () => undefined }, log: QUIET });
    for (const u of ['agent1', 'agent2', 'lead']) store.users.add(u, u === 'lead' ? 'lead' : 'agent', `h-${u}`, new Date().toISOString());
    seedDemoQueue(engine);
    store.write(() => {
      for (const u of ['agent1', 'agent2']) engine.queue.core.repo.putPresence({ user: u, status: 'online', conversation: null, activity: null, at: new Date().toISOString() });
    });
    const texts = ['My Kettlebird order never arrived and nobody answers. Terrible!', 'Does the Kettlebird app take gift cards?', 'lovely morning at the canal, coffee in hand'];
    const t0 = performance.now();
    for (let i = 0; i < total; i += batch) {
      const ops = Array.from({ length: Math.min(batch, total - i) }, (_, j) => {
        const n = i + j;
        const text = n % 100 < needing * 100 ? texts[n % 2]! : texts[2]!;
        return {
          op: 'upsert' as const,
          post: {
            platform: 'mastodon' as const,
            nativeId: `https://kettlebird.social/users/c${n % 3000}/statuses/${n}`,
            url: null,
            author: { handle: `c${n % 3000}@kettlebird.social`, name: `C ${n}`, url: null, avatarUrl: null },
            html: `<p>${text} ${n}</p>`,
            lang: 'en',
            tags: [],
            createdAt: new Date(Date.now() - (total - n) * 1000).toISOString(),
            replyTo: null,
            editedAt: null,
          },
        };
      });
      engine.pipeline.ingest('bench', ops);
    }
    const ms = performance.now() - t0;
    const conversations = (store.db.prepare('SELECT COUNT(*) AS n FROM queue_conversations').get() as { n: number }).n;
    store.close();
    return { postsPerSecond: Math.round((total / ms) * 1000), conversations };
  };
  const none = run(0);
  const some = run(share);
  return { posts: total, batch, shareNeedingResponse: share, withPlacement: some, noneNeedingResponse: none };
}
