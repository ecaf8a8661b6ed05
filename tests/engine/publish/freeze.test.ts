import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, FreezeState, ScheduledPost } from '../../../shared/publishing.js';
import type { ChangeEnvelope } from '../../../shared/changes.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { addAccount, FakePlatform, FakePublisher, memorySecrets, openEngine, tmpDb, users, type TestEngine } from './harness.js';

type SetResult = { freeze: FreezeState; held: ScheduledPost[]; mayHavePublished: Array<{ postId: string; checkUrl: string | null }>; awaitingSecondPerson: boolean };
const at = (clock: FakeClock, ms: number) => new Date(clock.now() + ms).toISOString();

describe('freeze', () => {
  let clock: FakeClock;
  let pub: FakePublisher;
  let t: TestEngine;
  let acct: string;
  let other: string;
  const secrets = memorySecrets();

  beforeEach(async () => {
    clock = new FakeClock();
    pub = new FakePublisher(new FakePlatform(() => clock.now()));
    t = await openEngine(tmpDb(), clock, secrets, pub);
    acct = await addAccount(t, clock, secrets, 'brand', false);
    other = await addAccount(t, clock, secrets, 'other', false);
  });
  afterEach(async () => {
    await t.engine.stop();
    t.store.close();
  });

  const create = async (accountId: string, inMs: number | null, text = 'Hit the hay early tonight!') =>
    (await t.call<{ posts: ScheduledPost[] }>(users.lead, 'posts.create', { accountIds: [accountId], text, ...(inMs === null ? {} : { scheduledAt: at(clock, inMs) }) })).posts[0]!;
  const get = (id: string) => t.store.posts.get(id)!;

  it('holds every due post in scope atomically, reports sends on the wire, and audits who, why and what', async () => {
    const onWire = await create(acct, 0, 'already sending');
    await t.tick();
    expect(pub.pending()).toHaveLength(1);
    expect(get(onWire.id).status).toBe('publishing');
    const due = await create(acct, 1_000);
    const later = await create(acct, 3_600_000);
    const otherDue = await create(other, 1_000);
    clock.advance(2_000);
    const batches: string[][] = [];
    t.engine.onChanges((e) => batches.push(e.map((x) => x.change.kind)));

    const r = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: true, reason: 'Product recall', accountIds: [acct] });
    expect(r.freeze).toMatchObject({ frozen: true, reason: 'Product recall', by: 'crisis', scope: { kind: 'accounts', accountIds: [acct] }, epoch: 1 });
    expect(r.held.map((p) => p.id)).toEqual([due.id]);
    expect(r.held[0]).toMatchObject({ status: 'held', note: 'held by the freeze' });
    expect(r.mayHavePublished).toEqual([expect.objectContaining({ postId: onWire.id, checkUrl: 'https://fake.example/@brand' })]);
    expect(get(later.id).status).toBe('scheduled');
    expect(get(otherDue.id).status).toBe('scheduled');
    // One commit: every change of the freeze reached listeners in a single batch, in order.
    expect(batches).toHaveLength(1);
    expect([...batches[0]!].sort()).toEqual(['audit.added', 'audit.added', 'freeze.changed', 'post.updated']);
    const audit = (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'freeze' })).entries;
    expect(audit[0]).toMatchObject({ actor: 'crisis', action: 'freeze.set', from: 'lifted', to: 'frozen', details: { reason: 'Product recall', held: [due.id], mayHavePublished: [onWire.id] } });
    const heldAudit = (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'post', entityId: due.id })).entries;
    expect(heldAudit[0]).toMatchObject({ actor: 'crisis', action: 'post.held', from: 'scheduled', to: 'held' });

    // The other account is not frozen: its post goes out; the frozen one's later post is held when due.
    await t.tick();
    expect(pub.calls.map((c) => c.postId)).toEqual([onWire.id, otherDue.id]);
    clock.advance(3_600_000);
    await t.tick();
    expect(get(later.id)).toMatchObject({ status: 'held', note: 'held by the freeze' });
    expect(pub.calls).toHaveLength(2);
  });

  it('refuses a claim once the freeze committed, even for a post listed as due before it', async () => {
    const p = await create(acct, 0);
    const due = t.store.posts.due(new Date(clock.now()).toISOString());
    expect(due.map((d) => d.id)).toEqual([p.id]);
    // The freeze commits between the scheduler's listing and its claim (the await on the token).
    const ticking = t.engine.publishing.scheduler.tick();
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    await ticking;
    expect(pub.calls).toHaveLength(0);
    expect(get(p.id).status).toBe('held');
  });

  it('needs crisis or admin, and a reason', async () => {
    for (const u of [users.agent, users.lead, users.wall]) {
      await expect(t.call(u, 'freeze.set', { frozen: true, reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(t.call(u, 'freeze.set', { frozen: false })).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(t.call(users.crisis, 'freeze.set', { frozen: true })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/reason is required/) });
    await expect(t.call(users.crisis, 'freeze.set', { frozen: true, reason: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.call(users.lead, 'freeze.configure', { liftRequiresSecondPerson: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.call(users.crisis, 'freeze.configure', { liftRequiresSecondPerson: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.call(users.crisis, 'freeze.set', { frozen: false })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not frozen/) });
    expect(t.store.freeze.get().frozen).toBe(false);
  });

  it('lifting sends nothing: held posts stay held, posts whose time passed are held too; a lead releases', async () => {
    const p = await create(acct, 1_000);
    const future = await create(acct, 3_600_000);
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    clock.advance(5_000);
    const lifted = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: false });
    expect(lifted.freeze).toMatchObject({ frozen: false, epoch: 2, by: 'crisis' });
    expect(lifted.held.map((x) => x.id)).toEqual([p.id]);
    await t.tick();
    expect(pub.calls).toHaveLength(0);
    expect(get(p.id).status).toBe('held');
    expect(get(future.id).status).toBe('scheduled');

    await expect(t.call(users.agent, 'posts.release', { id: p.id })).rejects.toMatchObject({ code: 'forbidden' });
    const released = (await t.call<{ post: ScheduledPost }>(users.lead, 'posts.release', { id: p.id })).post;
    expect(released).toMatchObject({ status: 'scheduled', scheduledAt: new Date(clock.now()).toISOString(), note: null });
    await t.tick();
    expect(pub.calls.map((c) => c.postId)).toEqual([p.id]);
  });

  it('refuses a release while a freeze covers the account', async () => {
    const p = await create(acct, 0);
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    expect(get(p.id).status).toBe('held');
    await expect(t.call(users.lead, 'posts.release', { id: p.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/frozen/) });
    await expect(t.call(users.lead, 'posts.schedule', { id: p.id, at: at(clock, 60_000) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('ends an expired freeze into review: every scheduled post in scope is held, nothing is sent', async () => {
    const soon = await create(acct, 30_000);
    const tomorrow = await create(acct, 86_400_000);
    const elsewhere = await create(other, 86_400_000);
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm', accountIds: [acct], expiresAt: at(clock, 60_000) });
    clock.advance(40_000);
    await t.tick();
    expect(get(soon.id)).toMatchObject({ status: 'held', note: 'held by the freeze' });
    clock.advance(20_000);
    await t.tick();
    const f = (await t.call<{ freeze: FreezeState }>(users.wall, 'freeze.get')).freeze;
    expect(f).toMatchObject({ frozen: false, by: 'newsroom', expiresAt: null });
    expect(get(tomorrow.id)).toMatchObject({ status: 'held', note: expect.stringMatching(/expired/) });
    expect(get(elsewhere.id).status).toBe('scheduled');
    clock.advance(86_400_000);
    await t.tick();
    expect(pub.calls.map((c) => c.postId)).toEqual([elsewhere.id]);
    const audit = (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'freeze' })).entries;
    expect(audit[0]).toMatchObject({ actor: 'newsroom', action: 'freeze.expired', details: expect.objectContaining({ held: [tomorrow.id] }) });
  });

  it('with a second person required: the first lift only asks, the same person again is refused, another lifts', async () => {
    await t.call(users.admin, 'freeze.configure', { liftRequiresSecondPerson: true });
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    const first = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: false });
    expect(first.awaitingSecondPerson).toBe(true);
    expect(first.freeze).toMatchObject({ frozen: true, pendingLift: { by: 'crisis' } });
    await expect(t.call(users.crisis, 'freeze.set', { frozen: false })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/second person/) });
    expect(t.store.freeze.get().frozen).toBe(true);

    // Re-freezing clears the pending lift: the next lift starts over.
    await t.call(users.crisis2, 'freeze.set', { frozen: true, reason: 'worse' });
    expect(t.store.freeze.get().pendingLift).toBeNull();
    expect((await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: false })).awaitingSecondPerson).toBe(true);
    const second = await t.call<SetResult>(users.admin, 'freeze.set', { frozen: false });
    expect(second).toMatchObject({ awaitingSecondPerson: false, freeze: { frozen: false, pendingLift: null } });
    const audit = (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'freeze', limit: 1 })).entries;
    expect(audit[0]).toMatchObject({ actor: 'admin', action: 'freeze.lifted', details: expect.objectContaining({ requestedBy: 'crisis' }) });
  });

  it('finding 4: with a second person required, ask-to-lift then re-freeze with a near expiry cannot lift it alone', async () => {
    const p = await create(acct, 3_600_000);
    await t.call(users.admin, 'freeze.configure', { liftRequiresSecondPerson: true });
    await t.call(users.crisis2, 'freeze.set', { frozen: true, reason: 'storm' });
    expect((await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: false })).awaitingSecondPerson).toBe(true);
    // The bypass: a re-freeze that adds an end time 3 s away to a freeze that had none.
    await expect(t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm', expiresAt: at(clock, 3_000) })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/end time/),
    });
    clock.advance(5_000);
    await t.tick();
    expect(t.store.freeze.get()).toMatchObject({ frozen: true, expiresAt: null });
    expect(get(p.id).status).toBe('scheduled');
  });

  it('finding 4: a re-freeze never shortens an end time (it may lengthen it, or make the freeze open-ended)', async () => {
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'a', expiresAt: at(clock, 600_000) });
    await expect(t.call(users.crisis2, 'freeze.set', { frozen: true, reason: 'b', expiresAt: at(clock, 60_000) })).rejects.toMatchObject({ code: 'conflict' });
    expect(t.store.freeze.get().expiresAt).toBe(at(clock, 600_000));
    const longer = await t.call<SetResult>(users.crisis2, 'freeze.set', { frozen: true, reason: 'b', expiresAt: at(clock, 900_000) });
    expect(longer.freeze).toMatchObject({ expiresAt: at(clock, 900_000), by: 'crisis2' });
    const open = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: true, reason: 'c' });
    expect(open.freeze.expiresAt).toBeNull();
    await expect(t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'd', expiresAt: at(clock, 60_000) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('finding 4: with a second person required, an expiry ends into review with the freeze on until someone else confirms', async () => {
    const p = await create(acct, 3_600_000);
    await t.call(users.admin, 'freeze.configure', { liftRequiresSecondPerson: true });
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm', expiresAt: at(clock, 60_000) });
    clock.advance(61_000);
    await t.tick();
    // The expiry counts as the lift request of whoever set it; the freeze stays on.
    expect(t.store.freeze.get()).toMatchObject({ frozen: true, expiresAt: null, pendingLift: { by: 'crisis' } });
    expect(get(p.id)).toMatchObject({ status: 'held', note: expect.stringMatching(/expired/) });
    const audit = (await t.call<{ entries: AuditEntry[] }>(users.lead, 'audit.list', { entity: 'freeze', limit: 1 })).entries;
    expect(audit[0]).toMatchObject({ actor: 'newsroom', action: 'freeze.expired', from: 'frozen', to: 'frozen', details: expect.objectContaining({ awaitingSecondPerson: true }) });
    await expect(t.call(users.crisis, 'freeze.set', { frozen: false })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/second person/) });
    const lifted = await t.call<SetResult>(users.crisis2, 'freeze.set', { frozen: false });
    expect(lifted.freeze).toMatchObject({ frozen: false, pendingLift: null });
    clock.advance(3_600_000);
    await t.tick();
    expect(pub.calls).toHaveLength(0);
  });

  it('an end time that passed before the second-person rule was turned on ends the freeze under the rule of its time', async () => {
    const p = await create(acct, 3_600_000);
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm', expiresAt: at(clock, 60_000) });
    // No scheduler pass between the end time and the change of rule (found by the model test).
    clock.advance(130_000);
    await t.call(users.admin, 'freeze.configure', { liftRequiresSecondPerson: true });
    expect(t.store.freeze.get()).toMatchObject({ frozen: false, pendingLift: null, liftRequiresSecondPerson: true });
    expect(get(p.id)).toMatchObject({ status: 'held', note: expect.stringMatching(/expired/) });
    await expect(t.call(users.admin, 'freeze.set', { frozen: false })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a second freeze widens the scope, never narrows it', async () => {
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'a', accountIds: [acct] });
    const r = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: true, reason: 'b', accountIds: [other] });
    expect(r.freeze.scope).toEqual({ kind: 'accounts', accountIds: [acct, other] });
    const all = await t.call<SetResult>(users.crisis, 'freeze.set', { frozen: true, reason: 'c' });
    expect(all.freeze.scope).toEqual({ kind: 'all' });
    expect(all.freeze.epoch).toBe(3);
  });

  it('suggestions: stored and announced, dismissed, or resolved by the freeze', async () => {
    const seen: ChangeEnvelope[] = [];
    t.engine.onChanges((e) => seen.push(...e));
    const s1 = (await t.call<{ suggestion: { id: string } }>(users.agent, 'freeze.suggest', { reason: 'Angry wave', evidence: [{ text: 'recall?', url: 'https://x.example/1' }] })).suggestion;
    const s2 = t.engine.publishing.suggestFreeze({ reason: 'burst on #recall', evidence: [], by: 'alerts' });
    expect(seen.filter((e) => e.change.kind === 'freeze.suggested')).toHaveLength(2);
    expect((await t.call<{ suggestions: unknown[] }>(users.wall, 'freeze.get')).suggestions).toHaveLength(2);
    await expect(t.call(users.lead, 'freeze.dismiss', { id: s1.id })).rejects.toMatchObject({ code: 'forbidden' });
    await t.call(users.crisis, 'freeze.dismiss', { id: s1.id });
    await expect(t.call(users.crisis, 'freeze.dismiss', { id: s1.id })).rejects.toMatchObject({ code: 'conflict' });
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: s2.reason });
    const resolved = seen.filter((e) => e.change.kind === 'freeze.suggestion_resolved').map((e) => (e.change as { suggestion: { id: string } }).suggestion.id);
    expect(resolved).toEqual([s1.id, s2.id]);
    expect((await t.call<{ suggestions: unknown[] }>(users.wall, 'freeze.get')).suggestions).toHaveLength(0);
  });
});
