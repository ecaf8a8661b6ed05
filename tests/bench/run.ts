import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAlertLatency } from './alert-latency-bench.js';
import { benchHubStart } from './hub-start-bench.js';
import { benchPipeline } from './pipeline-bench.js';
import { benchFreeze, benchSchedulerScale } from './publish-bench.js';
import { benchUnderstanding } from './understanding-bench.js';
import { benchTrends } from './trends-bench.js';
import { benchQueue } from './queue-bench.js';
import { benchDesk, benchQueueIngest } from './desk-bench.js';
import { benchWallLatency } from './wall-latency-bench.js';
import { benchWallSoak, WALL_SOAK_DEFAULTS } from './wall-soak-bench.js';

/** Seconds for the wall soak: `npm run bench -- wall-soak 120`, or NEWSROOM_WALL_SOAK_SECONDS; 10 minutes by default. */
function soakSeconds(): number {
  const raw = process.argv[3] ?? process.env.NEWSROOM_WALL_SOAK_SECONDS;
  if (raw === undefined || raw === '') return WALL_SOAK_DEFAULTS.seconds;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 30) throw new Error(`wall soak seconds must be a whole number ≥ 30, got "${raw}"`);
  return n;
}

/**
 * npm run bench [-- NAME]: prints one JSON document and writes it under bench-results/.
 * NAME runs one of them alone: pipeline, hub, latency, freeze, scheduler, understanding, trends, alert-latency, queue, desk, queue-ingest, wall-soak.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
  };
  if (!only || only === 'pipeline') {
    console.error('bench: pipeline (20,000 sandbox-shaped posts) …');
    results.pipeline = await benchPipeline();
  }
  if (!only || only === 'hub') {
    console.error('bench: hub start …');
    results.hubStart = await benchHubStart();
  }
  if (!only || only === 'latency') {
    console.error('bench: arrival → wall latency in Chromium …');
    results.wallLatency = await benchWallLatency();
  }
  if (!only || only === 'freeze') {
    console.error('bench: 1,000 posts due in the same second, a freeze at that second …');
    results.freeze = await benchFreeze();
  }
  if (!only || only === 'scheduler') {
    console.error('bench: scheduler holding 100,000 scheduled posts …');
    results.scheduler = await benchSchedulerScale();
  }
  if (!only || only === 'understanding') {
    console.error('bench: listening queries (1k/10k/100k literals) and enrichment …');
    results.understanding = await benchUnderstanding();
  }
  if (!only || only === 'trends') {
    console.error('bench: trends at a million distinct words per epoch, alert rules ×1,000 …');
    results.trends = await benchTrends();
  }
  if (!only || only === 'alert-latency') {
    console.error('bench: a burst of news → its crisis alert on the wall in Chromium …');
    results.alertLatency = await benchAlertLatency();
  }
  if (!only || only === 'queue') {
    console.error('bench: queue routing (100,000 items, 200 rules) and SLA timers (10,000 conversations) …');
    results.queue = benchQueue();
  }
  if (!only || only === 'desk') {
    console.error('bench: the desk with 10,000 open conversations in Chromium (scroll, j/k, filter) …');
    results.desk = await benchDesk();
  }
  if (!only || only === 'queue-ingest') {
    console.error('bench: the queue hook in the ingest transaction (10,000 posts, half needing a response) …');
    results.queueIngest = await benchQueueIngest();
  }
  if (!only || only === 'wall-soak') {
    const seconds = soakSeconds();
    console.error(`bench: the wall in Chromium for ${seconds} s at ${WALL_SOAK_DEFAULTS.rate} posts/s with bursts of ${WALL_SOAK_DEFAULTS.burstSize} …`);
    results.wallSoak = await benchWallSoak({ ...WALL_SOAK_DEFAULTS, seconds });
  }
  const text = JSON.stringify(results, null, 2);
  console.log(text);
  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `bench-${results.when as string}.json`.replace(/:/g, '-'));
  writeFileSync(file, `${text}\n`);
  writeFileSync(join('bench-results', 'latest.json'), `${text}\n`);
  console.error(`bench: written to ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
