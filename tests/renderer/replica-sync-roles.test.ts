import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import { FREEZE_KEY, createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { startReplicaSync, type ReplicaSync } from '../../renderer/src/db/replica-sync';
import { bootstrapCalls } from '../../renderer/src/db/snapshot';
import { FakeTransport } from './helpers/fake-transport';
import { freezeChanged, frozen, makeAccount, makeAudit, makeFreeze, makePost, postUpdated } from './helpers/publishing';

let n = 0;
const dbs: NewsroomDb[] = [];
const syncs: ReplicaSync[] = [];
async function start() {
  const db = createDb(`sync-roles-${++n}`);
  dbs.push(db);
  const transport = new FakeTransport();
  const replica = new Replica(db, 100);
  const sync = await startReplicaSync({ transport, replica, hubKey: 'hub-a' });
  syncs.push(sync);
  return { db, transport, replica, sync };
}
const tick = () => new Promise((r) => setTimeout(r, 5));
afterEach(async () => {
  for (const s of syncs.splice(0)) s.stop();
  for (const db of dbs.splice(0)) await db.delete();
});

const pendingMethods = (t: FakeTransport) => t.calls.map((c) => c.method).sort();

/** Answers the first pending posts.list call whose status filter includes `status`. */
function answerPosts(t: FakeTransport, status: string, result: { posts: unknown[]; next: string | null }): { status: string[]; before?: string } {
  const i = t.calls.findIndex((c) => c.method === 'posts.list' && (c.params as { status: string[] }).status.includes(status));
  if (i < 0) throw new Error(`no pending posts.list for ${status}`);
  const call = t.calls.splice(i, 1)[0]!;
  call.resolve(result);
  return call.params as { status: string[]; before?: string };
}

describe('bootstrap calls by role', () => {
  it('asks only for what the role may read', () => {
    expect(bootstrapCalls('wall')).toEqual(['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'topics.list']);
    expect(bootstrapCalls('agent')).toEqual(['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'posts.list', 'topics.list']);
    for (const role of ['lead', 'crisis', 'admin'] as Role[]) expect(bootstrapCalls(role)).toContain('audit.list');
    expect(bootstrapCalls(null)).toEqual(['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'topics.list']);
    // A role this build doesn't know gets the read-only set, not everything.
    expect(bootstrapCalls('intern' as Role)).toEqual(['items.list', 'sources.list', 'freeze.get', 'accounts.list', 'topics.list']);
  });

  it('a wall bootstraps the freeze state and account names without asking for posts or the audit', async () => {
    const { db, transport, sync, replica } = await start();
    transport.ready(5, 'wall');
    await tick();
    expect(pendingMethods(transport)).toEqual(['accounts.list', 'freeze.get', 'items.list', 'sources.list', 'topics.list']);
    transport.answer('items.list', { items: [] });
    transport.answer('sources.list', { sources: [] });
    transport.answer('freeze.get', { freeze: frozen(), suggestions: [] });
    transport.answer('accounts.list', { accounts: [makeAccount('a1')] });
    transport.answerAll('topics.list', { topics: [], retag: null });
    await sync.idle();
    expect((await db.freeze.get(FREEZE_KEY))?.frozen).toBe(true);
    expect(await db.accounts.count()).toBe(1);
    expect(await replica.cursor()).toBe(5);
  });

  it('a lead loads everything; a stream change that races the snapshot wins', async () => {
    const { db, transport, sync, replica } = await start();
    transport.ready(5, 'lead');
    await tick();
    // Posts in three lists: every one that needs a person, the newest upcoming, the newest finished.
    expect(pendingMethods(transport)).toEqual(['accounts.list', 'audit.list', 'freeze.get', 'items.list', 'posts.list', 'posts.list', 'posts.list', 'sources.list', 'topics.list']);
    expect(transport.pending('audit.list')[0]?.params).toEqual({ limit: 200 });
    transport.emit(postUpdated(6, makePost('p1', { status: 'held' })), freezeChanged(7, frozen()));
    await sync.idle();
    transport.answer('items.list', { items: [] });
    transport.answer('sources.list', { sources: [] });
    transport.answer('freeze.get', { freeze: makeFreeze(), suggestions: [] });
    transport.answer('accounts.list', { accounts: [makeAccount('a1')] });
    transport.answerAll('topics.list', { topics: [], retag: null });
    answerPosts(transport, 'scheduled', { posts: [makePost('p1', { status: 'scheduled' }), makePost('p2')], next: null });
    answerPosts(transport, 'held', { posts: [], next: null });
    answerPosts(transport, 'published', { posts: [], next: null });
    transport.answer('audit.list', { entries: [makeAudit(1)] });
    await sync.idle();
    expect((await db.posts.get('p1'))?.status).toBe('held');
    expect(await db.posts.count()).toBe(2);
    expect((await db.freeze.get(FREEZE_KEY))?.frozen).toBe(true);
    expect(await db.accounts.count()).toBe(1);
    expect(await db.audit.count()).toBe(1);
    expect(await replica.cursor()).toBe(7);
  });

  it('loads every post that needs a person, page after page, however many newer ones there are', async () => {
    const { db, transport, sync, replica } = await start();
    transport.ready(9, 'crisis');
    await tick();
    answerPosts(transport, 'scheduled', { posts: [makePost('s1', { status: 'scheduled' })], next: null });
    answerPosts(transport, 'published', { posts: [makePost('d1', { status: 'published' })], next: null });
    expect(answerPosts(transport, 'held', { posts: [makePost('h1', { status: 'held' })], next: 'page-2' })).toMatchObject({ status: ['held', 'pending_approval', 'publishing', 'unconfirmed', 'failed'] });
    await tick();
    expect(answerPosts(transport, 'held', { posts: [makePost('h2', { status: 'held' }), makePost('u1', { status: 'unconfirmed' })], next: null }).before).toBe('page-2');
    transport.answerAll('items.list', { items: [] });
    transport.answerAll('sources.list', { sources: [] });
    transport.answerAll('freeze.get', { freeze: makeFreeze(), suggestions: [] });
    transport.answerAll('accounts.list', { accounts: [] });
    transport.answerAll('audit.list', { entries: [] });
    transport.answerAll('topics.list', { topics: [], retag: null });
    await sync.idle();
    expect((await db.posts.toArray()).map((p) => p.id).sort()).toEqual(['d1', 'h1', 'h2', 's1', 'u1']);
    expect(await replica.cursor()).toBe(9);
  });

  it('an agent skips the audit; a 403 on a publishing list is skipped, not retried forever', async () => {
    const { db, transport, sync, replica } = await start();
    transport.ready(2, 'agent');
    await tick();
    expect(transport.pending('audit.list')).toHaveLength(0);
    transport.answer('items.list', { items: [] });
    transport.answer('sources.list', { sources: [] });
    transport.answer('freeze.get', { freeze: makeFreeze(), suggestions: [] });
    transport.answer('accounts.list', { accounts: [makeAccount('a1')] });
    transport.answerAll('topics.list', { topics: [], retag: null });
    transport.fail('posts.list', new RpcError('forbidden', 'agents may not list posts'));
    await sync.idle();
    expect(await replica.cursor()).toBe(2);
    expect(await db.posts.count()).toBe(0);
    expect(await db.accounts.count()).toBe(1);
  });

  it('any other failure of a publishing list fails the snapshot, which is retried', async () => {
    const { transport, sync, replica } = await start();
    transport.ready(2, 'wall');
    await tick();
    transport.answer('items.list', { items: [] });
    transport.answer('sources.list', { sources: [] });
    transport.fail('freeze.get', new RpcError('internal', 'boom'));
    await sync.idle();
    expect(await replica.cursor()).toBeNull();
  });
});
