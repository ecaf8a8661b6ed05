import { describe, expect, it } from 'vitest';
import type { OutgoingPost } from '../../../electron/engine/publish/publisher.js';
import { OFFLINE_GRACE_MS } from '../../../electron/engine/queue/wiring/presence-sessions.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { changeAccess, type ChangeEnvelope } from '../../../shared/changes.js';
import type { ConversationView, ReplyOutcome } from '../../../shared/queue-views.js';
import { roleMay } from '../../../shared/roles.js';
import { slaNotice } from '../../../shared/sla-notice.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { addAccount, FakePlatform, FakePublisher, memorySecrets, openEngine, tmpDb, users, stoppedAfterEach } from '../publish/harness.js';

const MINUTE = 60_000;
const open = stoppedAfterEach();

class RecordingPublisher extends FakePublisher {
  readonly sent: OutgoingPost[] = [];
  /** What the brand's server (fake.example) has fetched from other servers: URI → its own id there. */
  readonly federated = new Map<string, string>();
  readonly lookups: string[] = [];
  override publish(p: OutgoingPost, key: string, signal: AbortSignal) {
    this.sent.push(p);
    return super.publish(p, key, signal);
  }
  async resolveStatus(_t: unknown, uri: string): Promise<string | null> {
    this.lookups.push(uri);
    return this.federated.get(uri) ?? null;
  }
}

async function setup() {
  const clock = new FakeClock();
  const secrets = memorySecrets();
  const publisher = new RecordingPublisher(new FakePlatform(() => clock.now()));
  publisher.onPublish = (call) => publisher.end(call, 'success');
  const t = await openEngine(tmpDb(), clock, secrets, publisher);
  open.push(t);
  await addAccount(t, clock, secrets, 'brand', true);
  for (const u of ['agent1', 'agent2', 'lead']) if (!t.store.users.get(u)) t.store.users.add(u, u === 'lead' ? 'lead' : 'agent', `h-${u}`, new Date(clock.now()).toISOString());
  const changes: ChangeEnvelope[] = [];
  t.store.changes.subscribe((envs) => changes.push(...envs));
  await t.call(users.lead, 'sla.save', { policies: [{ id: 'std', name: 'Standard', firstResponseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 75 }], calendars: [] });
  await t.call(users.lead, 'teams.save', {
    teams: [
      { id: 'care', name: 'Care', members: [{ user: 'agent1' }, { user: 'agent2' }] },
      { id: 'sales', name: 'Sales', members: [{ user: 'agent2' }] },
    ],
  });
  await t.call(users.lead, 'rules.save', {
    config: {
      rules: [
        { id: 'questions', name: 'Questions to sales', when: [{ field: 'intent', in: ['question'] }], then: { team: 'sales', sla: 'std' } },
        { id: 'complaints', name: 'Complaints to care', when: [{ field: 'intent', in: ['complaint'] }], then: { team: 'care', priority: 'high', sla: 'std', tags: ['complaint'] } },
      ],
      defaultRoute: { team: 'care', sla: 'std' },
    },
  });
  const ingest = (over: Parameters<typeof post>[0]) => t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post(over) }]);
  const conv = (id: string) => t.store.db.prepare('SELECT * FROM queue_conversations WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  const list = async (user = users.lead) => (await t.call<{ conversations: ConversationView[] }>(user, 'queue.list', { view: 'all' })).conversations;
  return { t, clock, publisher, changes, ingest, conv, list };
}

const COMPLAINT = '<p>My Kettlebird order never arrived and nobody answers. Terrible!</p>';

describe('queue wiring: placement, triage and assignment in the ingest transaction', () => {
  it('places a complaint in care, auto-assigns it to an online agent, atomically with the item', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    const before = s.changes.length;
    s.ingest({ html: COMPLAINT, author: { handle: 'carla@social.example', name: 'Carla', url: null, avatarUrl: null } });
    const [c] = await s.list();
    expect(c).toMatchObject({ team: 'care', priority: 'high', tags: ['complaint'], assignee: 'agent1', status: 'open', sla: 'std', slaState: 'ok' });
    expect(c!.badges.intent).toBe('complaint');
    // One commit: the item, its conversation and its message arrive in the same batch of changes.
    const kinds = s.changes.slice(before).map((e) => e.change.kind);
    expect(kinds).toEqual(expect.arrayContaining(['item.added', 'conversation.updated', 'conversation.message']));
  });

  it('leaves it in the team queue, saying why, when nobody is online; an agent coming online picks it up', async () => {
    const s = await setup();
    s.ingest({ html: COMPLAINT });
    const [c] = await s.list();
    expect(c!.assignee).toBeNull();
    expect(c!.unassignedWhy).toMatch(/nobody can take it now: 2 offline/);
    await s.t.call(users.agent2, 'presence.set', { status: 'online' });
    expect((await s.list())[0]!.assignee).toBe('agent2');
  });

  it('routes a question to sales and ignores chatter nobody needs to answer', async () => {
    const s = await setup();
    s.ingest({ html: '<p>Does the Kettlebird 2 work with induction hobs?</p>' });
    s.ingest({ html: '<p>lovely morning</p>' });
    const all = await s.list();
    expect(all.map((c) => c.team)).toEqual(['sales']);
  });

  it("triage's reach condition reads the follower count stored with the item", async () => {
    const s = await setup();
    await s.t.call(users.lead, 'teams.save', {
      teams: [
        { id: 'care', name: 'Care', members: [{ user: 'agent1' }] },
        { id: 'sales', name: 'Sales', members: [{ user: 'agent2' }] },
        { id: 'pr', name: 'PR', members: [{ user: 'agent2' }] },
      ],
    });
    await s.t.call(users.lead, 'rules.save', {
      config: {
        rules: [{ id: 'reach', name: 'High reach to PR', when: [{ field: 'reach', atLeast: 100_000 }], then: { team: 'pr', priority: 'urgent' } }],
        defaultRoute: { team: 'care', sla: 'std' },
      },
    });
    const author = (handle: string) => ({ handle, name: handle, url: null, avatarUrl: null });
    s.ingest({ html: COMPLAINT, author: author('jo@news.example'), authorSignals: { followers: 250_000 } });
    s.ingest({ html: COMPLAINT, author: author('kim@social.example'), authorSignals: { followers: 99_999 } });
    s.ingest({ html: COMPLAINT, author: author('lee@social.example') });
    const teams = Object.fromEntries((await s.list()).map((c) => [c.author.handle, c.team]));
    expect(teams).toEqual({ 'jo@news.example': 'pr', 'kim@social.example': 'care', 'lee@social.example': 'care' });
  });

  it('an agent going offline hands back unstarted conversations; answered ones stay', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, author: { handle: 'x@social.example', name: 'X', url: null, avatarUrl: null }, nativeId: 'https://fake.example/users/x/statuses/71' });
    s.ingest({ html: '<p>Kettlebird broke again, awful service</p>', author: { handle: 'y@social.example', name: 'Y', url: null, avatarUrl: null }, nativeId: 'https://fake.example/users/y/statuses/72' });
    const [first, second] = await s.list();
    expect([first!.assignee, second!.assignee]).toEqual(['agent1', 'agent1']);
    await s.t.call(users.agent, 'queue.reply', { id: first!.id, text: 'Sorry to hear that, we are on it.' });
    await s.t.call(users.agent2, 'presence.set', { status: 'online' });
    await s.t.call(users.agent, 'presence.set', { status: 'offline' });
    const after = new Map((await s.list()).map((c) => [c.id, c.assignee]));
    expect(after.get(first!.id)).toBe('agent1');
    expect(after.get(second!.id)).toBe('agent2');
  });

  it('a customer writing again reopens a resolved conversation', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://fake.example/users/a/statuses/900' });
    const [c] = await s.list();
    await s.t.call(users.agent, 'queue.resolve', { id: c!.id });
    expect((await s.t.call<{ conversation: ConversationView }>(users.agent, 'queue.get', { id: c!.id })).conversation.status).toBe('resolved');
    s.ingest({ html: '<p>still broken, nobody helped</p>', replyTo: 'https://social.example/users/a/statuses/900' });
    const again = (await s.list()).find((x) => x.id === c!.id)!;
    expect(again).toMatchObject({ status: 'open', reopenCount: 1, answered: false });
    const detail = await s.t.call<{ messages: { kind: string }[] }>(users.agent, 'queue.get', { id: c!.id });
    expect(detail.messages.map((m) => m.kind)).toEqual(['customer', 'customer']);
  });
});

describe('queue wiring: claims, roles and the wall', () => {
  it('exactly one of two concurrent claims wins; the other gets 409', async () => {
    const s = await setup();
    s.ingest({ html: COMPLAINT });
    const [c] = await s.list();
    const results = await Promise.allSettled([s.t.call(users.agent, 'queue.claim', { id: c!.id }), s.t.call(users.agent2, 'queue.claim', { id: c!.id })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'conflict' });
  });

  it('enforces roles on the server', async () => {
    const s = await setup();
    await expect(s.t.call(users.agent, 'rules.save', { config: { rules: [], defaultRoute: { team: 'care' } } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.agent, 'teams.save', { teams: [] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.agent, 'queue.assign', { id: 'c1', to: 'agent1' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.wall, 'queue.list', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.wall, 'queue.get', { id: 'c1' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.wall, 'queue.stats', {})).resolves.toMatchObject({ total: { open: 0 } });
  });

  it('never sends the wall a private conversation’s customer, text, or any note', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: '<p>@brand my card was charged twice, please help</p>', visibility: 'direct', author: { handle: 'secret@social.example', name: 'Secret Person', url: null, avatarUrl: null } });
    const [c] = await s.list();
    expect(c!.private).toBe(true);
    await s.t.call(users.agent, 'queue.note', { id: c!.id, text: 'customer id 4711' });
    // The stream's role filter: the wall gets no queue change at all (its tiles read counts from queue.stats).
    const wallSees = s.changes.filter((e) => roleMay('wall', changeAccess(e.change)));
    expect(s.changes.some((e) => e.change.kind === 'conversation.updated')).toBe(true);
    expect(JSON.stringify(wallSees)).not.toMatch(/charged twice|Secret Person|secret@|4711/);
    expect(wallSees.filter((e) => /^(conversation|presence|queue)\./.test(e.change.kind))).toEqual([]);
    expect(JSON.stringify(await s.t.call(users.wall, 'queue.stats', {}))).not.toMatch(/charged twice|Secret Person|secret@|4711/);
  });

  it('rejects rules that route to a team that does not exist, with a did-you-mean', async () => {
    const s = await setup();
    await expect(
      s.t.call(users.lead, 'rules.save', { config: { rules: [{ id: 'r', name: 'R', when: [], then: { team: 'car' } }], defaultRoute: { team: 'care' } } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/no team "car" \(did you mean "care"\?\)/) });
  });

  it('the rule tester says which rule fires and why', async () => {
    const s = await setup();
    const r = await s.t.call<{ explanation: { decidingRule: string; outcome: { team: string } } }>(users.lead, 'rules.test', { text: 'Does the Kettlebird 2 work with induction hobs?' });
    expect(r.explanation).toMatchObject({ decidingRule: 'questions', outcome: { team: 'sales' } });
  });
});

describe('queue wiring: replies through the outbox, guidelines, the freeze', () => {
  it('sends a threaded reply through the outbox and records the first response', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://fake.example/users/a/statuses/4242' });
    const [c] = await s.list();
    const r = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: c!.id, text: 'So sorry, Carla: we are sending a new one today.' });
    expect(r).toMatchObject({ sent: true, why: null });
    await s.t.tick();
    expect(s.publisher.sent.map((p) => [p.text, p.inReplyTo])).toEqual([['So sorry, Carla: we are sending a new one today.', '4242']]);
    const detail = await s.t.call<{ conversation: ConversationView; messages: { kind: string; postStatus: string | null }[] }>(users.agent, 'queue.get', { id: c!.id });
    expect(detail.conversation.firstResponseAt).not.toBeNull();
    expect(detail.conversation.answered).toBe(true);
    expect(detail.messages.at(-1)).toMatchObject({ kind: 'reply', postStatus: 'published' });
    // The wall's figures: one open, answered within its SLA today.
    expect((await s.t.call<{ total: object }>(users.wall, 'queue.stats', {})).total).toEqual({ team: 'all', open: 1, unanswered: 0, oldestWaitingSince: null, slaAttainment: 1, medianFirstResponseMs: 0 });
  });

  it('a reply the guidelines block is not sent and says why', async () => {
    const s = await setup();
    s.t.engine.queue.core.store.write(() => s.t.engine.queue.core.settings.saveGuidelines({ forbidden: [{ phrase: 'calm down', reason: 'dismissive', teams: [] }], required: [], tone: { allCapsWords: 3, cheerfulToNegative: true, cheerfulMarkers: ['awesome'] } }));
    s.ingest({ html: COMPLAINT });
    const [c] = await s.list();
    const r = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: c!.id, text: 'Please calm down.' });
    expect(r.sent).toBe(false);
    expect(r.why).toMatch(/guidelines block/);
    expect(r.findings[0]).toMatchObject({ check: 'forbidden_phrase', severity: 'block' });
    await s.t.tick();
    expect(s.publisher.sent).toHaveLength(0);
  });

  it('replies go on during a freeze by default; a freeze with holdReplies holds them too', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://fake.example/users/a/statuses/1' });
    s.ingest({ html: '<p>Kettlebird lid broke, terrible</p>', nativeId: 'https://fake.example/users/b/statuses/2', author: { handle: 'b@social.example', name: 'B', url: null, avatarUrl: null } });
    const [c1, c2] = await s.list();
    await s.t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'drill' });
    await s.t.call(users.agent, 'queue.reply', { id: c1!.id, text: 'We are on it.' });
    await s.t.tick();
    expect(s.publisher.sent).toHaveLength(1);
    await s.t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'legal says stop replies too', holdReplies: true });
    await s.t.call(users.agent, 'queue.reply', { id: c2!.id, text: 'We are on it too.' });
    await s.t.tick();
    expect(s.publisher.sent).toHaveLength(1);
    const held = await s.t.call<{ messages: { postStatus: string | null }[] }>(users.agent, 'queue.get', { id: c2!.id });
    expect(held.messages.at(-1)!.postStatus).toBe('held');
  });
});

describe('queue wiring: replies into private conversations', () => {
  const SECRET = { handle: 'secret@social.example', name: 'Secret Person', url: null, avatarUrl: null };

  it('answers a direct message with a direct, threaded reply that mentions the customer, and never shows the wall', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: '<p>@brand my card was charged twice, please help</p>', visibility: 'direct', author: SECRET, nativeId: 'https://fake.example/users/secret/statuses/777' });
    const [c] = await s.list();
    expect(c!.private).toBe(true);
    const r = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: c!.id, text: 'We refunded the second charge.' });
    expect(r).toMatchObject({ sent: true, why: null });
    await s.t.tick();
    expect(s.publisher.sent.map((p) => [p.text, p.inReplyTo, p.visibility])).toEqual([['@secret@social.example We refunded the second charge.', '777', 'direct']]);
    const detail = await s.t.call<{ messages: { kind: string; text: string; postStatus: string | null }[] }>(users.agent, 'queue.get', { id: c!.id });
    expect(detail.messages.at(-1)).toMatchObject({ kind: 'reply', text: '@secret@social.example We refunded the second charge.', postStatus: 'published' });
    // Nothing of it reaches the wall: not the post, not the message, not the customer.
    const wallSees = s.changes.filter((e) => roleMay('wall', changeAccess(e.change)));
    expect(s.changes.some((e) => e.change.kind === 'post.added')).toBe(true);
    expect(JSON.stringify(wallSees)).not.toMatch(/refunded|charged twice|secret@/);
    await expect(s.t.call(users.wall, 'posts.list', {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps a mention the agent wrote, and sends a public conversation’s reply publicly as before', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: '<p>@brand charged twice!</p>', visibility: 'direct', author: SECRET, nativeId: 'https://fake.example/users/secret/statuses/5' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://fake.example/users/a/statuses/6' });
    const list = await s.list();
    const dm = list.find((c) => c.private)!;
    const pub = list.find((c) => !c.private)!;
    await s.t.call(users.agent, 'queue.reply', { id: dm.id, text: 'Hi @Secret, refunded.' });
    await s.t.call(users.agent, 'queue.reply', { id: pub.id, text: 'Sorry, on it.' });
    await s.t.tick();
    expect(s.publisher.sent.map((p) => [p.text, p.visibility]).sort()).toEqual([
      ['Hi @Secret, refunded.', 'direct'],
      ['Sorry, on it.', 'public'],
    ]);
  });

  it("writes a customer on the brand's own server as @user, as Mastodon's apps do", async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: '<p>@brand charged twice!</p>', visibility: 'direct', author: { ...SECRET, handle: 'Local@Fake.Example' }, nativeId: 'https://fake.example/users/local/statuses/15' });
    const [c] = await s.list();
    await s.t.call(users.agent, 'queue.reply', { id: c!.id, text: 'Refunded.' });
    await s.t.tick();
    expect(s.publisher.sent.map((p) => p.text)).toEqual(['@local Refunded.']);
  });

  it('the freeze treats private replies as it treats public ones: on by default, held with holdReplies', async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: '<p>@brand charged twice</p>', visibility: 'direct', author: SECRET, nativeId: 'https://fake.example/users/secret/statuses/8' });
    s.ingest({ html: '<p>@brand still no refund</p>', visibility: 'direct', author: { ...SECRET, handle: 'other@social.example' }, nativeId: 'https://fake.example/users/other/statuses/9' });
    const [c1, c2] = await s.list();
    await s.t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'drill' });
    await s.t.call(users.agent, 'queue.reply', { id: c1!.id, text: 'Refunded.' });
    await s.t.tick();
    expect(s.publisher.sent.map((p) => p.visibility)).toEqual(['direct']);
    await s.t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'legal says stop replies too', holdReplies: true });
    await s.t.call(users.agent, 'queue.reply', { id: c2!.id, text: 'Refunded too.' });
    await s.t.tick();
    expect(s.publisher.sent).toHaveLength(1);
    const held = await s.t.call<{ messages: { postStatus: string | null }[] }>(users.agent, 'queue.get', { id: c2!.id });
    expect(held.messages.at(-1)!.postStatus).toBe('held');
  });
});

describe('queue wiring: customers and posts on other servers', () => {
  it("replies to a post from another server under the id the brand's server knows it by", async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    const uri = 'https://far.example/users/carla/statuses/999';
    s.publisher.federated.set(uri, '110042');
    s.ingest({ html: COMPLAINT, nativeId: uri, author: { handle: 'carla@far.example', name: 'Carla', url: null, avatarUrl: null } });
    const [c] = await s.list();
    expect(await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: c!.id, text: 'So sorry, Carla.' })).toMatchObject({ sent: true });
    await s.t.tick();
    expect(s.publisher.lookups).toEqual([uri]);
    // Never 999: on the brand's server that number is some other post.
    expect(s.publisher.sent.map((p) => p.inReplyTo)).toEqual(['110042']);
  });

  it("refuses, keeping the draft and saying why, when the brand's server cannot find the post", async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://gone.example/users/z/statuses/5' });
    const [c] = await s.list();
    const r = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: c!.id, text: 'Sorry!' });
    expect(r).toMatchObject({ sent: false, why: expect.stringMatching(/fake\.example cannot find the customer's post \(https:\/\/gone\.example\/users\/z\/statuses\/5\)/) });
    await s.t.tick();
    expect(s.publisher.sent).toEqual([]);
    expect((await s.t.call<{ messages: { kind: string }[] }>(users.agent, 'queue.get', { id: c!.id })).messages.map((m) => m.kind)).toEqual(['customer']);
  });

  it("threads a customer's answer to our reply into the conversation, but not a reply to another server's post with the same number", async () => {
    const s = await setup();
    await s.t.call(users.agent, 'presence.set', { status: 'online' });
    s.ingest({ html: COMPLAINT, nativeId: 'https://fake.example/users/a/statuses/10', author: { handle: 'a@fake.example', name: 'A', url: null, avatarUrl: null } });
    const [c] = await s.list();
    await s.t.call(users.agent, 'queue.reply', { id: c!.id, text: 'We are on it.' });
    await s.t.tick();
    const ours = s.t.store.db.prepare('SELECT remote_id FROM posts').get() as { remote_id: string };
    // Someone else, on another server, replies to their own post that happens to carry our post's number: not ours.
    s.ingest({ html: '<p>totally unrelated chatter</p>', nativeId: 'https://other.example/users/b/statuses/77', replyTo: `https://other.example/users/b/statuses/${ours.remote_id}`, author: { handle: 'b@other.example', name: 'B', url: null, avatarUrl: null } });
    expect(await s.list()).toHaveLength(1);
    // The customer answers our reply (its address is on the brand's server): same conversation.
    s.ingest({ html: '<p>thanks, still waiting though</p>', nativeId: 'https://far.example/users/a2/statuses/3', replyTo: `https://fake.example/users/brand/statuses/${ours.remote_id}`, author: { handle: 'a@fake.example', name: 'A', url: null, avatarUrl: null } });
    const after = await s.list();
    expect(after).toHaveLength(1);
    const detail = await s.t.call<{ messages: { kind: string; text: string }[] }>(users.agent, 'queue.get', { id: c!.id });
    expect(detail.messages.map((m) => m.kind)).toEqual(['customer', 'reply', 'customer']);
  });
});

describe('queue wiring: SLA timers on the injected clock', () => {
  it('warns before a breach and escalates on it', async () => {
    const s = await setup();
    s.ingest({ html: COMPLAINT });
    const [c] = await s.list();
    s.clock.advance(46 * MINUTE);
    s.t.engine.queue.sla.check();
    s.clock.advance(15 * MINUTE);
    s.t.engine.queue.sla.check();
    const sla = s.changes.filter((e) => e.change.kind === 'conversation.sla').map((e) => (e.change as { state: string }).state);
    expect(sla).toEqual(['warning', 'breached']);
    // The breach is the one that notifies the lead's desktop.
    const notices = s.changes.map((e) => slaNotice(e.change)).filter((n) => n !== null);
    expect(notices).toEqual([expect.objectContaining({ title: 'SLA breached: care', urgent: true })]);
    expect((await s.list()).find((x) => x.id === c!.id)!.slaState).toBe('breached');
    // The escalation is raised once.
    s.clock.advance(60 * MINUTE);
    s.t.engine.queue.sla.check();
    expect(s.changes.filter((e) => e.change.kind === 'conversation.sla')).toHaveLength(2);
  });
});

describe('queue wiring: presence follows the hub connections', () => {
  it('an agent whose last connection closes goes offline after the grace period; a reload within it keeps them online', async () => {
    const s = await setup();
    const token = addUser(s.t.store, s.clock, 'agent3', 'agent');
    const a = s.t.engine.openSession(token, () => undefined)!;
    const b = s.t.engine.openSession(token, () => undefined)!;
    await s.t.call({ name: 'agent3', role: 'agent' }, 'presence.set', { status: 'online' });
    const status = () => s.t.store.db.prepare("SELECT status FROM queue_presence WHERE user = 'agent3'").pluck().get();
    a.close();
    s.clock.advance(OFFLINE_GRACE_MS + 1);
    expect(status()).toBe('online'); // one connection is still open
    b.close();
    s.clock.advance(OFFLINE_GRACE_MS - 1000);
    const c = s.t.engine.openSession(token, () => undefined)!; // a reload within the grace period
    s.clock.advance(5_000);
    expect(status()).toBe('online');
    c.close();
    s.clock.advance(OFFLINE_GRACE_MS + 1);
    expect(status()).toBe('offline');
  });
});
