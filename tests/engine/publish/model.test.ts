import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../shared/domain.js';
import { freezeCovers, type ScheduledPost } from '../../../shared/publishing.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { addAccount, FakePlatform, flush, FakePublisher, memorySecrets, openEngine, tmpDb, users, type FakeCall, type Outcome, type TestEngine } from './harness.js';

/**
 * Model-based test of invariants 1 and 2. Random sequences interleave people (create, schedule,
 * edit, cancel, release, freeze, lift — alone or with a second person), the scheduler (tick), the
 * platform (each send ends as the test decides: success, 5xx, 429, 4xx, timeout before or after
 * the platform took it), time, failing account reads and kill -9 (the store is closed under the
 * engine and a new engine opens the file). After every step and at every send, the checks run.
 */

type Cmd =
  | { k: 'create'; acct: 0 | 1; inMs: number }
  | { k: 'freeze'; scope: 'all' | 0 | 1; expiresInMs: number | null; who: 0 | 1; duringTick: Race }
  | { k: 'lift'; who: 0 | 1 | 2 }
  | { k: 'secondPerson'; on: boolean }
  | { k: 'release'; pick: number; inMs: number | null }
  | { k: 'schedule'; pick: number; inMs: number }
  | { k: 'edit'; pick: number }
  | { k: 'cancel'; pick: number }
  | { k: 'tick' }
  | { k: 'end'; pick: number; outcome: Outcome }
  | { k: 'advance'; ms: number }
  | { k: 'crash'; accepted: boolean[] }
  | { k: 'reads'; fail: boolean }
  | { k: 'arrive'; pick: number }
  | { k: 'foreign' };

/** When a freeze commits relative to a tick: not during one, after n microtasks (0 = at once), after a macrotask. */
type Race = 'no' | 'macro' | number;

const OUTCOMES: Outcome[] = ['success', 'transient', 'rate-limited', 'rejected', 'accept-then-timeout', 'timeout', 'late'];
const small = fc.nat({ max: 50 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('create' as const), acct: fc.constantFrom(0 as const, 1 as const), inMs: fc.constantFrom(0, 1_000, 30_000, 120_000, 400_000) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('freeze' as const), scope: fc.constantFrom('all' as const, 0 as const, 1 as const), expiresInMs: fc.constantFrom(null, null, 60_000, 600_000), who: fc.constantFrom(0 as const, 1 as const), duringTick: fc.oneof(fc.constant<Race>('no'), fc.constant<Race>('macro'), fc.nat({ max: 12 })) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('lift' as const), who: fc.constantFrom(0 as const, 1 as const, 2 as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('secondPerson' as const), on: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('release' as const), pick: small, inMs: fc.constantFrom(null, 0, 30_000) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('schedule' as const), pick: small, inMs: fc.constantFrom(0, 10_000, 300_000) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('edit' as const), pick: small }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), pick: small }) },
  { weight: 8, arbitrary: fc.constant({ k: 'tick' as const }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('end' as const), pick: small, outcome: fc.constantFrom(...OUTCOMES) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.constantFrom(500, 5_000, 40_000, 130_000, 360_000) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('crash' as const), accepted: fc.array(fc.boolean(), { maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reads' as const), fail: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('arrive' as const), pick: small }) },
  { weight: 1, arbitrary: fc.constant({ k: 'foreign' as const }) },
);

/** A late send reaches the platform only within this long (below the 2 min settle window) or never. */
const LATE_WITHIN_MS = 100_000;

interface MPost {
  id: string;
  acct: string;
  scheduledAt: number | null;
  /** Its time came during a freeze that has ended: only a person may send it now. */
  needsPerson: boolean;
}

interface MFreeze {
  scope: 'all' | Set<string>;
  expiresAt: number | null;
  /** Who (re-)froze last: an expiry counts as their lift request while a second person is required. */
  by: string;
  /** Who asked to lift, waiting for a second person. */
  pending: string | null;
}

const EXPECTED_REFUSALS = new Set(['conflict', 'forbidden', 'invalid_input']);
const crisisUsers: UserView[] = [users.crisis, users.crisis2, users.admin];

async function runSequence(cmds: Cmd[]): Promise<void> {
  const path = tmpDb();
  const clock = new FakeClock();
  const remote = new FakePlatform(() => clock.now());
  const pub = new FakePublisher(remote);
  const secrets = memorySecrets();
  let t: TestEngine = await openEngine(path, clock, secrets, pub);
  const accts = [await addAccount(t, clock, secrets, 'a', false), await addAccount(t, clock, secrets, 'b', false)];
  const posts = new Map<string, MPost>();
  let freeze: MFreeze | null = null;
  let secondPerson = false;
  const violations: string[] = [];
  const log: string[] = [];

  const covers = (f: MFreeze | null, acct: string) => f !== null && (f.scope === 'all' || f.scope.has(acct));
  const endFreeze = (kind: 'lift' | 'expiry', nowMs: number) => {
    for (const p of posts.values()) {
      if (covers(freeze, p.acct) && (kind === 'expiry' || (p.scheduledAt !== null && p.scheduledAt <= nowMs))) p.needsPerson = true;
    }
    freeze = null;
  };
  const modelExpiry = () => {
    if (freeze?.expiresAt == null || freeze.expiresAt > clock.now()) return;
    if (secondPerson && (freeze.pending === null || freeze.pending === freeze.by)) {
      // Into review with the freeze still on: the expiry is its author's lift request.
      for (const p of posts.values()) if (covers(freeze, p.acct)) p.needsPerson = true;
      freeze = { ...freeze, expiresAt: null, pending: freeze.pending ?? freeze.by };
      return;
    }
    endFreeze('expiry', clock.now());
  };
  /** The engine ends an expired freeze at the start of each tick; so does the model. */
  const tick = async () => {
    modelExpiry();
    await t.tick();
  };

  pub.onPublish = (call: FakeCall) => {
    const p = posts.get(call.postId);
    const row = t.store.posts.get(call.postId);
    if (!p || !row) return void violations.push(`publish of an unknown post ${call.postId}`);
    // Invariant 1: no send starts while a committed freeze covers the account.
    if (covers(freeze, p.acct)) violations.push(`send of ${call.postId} started during a freeze (model)`);
    if (freezeCovers(t.store.freeze.get(), p.acct)) violations.push(`send of ${call.postId} started during a freeze (store)`);
    // Invariant 1: after a lift, only what a person released or scheduled again goes out.
    if (p.needsPerson) violations.push(`send of ${call.postId} after a freeze ended, without a person releasing it`);
    // Invariant 2: never sent again once the platform has it, never two sends at once, and a
    // repeat only after the earlier attempt was settled as not published.
    if (remote.accepted(call.key)) violations.push(`re-send of ${call.key} after the platform accepted it`);
    if (pub.calls.some((c) => c !== call && c.key === call.key && !c.settled)) violations.push(`two sends of ${call.key} at once`);
    const last = row.attempts.at(-1);
    if (!last || last.outcome !== null || last.idempotencyKey !== call.key || row.status !== 'publishing') violations.push(`send of ${call.postId} without its attempt committed first`);
    if (last && last.freezeEpoch !== t.store.freeze.get().epoch) violations.push(`send of ${call.postId} checked against an old freeze epoch`);
    for (const a of row.attempts.slice(0, -1)) {
      if (a.idempotencyKey === call.key && a.outcome !== 'failed') violations.push(`re-send of ${call.key} after an attempt that ended ${a.outcome}`);
    }
  };

  const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const postsIn = (statuses: string[]) => t.store.posts.list({ limit: 5000 }).filter((x) => statuses.includes(x.status));
  const iso = (ms: number) => new Date(clock.now() + ms).toISOString();

  async function rpc<T>(user: UserView, method: string, params: unknown): Promise<T | null> {
    try {
      return await t.call<T>(user, method, params);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code && EXPECTED_REFUSALS.has(code)) return null;
      throw err;
    }
  }
  const person = (r: { post: ScheduledPost } | null) => {
    if (!r) return;
    const p = posts.get(r.post.id)!;
    p.scheduledAt = r.post.scheduledAt === null ? null : Date.parse(r.post.scheduledAt);
    p.needsPerson = false;
  };

  const checkState = () => {
    for (const p of posts.values()) {
      if (remote.countFor(p.id) > 1) violations.push(`${p.id} is on the platform ${remote.countFor(p.id)} times`);
      const row = t.store.posts.get(p.id)!;
      const open = row.attempts.filter((a) => a.outcome === null).length;
      if (open > 1 || (open === 1) !== (row.status === 'publishing')) violations.push(`${p.id}: ${open} open attempts while ${row.status}`);
      if (row.status === 'published' && !remote.posts.some((r) => r.remoteId === row.remoteId && FakePlatform.postIdOf(r.key) === p.id)) {
        violations.push(`${p.id} is published in Newsroom but not on the platform`);
      }
    }
  };

  const step = async (c: Cmd) => {
    log.push(JSON.stringify(c));
    switch (c.k) {
      case 'create': {
        const r = await rpc<{ posts: ScheduledPost[] }>(users.lead, 'posts.create', { accountIds: [accts[c.acct]!], text: `post ${posts.size} ${'!'.repeat(posts.size % 3)}`, scheduledAt: iso(c.inMs) });
        for (const p of r?.posts ?? []) posts.set(p.id, { id: p.id, acct: p.accountId, scheduledAt: Date.parse(p.scheduledAt!), needsPerson: false });
        return;
      }
      case 'freeze': {
        modelExpiry();
        const params = { frozen: true, reason: 'drill', ...(c.scope === 'all' ? {} : { accountIds: [accts[c.scope]!] }), ...(c.expiresInMs ? { expiresAt: iso(c.expiresInMs) } : {}) };
        // duringTick: the freeze commits while the scheduler is between listing due posts and claiming them.
        const ticking = c.duringTick !== 'no' ? t.tick() : null;
        if (typeof c.duringTick === 'number') for (let i = 0; i < c.duringTick; i++) await Promise.resolve();
        if (c.duringTick === 'macro') await new Promise((r) => setImmediate(r));
        const r = await rpc(crisisUsers[c.who]!, 'freeze.set', params);
        await ticking;
        const wanted = c.expiresInMs ? clock.now() + c.expiresInMs : null;
        // A re-freeze never shortens an end time nor gives one to an open-ended freeze.
        const refused = freeze !== null && wanted !== null && (freeze.expiresAt === null || wanted < freeze.expiresAt);
        if (refused) {
          if (r) violations.push('a re-freeze shortened or added an end time');
          return;
        }
        if (!r) throw new Error('freeze.set was refused');
        const scope: MFreeze['scope'] = c.scope === 'all' || freeze?.scope === 'all' ? 'all' : new Set([...(freeze?.scope ?? []), accts[c.scope]!]);
        freeze = { scope, expiresAt: wanted, by: crisisUsers[c.who]!.name, pending: null };
        return;
      }
      case 'lift': {
        modelExpiry();
        const r = await rpc<{ awaitingSecondPerson: boolean }>(crisisUsers[c.who]!, 'freeze.set', { frozen: false });
        if (r && freeze === null) violations.push('a lift succeeded while nothing was frozen');
        if (r && !r.awaitingSecondPerson) {
          if (secondPerson && freeze?.pending !== null && freeze?.pending !== undefined && freeze.pending === crisisUsers[c.who]!.name) violations.push('one person lifted a freeze that needed a second');
          endFreeze('lift', clock.now());
        }
        if (r?.awaitingSecondPerson && freeze) freeze = { ...freeze, pending: crisisUsers[c.who]!.name };
        return;
      }
      case 'secondPerson':
        modelExpiry();
        await rpc(users.admin, 'freeze.configure', { liftRequiresSecondPerson: c.on });
        secondPerson = c.on;
        // Turning the rule off drops a half-done lift.
        if (!c.on && freeze) freeze = { ...freeze, pending: null };
        return;
      case 'release': {
        const p = pick(postsIn(['held']), c.pick);
        if (p) person(await rpc(users.lead, 'posts.release', { id: p.id, ...(c.inMs === null ? {} : { at: iso(c.inMs) }) }));
        return;
      }
      case 'schedule': {
        const p = pick(postsIn(['draft', 'scheduled', 'failed', 'pending_approval']), c.pick);
        if (p) person(await rpc(users.lead, 'posts.schedule', { id: p.id, at: iso(c.inMs) }));
        return;
      }
      case 'edit': {
        const p = pick(postsIn(['draft', 'scheduled', 'held', 'failed']), c.pick);
        const r = p ? await rpc<{ post: ScheduledPost }>(users.lead, 'posts.update', { id: p.id, text: `${p.text} (edited)` }) : null;
        if (r) posts.get(r.post.id)!.scheduledAt = r.post.scheduledAt === null ? null : Date.parse(r.post.scheduledAt);
        return;
      }
      case 'cancel': {
        const p = pick(postsIn(['draft', 'scheduled', 'held', 'failed']), c.pick);
        if (p) await rpc(users.lead, 'posts.cancel', { id: p.id });
        return;
      }
      case 'tick':
        await tick();
        return;
      case 'end': {
        const call = pick(pub.pending(), c.pick);
        if (call) pub.end(call, c.outcome, clock.now());
        await flush();
        await tick();
        return;
      }
      case 'advance':
        clock.advance(c.ms);
        return;
      case 'crash': {
        // kill -9: whatever was on the wire may or may not have reached the platform.
        pub.pending().forEach((call, i) => {
          call.settled = true;
          if (c.accepted[i]) remote.accept(call.key, call.text);
        });
        t.store.close();
        t = await openEngine(path, clock, secrets, pub);
        return;
      }
      case 'reads':
        pub.readsFail = c.fail;
        return;
      case 'arrive': {
        const i = remote.limbo.length ? c.pick % remote.limbo.length : -1;
        const late = i >= 0 ? remote.limbo.splice(i, 1)[0] : undefined;
        if (late && clock.now() - late.startedAt < LATE_WITHIN_MS) remote.accept(late.key, late.text);
        return;
      }
      case 'foreign':
        // Someone posts on the brand account by hand. (A hand-made post with exactly the text of an
        // unconfirmed one would be taken for it: a known limit of matching by text.)
        remote.accept(`manual-${remote.posts.length}`, `by hand ${remote.posts.length}`);
        return;
    }
  };

  try {
    for (const c of cmds) {
      await step(c);
      checkState();
      if (violations.length) break;
    }
    // Settle everything: lift (with a second person if needed), let reads work, let sends succeed.
    if (!violations.length) {
      pub.readsFail = false;
      remote.limbo.length = 0;
      modelExpiry();
      if (t.store.freeze.get().frozen) {
        const first = await rpc<{ awaitingSecondPerson: boolean }>(users.crisis, 'freeze.set', { frozen: false });
        if (!first || first.awaitingSecondPerson) await rpc(users.admin, 'freeze.set', { frozen: false });
        endFreeze('lift', clock.now());
      }
      for (let i = 0; i < 4; i++) {
        for (const call of pub.pending()) pub.end(call, 'success');
        clock.advance(130_000);
        await tick();
        await tick();
        checkState();
      }
      // Whatever the platform has, Newsroom knows as published (reconciliation found it).
      for (const r of remote.posts.filter((x) => x.key.startsWith('newsroom-'))) {
        const row = t.store.posts.get(FakePlatform.postIdOf(r.key))!;
        if (row.status !== 'published' || row.remoteId !== r.remoteId) violations.push(`${row.id} is on the platform but ${row.status} in Newsroom`);
      }
    }
  } finally {
    await t.engine.stop();
    t.store.close();
    rmSync(dirname(path), { recursive: true, force: true });
  }
  expect(violations, `after:\n${log.join('\n')}`).toEqual([]);
}

describe('publishing model (fast-check)', () => {
  it('keeps the freeze absolute and each post published at most once, across crashes, in any interleaving', { timeout: 60_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 60 }), runSequence), { numRuns: Number(process.env.MODEL_RUNS ?? 400) });
  });
});
