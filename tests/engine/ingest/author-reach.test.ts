import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnricher } from '../../../electron/engine/enrich/index.js';
import { createPipeline } from '../../../electron/engine/ingest/pipeline.js';
import { parseStatus } from '../../../electron/engine/sources/mastodon/normalize-status.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { createTopicMatcher } from '../../../electron/engine/topics/topic-matcher.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import { FakeClock } from '../helpers/fake-clock.js';

let n = 0;
/** A Mastodon Status as a server sends it, its account's followers_count as given. */
function status(followers: unknown, content = '<p>Reporting from the harbour: Kettlebird stalls closed</p>') {
  n++;
  return {
    id: String(1000 + n),
    uri: `https://news.example/users/jo/statuses/${n}`,
    url: `https://news.example/@jo/${n}`,
    created_at: '2026-11-30T10:00:00.000Z',
    content,
    language: 'en',
    visibility: 'public',
    account: { acct: 'jo', username: 'jo', display_name: 'Jo Reporter', note: '<p>Journalist at the Harbour Gazette</p>', followers_count: followers },
  };
}

function setup() {
  const store = openStore(':memory:');
  const pipeline = createPipeline({ store, clock: new FakeClock(), understanding: { enricher: createEnricher({ detector: null }), topics: createTopicMatcher() } });
  const changes: ChangeEnvelope[] = [];
  store.changes.subscribe((envs) => changes.push(...envs));
  const ingest = (raw: unknown) => {
    const r = parseStatus(raw, 'news.example');
    if (!r.ok) throw new Error(r.reason);
    pipeline.ingest('s1', [{ op: 'upsert', post: r.post }]);
    return store.items.findByNative('mastodon', r.post.nativeId)!;
  };
  return { store, changes, ingest };
}

describe("an item carries its author's reach (followers_count)", () => {
  it('stores the count with the item, streams it in the change, and enrichment still sees high reach', () => {
    const s = setup();
    const item = s.ingest(status(250_000));
    expect(item.author).toMatchObject({ handle: 'jo@news.example', followers: 250_000 });
    const added = s.changes.find((e) => e.change.kind === 'item.added');
    expect(added?.change).toMatchObject({ item: { author: { followers: 250_000 } } });
    expect(item.enrichment!.urgency.cues).toContainEqual({ cue: 'high-reach', evidence: '250,000 followers' });
    s.store.close();
  });

  it('an account without a count, or a small one, is stored as such (unknown stays null, never 0)', () => {
    const s = setup();
    expect(s.ingest(status(undefined)).author.followers).toBeNull();
    const small = s.ingest(status(42));
    expect(small.author.followers).toBe(42);
    expect(small.enrichment!.urgency.cues.map((c) => c.cue)).not.toContain('high-reach');
    s.store.close();
  });

  it('whatever a server sends as followers_count, the stored value is null or a whole number ≥ 0', () => {
    const s = setup();
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.double(), fc.integer(), fc.constantFrom(-1, -0, 1.5, Number.NaN, Infinity, '1200', 1e300)), (raw) => {
        const f = s.ingest(status(raw)).author.followers;
        expect(f === null || (Number.isInteger(f) && f >= 0)).toBe(true);
        if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) expect(f).toBe(Math.max(0, Math.floor(raw)));
        else expect(f).toBeNull();
      }),
      { numRuns: 200 },
    );
    s.store.close();
  });
});
