import { afterEach, describe, expect, it } from 'vitest';
import { KETTLEBIRD_TOPICS, seedDemoTopics } from '../../../electron/hub/demo-topics.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { parseTopicQuery } from '../../../shared/listen/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { hubOn, tmpDataDir } from '../hub/hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('demo topics', () => {
  it('every demo topic query parses, and covers brand, products, competitors and the category', () => {
    for (const t of KETTLEBIRD_TOPICS) expect(() => parseTopicQuery(t.query)).not.toThrow();
    expect(new Set(KETTLEBIRD_TOPICS.map((t) => t.kind))).toEqual(new Set(['brand', 'product', 'competitor', 'category']));
  });

  it('seeds once for the default scenario (a restart changes nothing), tags posts with them, and leaves other scenarios alone', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
    hub = await hubOn(tmpDataDir(), { clock });
    seedDemoTopics(hub.engine, 'quiet');
    expect(hub.store.topics.list()).toEqual([]);
    seedDemoTopics(hub.engine, 'default');
    const first = hub.store.topics.list();
    expect(first.map((t) => t.id).sort()).toEqual(['bean-republic', 'bird-points', 'coffee', 'grindhouse-co', 'kettlebird-app', 'kettlebird-coffee', 'morrow-coffee', 'nightjar-cold-brew']);
    const seq = hub.store.changes.currentSeq();
    seedDemoTopics(hub.engine, 'default');
    expect(hub.store.changes.currentSeq()).toBe(seq);
    await hub.engine.retagger.idle();
    hub.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: '<p>Walked next door to Bean Republic while the Kettlebird app is down</p>', tags: ['kettlebird'] }) }]);
    expect(hub.store.items.list({ limit: 1 })[0]!.topics.sort()).toEqual(['bean-republic', 'kettlebird-app', 'kettlebird-coffee']);
  });
});
