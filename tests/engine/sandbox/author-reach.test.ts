import { afterEach, describe, expect, it } from 'vitest';
import { createEnricher } from '../../../electron/engine/enrich/index.js';
import { parseStatus } from '../../../electron/engine/sources/mastodon/normalize-status.js';
import { FakeClock } from './fake-clock.js';
import { closeAll, getJson, open } from './helpers.js';

afterEach(closeAll);

describe("the sandbox's accounts have a reach (Mastodon's Account.followers_count)", () => {
  it("the default scenario's business reporter has 250,000 followers, everyone else a small count; her post reaches the engine with it", async () => {
    const clock = new FakeClock();
    const sb = await open({ scenario: 'default', clock });
    const dana = await getJson(sb, '/api/v1/accounts/lookup?acct=dana_ortiz@press.example');
    expect(dana.status).toBe(200);
    expect(dana.body).toMatchObject({ acct: 'dana_ortiz@press.example', followers_count: 250_000 });
    const maya = await getJson(sb, '/api/v1/accounts/lookup?acct=maya_r');
    expect(maya.body.followers_count).toBeGreaterThanOrEqual(0);
    expect(maya.body.followers_count).toBeLessThan(1_000);

    clock.advance(285_000); // her question is at 4:40 of the story
    const statuses = await getJson(sb, `/api/v1/accounts/${dana.body.id}/statuses?limit=5`);
    expect(statuses.body).toHaveLength(1);
    expect(statuses.body[0].account.followers_count).toBe(250_000);
    const parsed = parseStatus(statuses.body[0], 'kettlebird.social');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.post.authorSignals?.followers).toBe(250_000);
    const cues = createEnricher({ detector: null }).enrich({ text: 'Writing about the outage', platformLang: 'en', author: { handle: parsed.post.author.handle, ...parsed.post.authorSignals } }).urgency.cues.map((c) => c.cue);
    expect(cues).toEqual(expect.arrayContaining(['high-reach', 'journalist']));
  });
});
