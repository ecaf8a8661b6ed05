import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduledPost } from '../../../shared/publishing.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { addAccount, FakePlatform, FakePublisher, memorySecrets, openEngine, tmpDb, users, type TestEngine } from './harness.js';

const at = (clock: FakeClock, ms: number) => new Date(clock.now() + ms).toISOString();

describe('outbox: claims, outcomes, crash recovery, reconciliation', () => {
  let clock: FakeClock;
  let remote: FakePlatform;
  let pub: FakePublisher;
  let t: TestEngine;
  let path: string;
  let acct: string;
  const secrets = memorySecrets();

  beforeEach(async () => {
    clock = new FakeClock();
    remote = new FakePlatform(() => clock.now());
    pub = new FakePublisher(remote);
    path = tmpDb();
    t = await openEngine(path, clock, secrets, pub);
    acct = await addAccount(t, clock, secrets, 'brand', false);
  });
  afterEach(async () => {
    await t.engine.stop();
    t.store.close();
  });

  const create = async (inMs: number, text = 'Kettles on sale today') =>
    (await t.call<{ posts: ScheduledPost[] }>(users.lead, 'posts.create', { accountIds: [acct], text, scheduledAt: at(clock, inMs) })).posts[0]!;
  const get = (id: string) => t.store.posts.get(id)!;
  /** kill -9: the store goes away without stop(); a new engine opens the same file. */
  const crash = async () => {
    t.store.close();
    t = await openEngine(path, clock, secrets, pub);
  };

  it('sends once with the key from post id + revision, and records the attempt before the call', async () => {
    const p = await create(0);
    pub.onPublish = (call) => {
      // The attempt row is committed before the platform is called.
      const row = t.store.posts.get(call.postId)!;
      expect(row.status).toBe('publishing');
      expect(row.attempts).toEqual([expect.objectContaining({ outcome: null, idempotencyKey: `newsroom-${p.id}-r1`, freezeEpoch: 0 })]);
    };
    await t.tick();
    await t.tick();
    expect(pub.calls.map((c) => c.key)).toEqual([`newsroom-${p.id}-r1`]);
    pub.end(pub.calls[0]!, 'success');
    await t.tick();
    expect(get(p.id)).toMatchObject({ status: 'published', remoteId: 'r1', remoteUrl: 'https://fake.example/@brand/r1' });
    expect(get(p.id).attempts[0]).toMatchObject({ outcome: 'sent', finishedAt: expect.any(String) });
  });

  it('a burst of due posts goes out at most 4 at a time per account; the rest wait, scheduled', async () => {
    const other = await addAccount(t, clock, secrets, 'second brand', false);
    for (let i = 0; i < 10; i++) await create(0, `burst ${i}`);
    await t.call(users.lead, 'posts.create', { accountIds: [other], text: 'other account', scheduledAt: at(clock, 0) });
    await t.tick();
    // Four for the first account, and the other account is not kept waiting behind them.
    expect(pub.calls.filter((c) => c.text.startsWith('burst'))).toHaveLength(4);
    expect(pub.calls.filter((c) => c.text === 'other account')).toHaveLength(1);
    expect(t.store.posts.byStatus(['scheduled'])).toHaveLength(6);
    pub.end(pub.calls.find((c) => c.text.startsWith('burst'))!, 'success');
    await t.tick();
    expect(pub.calls.filter((c) => c.text.startsWith('burst'))).toHaveLength(5);
    // A freeze now holds the five that never went on the wire; the five on it (4 + the other account's) are listed.
    const r = await t.call<{ held: unknown[]; mayHavePublished: unknown[] }>(users.crisis, 'freeze.set', { frozen: true, reason: 'mid-burst' });
    expect(r.mayHavePublished).toHaveLength(5);
    expect(r.held).toHaveLength(5);
  });

  it('a freeze committing at any point of a tick: no send starts after it', async () => {
    const startedWhileFrozen: string[] = [];
    pub.onPublish = (call) => {
      if (t.store.freeze.get().frozen) startedWhileFrozen.push(call.postId);
    };
    let sentBefore = 0;
    // Sweep the freeze across every await of the tick (the yield to I/O before a claim, token read,
    // claim, send): microtasks one at a time, with an I/O turn every third step.
    for (let n = 0; n < 40; n++) {
      await create(0, `sweep ${n}`);
      const ticking = t.tick();
      for (let i = 0; i < n; i++) await (i % 3 === 2 ? new Promise((r) => setImmediate(r)) : Promise.resolve());
      await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'sweep' });
      await ticking;
      if (pub.calls.length > sentBefore) sentBefore = pub.calls.length;
      await t.call(users.crisis, 'freeze.set', { frozen: false });
    }
    expect(startedWhileFrozen).toEqual([]);
    // The sweep did cover both sides: some sends got out before the freeze, some posts were held.
    expect(pub.calls.length).toBeGreaterThan(0);
    expect(t.store.posts.byStatus(['held']).length).toBeGreaterThan(0);
  });

  it('holds a post that missed its time by more than 5 minutes while Newsroom was down; sends one that is only a little late', async () => {
    const missed = await create(60_000, 'missed');
    const late = await create(9 * 60_000, 'late');
    await t.engine.stop();
    clock.advance(10 * 60_000);
    await t.engine.start();
    await t.tick();
    expect(get(missed.id)).toMatchObject({ status: 'held', note: 'missed its time while Newsroom was not running' });
    expect(pub.calls.map((c) => c.postId)).toEqual([late.id]);
  });

  it('a crash mid-send: unconfirmed on restart, reconciled to published when the platform has it, never re-sent', async () => {
    const p = await create(0);
    await t.tick();
    remote.accept(pub.calls[0]!.key, pub.calls[0]!.text);
    await crash();
    expect(get(p.id)).toMatchObject({ status: 'unconfirmed' });
    expect(get(p.id).attempts[0]).toMatchObject({ outcome: 'unknown' });
    await t.tick();
    expect(get(p.id)).toMatchObject({ status: 'published', remoteId: 'r1' });
    expect(get(p.id).attempts[0]).toMatchObject({ outcome: 'sent', remoteUrl: 'https://fake.example/@brand/r1' });
    clock.advance(600_000);
    await t.tick();
    expect(pub.calls).toHaveLength(1);
  });

  it('a crash before the platform got it: unconfirmed until the settle window passes, then sent again with the same key', async () => {
    const p = await create(0);
    await t.tick();
    await crash();
    await t.tick();
    expect(get(p.id).status).toBe('unconfirmed');
    clock.advance(60_000);
    await t.tick();
    expect(get(p.id).status).toBe('unconfirmed');
    expect(pub.calls).toHaveLength(1);
    clock.advance(61_000);
    await t.tick();
    await t.tick();
    expect(pub.calls.map((c) => c.key)).toEqual([`newsroom-${p.id}-r1`, `newsroom-${p.id}-r1`]);
    expect(get(p.id).attempts.map((a) => a.outcome)).toEqual(['failed', null]);
    expect(get(p.id).attempts[0]!.error).toMatch(/safe to send again/);
    pub.end(pub.calls[1]!, 'success');
    await t.tick();
    expect(get(p.id).status).toBe('published');
    expect(remote.countFor(p.id)).toBe(1);
  });

  it('an unknown outcome is never retried while the account cannot be read', async () => {
    const p = await create(0);
    await t.tick();
    pub.readsFail = true;
    pub.end(pub.calls[0]!, 'timeout');
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000);
      await t.tick();
    }
    expect(get(p.id).status).toBe('unconfirmed');
    expect(pub.calls).toHaveLength(1);
  });

  it('stop() turns sends on the wire into unconfirmed ones instead of waiting on them', async () => {
    const p = await create(0);
    await t.tick();
    await t.engine.stop();
    expect(get(p.id).status).toBe('unconfirmed');
    expect(pub.calls[0]!.signal.aborted).toBe(true);
    // A late answer for a send already recorded as unknown changes nothing.
    pub.end(pub.calls[0]!, 'success');
    await t.tick();
    expect(get(p.id).status).toBe('unconfirmed');
    await t.engine.start();
    await t.tick();
    expect(get(p.id).status).toBe('published');
  });

  it('5xx: retried with growing backoff, then failed with the reason after 5 attempts', async () => {
    const p = await create(0);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await t.tick();
      expect(pub.pending()).toHaveLength(1);
      times.push(clock.now());
      pub.end(pub.pending()[0]!, 'transient');
      await t.tick();
      if (i < 4) {
        expect(get(p.id)).toMatchObject({ status: 'scheduled', note: expect.stringMatching(/503.*trying again/) });
        const wait = Date.parse(get(p.id).notBefore!) - clock.now();
        clock.advance(wait - 1);
        await t.tick();
        expect(pub.pending()).toHaveLength(0);
        clock.advance(1);
      }
    }
    expect(get(p.id)).toMatchObject({ status: 'failed', note: 'gave up after 5 attempts: HTTP 503 (test)' });
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    expect(gaps).toEqual([1_500, 3_000, 6_000, 12_000]);
    expect(get(p.id).attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
  });

  it('4xx: failed at once with the platform words; 429: waits for the reset, then sends', async () => {
    const bad = await create(0, 'bad');
    await t.tick();
    pub.end(pub.calls[0]!, 'rejected');
    await t.tick();
    expect(get(bad.id)).toMatchObject({ status: 'failed', note: 'Validation failed: Text is bad (test)' });

    const limited = await create(0, 'limited');
    await t.tick();
    pub.end(pub.pending()[0]!, 'rate-limited', clock.now());
    await t.tick();
    expect(get(limited.id)).toMatchObject({ status: 'scheduled', notBefore: at(clock, 30_000) });
    clock.advance(29_000);
    await t.tick();
    expect(pub.pending()).toHaveLength(0);
    clock.advance(1_000);
    await t.tick();
    expect(pub.pending().map((c) => c.postId)).toEqual([limited.id]);
  });

  it('a failed send whose retry would come after a freeze changed is held for review instead', async () => {
    const p = await create(0);
    await t.tick();
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    await t.call(users.crisis, 'freeze.set', { frozen: false });
    pub.end(pub.calls[0]!, 'transient');
    await t.tick();
    expect(get(p.id)).toMatchObject({ status: 'held', note: expect.stringMatching(/freeze changed/) });
    clock.advance(600_000);
    await t.tick();
    expect(pub.calls).toHaveLength(1);
  });

  it('an unknown outcome settled as not published after a lift goes to review, not out', async () => {
    const p = await create(0);
    await t.tick();
    pub.end(pub.calls[0]!, 'timeout');
    await t.tick();
    expect(get(p.id).status).toBe('unconfirmed');
    await t.call(users.crisis, 'freeze.set', { frozen: true, reason: 'storm' });
    await t.call(users.crisis, 'freeze.set', { frozen: false });
    clock.advance(121_000);
    await t.tick();
    await t.tick();
    expect(get(p.id)).toMatchObject({ status: 'held' });
    expect(pub.calls).toHaveLength(1);
  });

  it('an edit is a new revision: a new key', async () => {
    const p = await create(60_000);
    await t.call(users.lead, 'posts.update', { id: p.id, text: 'Kettles on sale tomorrow' });
    clock.advance(60_000);
    await t.tick();
    expect(pub.calls.map((c) => [c.key, c.text])).toEqual([[`newsroom-${p.id}-r2`, 'Kettles on sale tomorrow']]);
  });
});
