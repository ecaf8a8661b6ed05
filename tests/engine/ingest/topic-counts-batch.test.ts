import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnricher } from '../../../electron/engine/enrich/index.js';
import { createPipeline } from '../../../electron/engine/ingest/pipeline.js';
import type { IngestOp } from '../../../electron/engine/ingest/types.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { createTopicMatcher } from '../../../electron/engine/topics/topic-matcher.js';
import type { Topic } from '../../../shared/topics.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';

const topic = (id: string, query: string): Topic => ({ id, name: id, kind: 'brand', query, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'test' });
const WORDS = ['kettlebird is great', 'kettlebird broke, terrible', 'brewco refund', 'nothing here', 'love brewco and kettlebird'];

describe('topic hour counts summed per batch (session 15, issue 10 ingest budget)', () => {
  it('after any batches of adds, edits, re-tags by new words and deletes, the hourly counts are exactly those of the stored items', () => {
    const opArb = fc.record({ post: fc.integer({ min: 0, max: 5 }), del: fc.boolean(), words: fc.integer({ min: 0, max: WORDS.length - 1 }), hour: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }), (batches) => {
        const store = openStore(':memory:');
        const clock = new FakeClock();
        const topics = createTopicMatcher();
        topics.load([topic('kettlebird', 'kettlebird'), topic('brewco', 'brewco')]);
        const pipeline = createPipeline({ store, clock, understanding: { enricher: createEnricher({ detector: null }), topics } });
        for (const batch of batches) {
          const ops: IngestOp[] = batch.map((o) => {
            const nativeId = `https://social.example/users/a/statuses/tally-${o.post}`;
            if (o.del) return { op: 'delete', platform: 'mastodon', nativeId };
            // A post's hour can move with an edit of its creation time (a platform correcting it).
            return { op: 'upsert', post: post({ nativeId, html: `<p>${WORDS[o.words]}</p>`, createdAt: `2026-11-22T1${o.hour}:30:00.000Z` }) };
          });
          pipeline.ingest('s1', ops);
        }
        const expected = new Map<string, { posts: number; positive: number; negative: number }>();
        for (const it of store.items.list({ limit: 100 })) {
          for (const t of it.topics) {
            const key = `${t} ${it.createdAt.slice(0, 13)}`;
            const e = expected.get(key) ?? { posts: 0, positive: 0, negative: 0 };
            e.posts++;
            if (it.enrichment?.sentiment.label === 'positive') e.positive++;
            if (it.enrichment?.sentiment.label === 'negative') e.negative++;
            expected.set(key, e);
          }
        }
        const got = new Map(store.topics.hours(['kettlebird', 'brewco'], '2026-11-22T00', '2026-11-22T23').map((h) => [`${h.topicId} ${h.hour}`, { posts: h.posts, positive: h.positive, negative: h.negative }]));
        expect(got).toEqual(expected);
        store.close();
      }),
      { numRuns: 80 },
    );
  });
});
