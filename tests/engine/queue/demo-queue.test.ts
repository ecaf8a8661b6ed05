import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoQueue } from '../../../electron/hub/demo-queue.js';
import type { ConversationView } from '../../../shared/queue-views.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { addAccount, FakePlatform, FakePublisher, memorySecrets, openEngine, tmpDb, users, type TestEngine } from '../publish/harness.js';

let t: TestEngine | null = null;
afterEach(async () => {
  await t?.engine.stop();
  t?.store.close();
  t = null;
});

const author = (handle: string) => ({ handle: `${handle}@kettlebird.social`, name: handle, url: null, avatarUrl: null });

describe('the demo queue (teams, rules, SLA) routes the default scenario', () => {
  it("sends complaints to care, the private message to billing, press to PR, and pre-purchase questions to sales", async () => {
    const clock = new FakeClock();
    const secrets = memorySecrets();
    t = await openEngine(tmpDb(), clock, secrets, new FakePublisher(new FakePlatform(() => clock.now())));
    await addAccount(t, clock, secrets, 'kettlebird', true);
    for (const u of ['agent1', 'agent2', 'lead']) t.store.users.add(u, u === 'lead' ? 'lead' : 'agent', `h-${u}`, new Date(clock.now()).toISOString());
    seedDemoQueue(t.engine);
    seedDemoQueue(t.engine); // a restart: nothing changes, nothing throws
    const cases: Array<[string, string, 'public' | 'direct', string]> = [
      ['marcus_wren', "The Kettlebird app has been failing for 20 minutes: 3 orders stuck on 'preparing', card charged every single time. Terrible.", 'public', 'care'],
      ['priya_k', 'Messaging privately because it has my details: card ending 4471 charged three times for order K-20931. Please refund', 'direct', 'billing'],
      ['sam_runs', 'The lid came off my Nightjar Cold Brew and I got a nasty burn. Awful, this is dangerous.', 'public', 'care'],
      ['elliot', "I'm a reporter at the Daily Bugle writing a story about the Kettlebird outage, can someone comment?", 'public', 'pr'],
      ['rosie_m', 'Thinking of buying the Kettlebird Bird Points annual pass, is it worth it? Does it work at Station Kiosk?', 'public', 'sales'],
    ];
    for (const [who, text, visibility] of cases) {
      const bio = who === 'elliot' ? 'Reporter at the Daily Bugle' : null;
      t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: { ...post({ html: `<p>${text}</p>`, author: author(who), visibility }), authorSignals: { bio } } }]);
    }
    const list = (await t.call<{ conversations: ConversationView[] }>(users.lead, 'queue.list', { view: 'all' })).conversations;
    const teamOf = (who: string) => list.find((c) => c.author.handle.startsWith(who))?.team;
    for (const [who, , , team] of cases) expect({ who, team: teamOf(who) }).toEqual({ who, team });
    expect(list.find((c) => c.author.handle.startsWith('priya_k'))!.private).toBe(true);
    expect(list.find((c) => c.author.handle.startsWith('sam_runs'))!).toMatchObject({ priority: 'urgent', tags: expect.arrayContaining(['safety', 'complaint']) });
    expect(list.find((c) => c.author.handle.startsWith('marcus_wren'))!.tags).not.toContain('high-reach');

    // The scenario's business reporter: 250,000 followers makes her urgent (and tagged) before the press rule routes her.
    const dana = post({ html: "<p>Writing about today's Kettlebird app outage: how many customers were charged twice?</p>", author: author('dana_ortiz') });
    t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: { ...dana, authorSignals: { bio: 'Business reporter at the Harbour Gazette.', followers: 250_000 } } }]);
    const after = (await t.call<{ conversations: ConversationView[] }>(users.lead, 'queue.list', { view: 'all' })).conversations;
    expect(after.find((c) => c.author.handle.startsWith('dana_ortiz'))).toMatchObject({ team: 'pr', priority: 'urgent', tags: expect.arrayContaining(['high-reach', 'press']) });
  });
});
