import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeAccess, type ChangeEnvelope } from '../../../shared/changes.js';
import type { CustomerTags } from '../../../shared/customer-tags.js';
import type { ConversationDetail, ConversationView } from '../../../shared/queue-views.js';
import { roleMay } from '../../../shared/roles.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { memorySecrets, openEngine, tmpDb, users, stoppedAfterEach } from '../publish/harness.js';

const open = stoppedAfterEach();

const CARLA = { handle: 'Carla@Social.Example', name: 'Carla', url: null, avatarUrl: null };

async function start(path = tmpDb(), clock = new FakeClock()) {
  const t = await openEngine(path, clock, memorySecrets(), null);
  open.push(t);
  const changes: ChangeEnvelope[] = [];
  t.store.changes.subscribe((envs) => changes.push(...envs));
  const list = async () => (await t.call<{ conversations: ConversationView[] }>(users.lead, 'queue.list', { view: 'all' })).conversations;
  const detail = (id: string) => t.call<ConversationDetail>(users.agent, 'queue.get', { id });
  return { t, path, clock, changes, list, detail };
}

async function withCustomer() {
  const s = await start();
  s.t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: '<p>My Kettlebird order never arrived. Terrible!</p>', author: CARLA }) }]);
  const [c] = await s.list();
  expect(c).toBeDefined();
  return { ...s, c: c! };
}

const tagsOf = (x: CustomerTags) => x.tags.map((t) => t.tag);

describe('customer tags (session 15)', () => {
  it('an agent tags a customer: stored, told to the other desks, shown with the conversation', async () => {
    const s = await withCustomer();
    const r = await s.t.call<{ customer: CustomerTags }>(users.agent, 'customers.tags.add', { platform: 'mastodon', handle: '@carla@social.example', tag: 'VIP' });
    expect(r.customer).toMatchObject({ platform: 'mastodon', handle: 'carla@social.example', tags: [{ tag: 'vip', addedBy: 'agent1' }] });
    const ev = s.changes.filter((e) => e.change.kind === 'customer.tags');
    expect(ev.map((e) => e.change)).toEqual([{ kind: 'customer.tags', customer: r.customer }]);
    expect(tagsOf((await s.detail(s.c.id)).customerTags)).toEqual(['vip']);
    // Adding it again changes nothing and tells nobody.
    await s.t.call(users.agent2, 'customers.tags.add', { platform: 'mastodon', handle: 'carla@social.example', tag: 'vip' });
    expect(s.changes.filter((e) => e.change.kind === 'customer.tags')).toHaveLength(1);
    const removed = await s.t.call<{ customer: CustomerTags }>(users.agent2, 'customers.tags.remove', { platform: 'mastodon', handle: 'carla@social.example', tag: 'vip' });
    expect(removed.customer.tags).toEqual([]);
    expect(s.changes.filter((e) => e.change.kind === 'customer.tags')).toHaveLength(2);
  });

  it('tags belong to the customer: they follow them into a new conversation and survive a restart', async () => {
    const s = await withCustomer();
    await s.t.call(users.agent, 'customers.tags.add', { platform: 'mastodon', handle: 'carla@social.example', tag: 'refund' });
    await s.t.call(users.agent, 'customers.tags.add', { platform: 'mastodon', handle: 'carla@social.example', tag: 'angry' });
    await s.t.engine.stop();
    s.t.store.close();
    open.splice(open.indexOf(s.t), 1);
    const again = await start(s.path, s.clock);
    // Two days later, a new conversation from the same customer.
    again.clock.advance(48 * 3_600_000);
    again.t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: '<p>Still no refund for my Kettlebird, terrible</p>', author: CARLA, createdAt: new Date(again.clock.now()).toISOString() }) }]);
    const convs = await again.list();
    expect(convs.length).toBe(2);
    for (const c of convs) expect(tagsOf((await again.detail(c.id)).customerTags)).toEqual(['angry', 'refund']);
  });

  it('roles on the server: agents and up tag; the wall may not, and never receives a tag change', async () => {
    const s = await withCustomer();
    const p = { platform: 'mastodon', handle: 'carla@social.example', tag: 'secret-vip' };
    await expect(s.t.call(users.wall, 'customers.tags.add', p)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.wall, 'customers.tags.remove', p)).rejects.toMatchObject({ code: 'forbidden' });
    await s.t.call(users.lead, 'customers.tags.add', p);
    await s.t.call(users.admin, 'customers.tags.add', { ...p, tag: 'other' });
    const wallSees = s.changes.filter((e) => roleMay('wall', changeAccess(e.change)));
    expect(s.changes.some((e) => e.change.kind === 'customer.tags')).toBe(true);
    // (The customer's public post itself is the wall's to show; their tags are not.)
    expect(wallSees.filter((e) => e.change.kind === 'customer.tags')).toEqual([]);
    expect(JSON.stringify(wallSees)).not.toMatch(/secret-vip/);
    expect(roleMay('agent', changeAccess({ kind: 'customer.tags', customer: { platform: 'mastodon', handle: 'x', tags: [] } }))).toBe(true);
  });

  it('refuses a customer the queue does not know and a tag that is not one, saying what to do', async () => {
    const s = await withCustomer();
    await expect(s.t.call(users.agent, 'customers.tags.add', { platform: 'mastodon', handle: 'nobody@social.example', tag: 'vip' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no conversation with nobody@social.example/),
    });
    await expect(s.t.call(users.agent, 'customers.tags.add', { platform: 'mastodon', handle: 'carla@social.example', tag: 'two words' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/a tag is letters, digits/),
    });
    expect(s.changes.filter((e) => e.change.kind === 'customer.tags')).toEqual([]);
  });

  it('never throws anything but a clear error on any input, and stores only valid tags (property)', async () => {
    const s = await withCustomer();
    await fc.assert(
      fc.asyncProperty(fc.record({ platform: fc.oneof(fc.constant('mastodon'), fc.string()), handle: fc.oneof(fc.constant('carla@social.example'), fc.string()), tag: fc.string() }), async (p) => {
        try {
          await s.t.call(users.agent, 'customers.tags.add', p);
        } catch (e) {
          expect(['invalid_input', 'not_found']).toContain((e as { code?: string }).code);
        }
      }),
      { numRuns: 200 },
    );
    for (const t of tagsOf((await s.detail(s.c.id)).customerTags)) expect(t).toMatch(/^[\p{L}\p{N}_-]{1,50}$/u);
  });
});
