import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const TAGS = ['kettlebird', 'nightjar', 'kettlebirdapp'];

export interface ReplayPlan {
  /** Seconds of steady traffic. */
  seconds: number;
  /** Posts per second in between bursts. */
  rate: number;
  /** A burst of `burstSize` posts at the same instant, every this many seconds (0: none). */
  burstEverySec: number;
  burstSize: number;
}

/**
 * A replay file (JSON Lines, see README "Replay files") for a soak: a steady rate with bursts of
 * posts at the same instant, each with one of the demo's hashtags so every column gets its share.
 * Returns the file and how many posts it holds.
 */
export function writeSoakReplay(dir: string, plan: ReplayPlan): { file: string; posts: number } {
  const start = Date.UTC(2026, 0, 1, 9, 0, 0);
  const lines: string[] = [];
  const stepMs = 1000 / plan.rate;
  let n = 0;
  const post = (ms: number, burst: boolean) => {
    n += 1;
    const tag = TAGS[n % TAGS.length]!;
    const text = burst ? `Burst post ${n}: the app double-charged me again #${tag}` : `Soak post ${n}: waiting for my order at Harbour St #${tag}`;
    lines.push(JSON.stringify({ created_at: new Date(start + ms).toISOString(), author: `soak${n % 97}`, text }));
  };
  let nextBurst = plan.burstEverySec > 0 ? plan.burstEverySec * 1000 : Infinity;
  for (let ms = 0; ms < plan.seconds * 1000; ms += stepMs) {
    if (ms >= nextBurst) {
      for (let i = 0; i < plan.burstSize; i++) post(ms, true);
      nextBurst += plan.burstEverySec * 1000;
    }
    post(ms, false);
  }
  const file = join(dir, 'soak.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, posts: n };
}

/** Collects every long task (> 50 ms) the page runs, with when it started (ms since navigation). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks that started at or after `since` (the page's performance.now()). */
export function longTasksSince(page: Page, since: number): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate((t) => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.filter((e) => e.start >= t), since);
}

export interface ReplicaState {
  ids: number[];
  cursor: number | null;
}

/** What the page's replica (IndexedDB "newsroom") holds: item ids and the cursor. */
export function readReplica(page: Page): Promise<ReplicaState> {
  return page.evaluate(
    () =>
      new Promise<ReplicaState>((resolve, reject) => {
        const open = indexedDB.open('newsroom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(['items', 'meta'], 'readonly');
          const keys = tx.objectStore('items').getAllKeys();
          const cursor = tx.objectStore('meta').get('cursor');
          tx.oncomplete = () => {
            idb.close();
            const row = cursor.result as { value?: unknown } | undefined;
            resolve({ ids: (keys.result as number[]).slice(), cursor: typeof row?.value === 'number' ? row.value : null });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The ids of the items shown in each wall column, left to right. */
export function columnIds(page: Page): Promise<number[][]> {
  return page
    .getByTestId('wall-column')
    .evaluateAll((cols) => cols.map((c) => [...c.querySelectorAll('[data-testid="wall-item"]')].map((e) => Number(e.getAttribute('data-item-id')))));
}
