import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, ScheduledPost } from '../../../shared/publishing.js';
import { mastodonLength } from '../../../electron/engine/publish/text-length.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { addAccount, FakePlatform, FakePublisher, memorySecrets, openEngine, tmpDb, users, type TestEngine } from './harness.js';

const at = (clock: FakeClock, ms: number) => new Date(clock.now() + ms).toISOString();

describe('posts: approval, roles, transitions, audit', () => {
  let clock: FakeClock;
  let pub: FakePublisher;
  let t: TestEngine;
  let approval: string;
  let open: string;
  const secrets = memorySecrets();

  beforeEach(async () => {
    clock = new FakeClock();
    pub = new FakePublisher(new FakePlatform(() => clock.now()));
    t = await openEngine(tmpDb(), clock, secrets, pub);
    approval = await addAccount(t, clock, secrets, 'brand', true);
    open = await addAccount(t, clock, secrets, 'open', false);
  });
  afterEach(async () => {
    await t.engine.stop();
    t.store.close();
  });

  const create = async (user: (typeof users)[keyof typeof users], params: Record<string, unknown>) =>
    (await t.call<{ posts: ScheduledPost[] }>(user, 'posts.create', { text: 'Fresh kettles, fresh mornings', ...params })).posts;
  const audit = async (id: string) => (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'post', entityId: id })).entries.reverse();

  it('creates one post per account with a shared group; status follows the approval rules', async () => {
    const agentPosts = await create(users.agent, { accountIds: [approval, open], scheduledAt: at(clock, 60_000) });
    expect(agentPosts.map((p) => [p.accountId, p.status])).toEqual([
      [approval, 'pending_approval'],
      [open, 'scheduled'],
    ]);
    expect(new Set(agentPosts.map((p) => p.groupId)).size).toBe(1);
    const leadPost = (await create(users.lead, { accountIds: [approval], scheduledAt: at(clock, 60_000) }))[0]!;
    expect(leadPost).toMatchObject({ status: 'scheduled', approvedBy: 'lead' });
    const draft = (await create(users.agent, { accountIds: [approval] }))[0]!;
    expect(draft).toMatchObject({ status: 'draft', scheduledAt: null, revision: 1, author: 'agent1' });
    await expect(create(users.wall, { accountIds: [approval] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(create(users.agent, { accountIds: ['nope'] })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an agent post waits for a lead; approval schedules it; only leads approve', async () => {
    const p = (await create(users.agent, { accountIds: [approval], scheduledAt: at(clock, 60_000) }))[0]!;
    await t.tick();
    clock.advance(180_000);
    await t.tick();
    expect(pub.calls).toHaveLength(0);
    await expect(t.call(users.agent, 'posts.approve', { id: p.id })).rejects.toMatchObject({ code: 'forbidden' });
    // Its time passed while waiting: approving it now would send a stale post.
    await expect(t.call(users.lead, 'posts.approve', { id: p.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/has passed/) });
    const re = (await t.call<{ post: ScheduledPost }>(users.agent, 'posts.schedule', { id: p.id, at: at(clock, 30_000) })).post;
    expect(re.status).toBe('pending_approval');
    const ok = (await t.call<{ post: ScheduledPost }>(users.lead, 'posts.approve', { id: p.id })).post;
    expect(ok).toMatchObject({ status: 'scheduled', approvedBy: 'lead' });
    await expect(t.call(users.lead, 'posts.approve', { id: p.id })).rejects.toMatchObject({ code: 'conflict' });
    clock.advance(30_000);
    await t.tick();
    expect(pub.calls.map((c) => c.postId)).toEqual([p.id]);
  });

  it("an agent's edit of their approved post on an approval account sends it back for approval and bumps the revision", async () => {
    const p = (await create(users.agent, { accountIds: [approval], scheduledAt: at(clock, 60_000) }))[0]!;
    expect((await t.call<{ post: ScheduledPost }>(users.lead, 'posts.approve', { id: p.id })).post).toMatchObject({ status: 'scheduled', approvedBy: 'lead' });
    const edited = (await t.call<{ post: ScheduledPost }>(users.agent, 'posts.update', { id: p.id, text: 'Fresh kettles, fresher mornings' })).post;
    expect(edited).toMatchObject({ status: 'pending_approval', approvedBy: null, revision: 2, text: 'Fresh kettles, fresher mornings' });
    const byLead = (await t.call<{ post: ScheduledPost }>(users.lead, 'posts.update', { id: p.id, text: 'Fresh kettles!' })).post;
    expect(byLead).toMatchObject({ status: 'scheduled', approvedBy: 'lead', revision: 3, author: 'agent1' });
    const onOpen = (await create(users.agent, { accountIds: [open], scheduledAt: at(clock, 60_000) }))[0]!;
    expect((await t.call<{ post: ScheduledPost }>(users.agent, 'posts.update', { id: onOpen.id, text: 'x y' })).post.status).toBe('scheduled');
    expect((await audit(p.id)).map((e) => [e.actor, e.action, e.from, e.to])).toEqual([
      ['agent1', 'post.created', null, 'pending_approval'],
      ['lead', 'post.approved', 'pending_approval', 'scheduled'],
      ['agent1', 'post.edited', 'scheduled', 'pending_approval'],
      ['lead', 'post.edited', 'pending_approval', 'scheduled'],
    ]);
  });

  it("finding 6: agents edit and reschedule only their own posts; leads and up any", async () => {
    const draft = (await create(users.agent, { accountIds: [open] }))[0]!;
    const approved = (await create(users.lead, { accountIds: [approval], scheduledAt: at(clock, 60_000) }))[0]!;
    await expect(t.call(users.agent2, 'posts.update', { id: draft.id, text: 'rewritten by someone else' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/agent1's/),
    });
    await expect(t.call(users.agent2, 'posts.schedule', { id: draft.id, at: at(clock, 60_000) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.call(users.agent, 'posts.update', { id: approved.id, scheduledAt: null })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.call(users.agent, 'posts.schedule', { id: approved.id, at: at(clock, 120_000) })).rejects.toMatchObject({ code: 'forbidden' });
    expect(t.store.posts.get(draft.id)).toMatchObject({ text: 'Fresh kettles, fresh mornings', status: 'draft', revision: 1 });
    expect(t.store.posts.get(approved.id)).toMatchObject({ status: 'scheduled', approvedBy: 'lead', revision: 1 });
    expect((await t.call<{ post: ScheduledPost }>(users.lead, 'posts.update', { id: draft.id, text: 'tidied by the lead' })).post).toMatchObject({ author: 'agent1', revision: 2 });
    expect((await t.call<{ post: ScheduledPost }>(users.crisis, 'posts.schedule', { id: draft.id, at: at(clock, 60_000) })).post.status).toBe('scheduled');
  });

  it('refuses edits and cancels that the state does not allow, with a clear message', async () => {
    const p = (await create(users.lead, { accountIds: [open], scheduledAt: at(clock, 0) }))[0]!;
    await t.tick();
    await expect(t.call(users.lead, 'posts.update', { id: p.id, text: 'changed' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/being sent/) });
    pub.end(pub.calls[0]!, 'success');
    await t.tick();
    expect(t.store.posts.get(p.id)!.status).toBe('published');
    await expect(t.call(users.lead, 'posts.update', { id: p.id, text: 'changed' })).rejects.toMatchObject({ code: 'conflict', message: "published posts can't be edited" });
    await expect(t.call(users.lead, 'posts.cancel', { id: p.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(t.call(users.lead, 'posts.release', { id: p.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await audit(p.id)).map((e) => `${e.actor}:${e.from}->${e.to}`)).toEqual(['lead:null->scheduled', 'newsroom:scheduled->publishing', 'newsroom:publishing->published']);
  });

  it('agents cancel only their own posts; leads cancel any', async () => {
    const mine = (await create(users.agent, { accountIds: [open] }))[0]!;
    const theirs = (await create(users.agent2, { accountIds: [open] }))[0]!;
    await expect(t.call(users.agent, 'posts.cancel', { id: theirs.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.call<{ post: ScheduledPost }>(users.agent, 'posts.cancel', { id: mine.id })).post.status).toBe('cancelled');
    expect((await t.call<{ post: ScheduledPost }>(users.lead, 'posts.cancel', { id: theirs.id })).post.status).toBe('cancelled');
    await expect(t.call(users.lead, 'posts.cancel', { id: theirs.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/cancelled posts/) });
  });

  it('held posts are for leads: agents can neither edit nor reschedule them', async () => {
    const p = (await create(users.agent, { accountIds: [open], scheduledAt: at(clock, 0) }))[0]!;
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    expect(t.store.posts.get(p.id)!.status).toBe('held');
    await expect(t.call(users.agent, 'posts.update', { id: p.id, text: 'sneaky' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.call(users.agent, 'posts.schedule', { id: p.id, at: at(clock, 60_000) })).rejects.toMatchObject({ code: 'conflict' });
    const edited = (await t.call<{ post: ScheduledPost }>(users.lead, 'posts.update', { id: p.id, text: 'Reworded for the day' })).post;
    expect(edited).toMatchObject({ status: 'held', revision: 2 });
  });

  it("enforces Mastodon's 500 characters as Mastodon counts them (a link is 23)", async () => {
    const link = `https://example.com/${'a'.repeat(200)}`;
    // A link glued to a word is not a link to Mastodon (twitter-text wants a non-word character before it).
    expect(mastodonLength(`${'x'.repeat(476)} ${link}`)).toBe(500);
    expect(await create(users.agent, { accountIds: [open], text: `${'x'.repeat(476)} ${link}` })).toHaveLength(1);
    await expect(create(users.agent, { accountIds: [open], text: 'x'.repeat(512) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("12 characters over Mastodon's 500"),
    });
    const p = (await create(users.agent, { accountIds: [open] }))[0]!;
    await expect(t.call(users.agent, 'posts.update', { id: p.id, text: 'y'.repeat(501) })).rejects.toMatchObject({ message: expect.stringContaining("1 characters over Mastodon's 500") });
  });

  it('refuses a time in the past, but takes the last minute as now', async () => {
    await expect(create(users.lead, { accountIds: [open], scheduledAt: at(clock, -61_000) })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/in the past/) });
    const p = (await create(users.lead, { accountIds: [open], scheduledAt: at(clock, -30_000) }))[0]!;
    expect(p.scheduledAt).toBe(at(clock, 0));
    await expect(t.call(users.lead, 'posts.schedule', { id: p.id, at: at(clock, -3_600_000) })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('lists by status, with the attempts, and accounts never show a token', async () => {
    const a = (await create(users.lead, { accountIds: [open], scheduledAt: at(clock, 0) }))[0]!;
    await create(users.lead, { accountIds: [open] });
    await t.tick();
    const listed = (await t.call<{ posts: ScheduledPost[] }>(users.agent, 'posts.list', { status: 'publishing' })).posts;
    expect(listed.map((p) => p.id)).toEqual([a.id]);
    expect(listed[0]!.attempts).toEqual([expect.objectContaining({ revision: 1, freezeEpoch: 0, outcome: null, finishedAt: null })]);
    expect((await t.call<{ posts: ScheduledPost[] }>(users.agent, 'posts.list', { status: ['draft', 'publishing'] })).posts).toHaveLength(2);
    const accounts = await t.call<{ accounts: object[] }>(users.agent, 'accounts.list');
    expect(JSON.stringify(accounts)).not.toMatch(/token-/);
    expect(accounts.accounts[0]).not.toHaveProperty('remoteAccountId');
    expect(JSON.stringify(listed)).not.toMatch(/newsroom-.*-r1/);
  });

  it('pages posts.list newest first with an opaque cursor, also among posts created in the same millisecond', async () => {
    for (let i = 0; i < 4; i++) await create(users.lead, { accountIds: [open], text: `same ms ${i}` });
    clock.advance(1000);
    for (let i = 0; i < 3; i++) await create(users.lead, { accountIds: [open], text: `later ${i}` });
    const all = (await t.call<{ posts: ScheduledPost[]; next: string | null }>(users.agent, 'posts.list', { limit: 100 })).posts;
    expect(all).toHaveLength(7);
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await t.call<{ posts: ScheduledPost[]; next: string | null }>(users.agent, 'posts.list', { limit: 3, ...(before ? { before } : {}) });
      seen.push(...r.posts.map((p) => p.id));
      if (r.next === null) break;
      before = r.next;
    }
    expect(seen).toEqual(all.map((p) => p.id));
    expect(all.slice(0, 3).every((p) => p.text.startsWith('later'))).toBe(true);
    // Exactly a page's worth left: the last full page says there is no next one.
    expect((await t.call<{ next: string | null }>(users.agent, 'posts.list', { limit: 7 })).next).toBeNull();
    await expect(t.call(users.agent, 'posts.list', { before: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/next/) });
  });

  it('removing an account cancels its unsent posts, and is refused while a send is on the wire', async () => {
    const p = (await create(users.lead, { accountIds: [open], scheduledAt: at(clock, 0) }))[0]!;
    const later = (await create(users.lead, { accountIds: [open], scheduledAt: at(clock, 60_000) }))[0]!;
    await t.tick();
    await expect(t.call(users.admin, 'accounts.remove', { id: open })).rejects.toMatchObject({ code: 'conflict' });
    pub.end(pub.calls[0]!, 'success');
    await t.tick();
    await expect(t.call(users.lead, 'accounts.remove', { id: open })).rejects.toMatchObject({ code: 'forbidden' });
    await t.call(users.admin, 'accounts.remove', { id: open });
    expect(t.store.posts.get(p.id)!.status).toBe('published');
    expect(t.store.posts.get(later.id)).toMatchObject({ status: 'cancelled', note: expect.stringMatching(/removed/) });
    expect(secrets.data.has(`account:${open}:token`)).toBe(false);
  });
});
