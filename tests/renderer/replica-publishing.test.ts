import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { FREEZE_KEY, createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { AUDIT_CAP, POST_CAP, newTouched } from '../../renderer/src/db/replica-publishing';
import { added } from './helpers/items';
import { freezeChanged, frozen, makeAccount, makeAudit, makeFreeze, makePost, makeSuggestion, postAdded, postUpdated } from './helpers/publishing';

let n = 0;
const open: NewsroomDb[] = [];
function freshDb(name = `publishing-test-${++n}`): NewsroomDb {
  const db = createDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function ready(): Promise<Replica> {
  const r = new Replica(freshDb());
  await r.open('hub-a');
  return r;
}

describe('replica v2: publishing changes', () => {
  it('applies posts in stream order: the last change in the batch and across batches wins', async () => {
    const r = await ready();
    await r.apply(
      [postAdded(1, makePost('p1', { text: 'first' })), postUpdated(2, makePost('p1', { text: 'second', revision: 2 })), added(3)],
      { writeCursor: true },
    );
    expect((await r.db.posts.get('p1'))?.text).toBe('second');
    await r.apply([postUpdated(4, makePost('p1', { status: 'held', note: 'frozen' }))], { writeCursor: true });
    const p = await r.db.posts.get('p1');
    expect(p?.status).toBe('held');
    expect(await r.db.posts.where('status').equals('held').count()).toBe(1);
    expect(await r.db.items.count()).toBe(1);
    expect(await r.cursor()).toBe(4);
  });

  it('keeps one freeze row, suggestions, accounts and the audit trail', async () => {
    const r = await ready();
    await r.apply(
      [
        freezeChanged(1, frozen({ reason: 'first' })),
        freezeChanged(2, frozen({ reason: 'second', epoch: 2 })),
        { seq: 3, change: { kind: 'freeze.suggested', suggestion: makeSuggestion('s1') } },
        { seq: 4, change: { kind: 'account.added', account: makeAccount('a1') } },
        { seq: 5, change: { kind: 'account.added', account: makeAccount('a2') } },
        { seq: 6, change: { kind: 'account.updated', account: makeAccount('a1', { name: 'Renamed' }) } },
        { seq: 7, change: { kind: 'audit.added', entry: makeAudit(1) } },
        { seq: 8, change: { kind: 'audit.added', entry: makeAudit(1) } },
      ],
      { writeCursor: true },
    );
    expect(await r.db.freeze.count()).toBe(1);
    expect((await r.db.freeze.get(FREEZE_KEY))?.reason).toBe('second');
    expect((await r.db.suggestions.get('s1'))?.resolvedAt).toBeNull();
    expect((await r.db.accounts.get('a1'))?.name).toBe('Renamed');
    expect(await r.db.audit.count()).toBe(1);

    await r.apply(
      [
        { seq: 9, change: { kind: 'freeze.suggestion_resolved', suggestion: makeSuggestion('s1', { resolvedAt: '2025-03-04T12:31:00.000Z' }) } },
        { seq: 10, change: { kind: 'account.removed', id: 'a2' } },
        freezeChanged(11, makeFreeze({ epoch: 3 })),
      ],
      { writeCursor: true },
    );
    expect((await r.db.suggestions.get('s1'))?.resolvedAt).not.toBeNull();
    expect((await r.db.accounts.toArray()).map((a) => a.id)).toEqual(['a1']);
    expect((await r.db.freeze.get(FREEZE_KEY))?.frozen).toBe(false);
  });

  it('keeps every unfinished post but bounds finished posts and the audit trail', async () => {
    const r = await ready();
    const envs = [];
    let seq = 0;
    for (let i = 0; i < POST_CAP; i++) {
      envs.push(postAdded(++seq, makePost(`done-${i}`, { status: 'published', updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() })));
    }
    for (let i = 0; i < 5; i++) envs.push(postAdded(++seq, makePost(`live-${i}`, { status: 'scheduled', updatedAt: '2020-01-01T00:00:00.000Z' })));
    for (let i = 1; i <= AUDIT_CAP + 3; i++) envs.push({ seq: ++seq, change: { kind: 'audit.added' as const, entry: makeAudit(i) } });
    await r.apply(envs, { writeCursor: true });
    expect(await r.db.posts.count()).toBe(POST_CAP);
    expect(await r.db.posts.where('status').equals('scheduled').count()).toBe(5);
    // The oldest finished ones went.
    expect(await r.db.posts.get('done-0')).toBeUndefined();
    expect(await r.db.posts.get(`done-${POST_CAP - 1}`)).toBeTruthy();
    expect(await r.db.audit.count()).toBe(AUDIT_CAP);
    expect((await r.db.audit.toCollection().first())?.id).toBe(4);
  });

  it('a bootstrap snapshot fills the tables but never overwrites rows the stream already touched', async () => {
    const r = await ready();
    await r.apply([postUpdated(11, makePost('p1', { status: 'held' })), freezeChanged(12, frozen())], { writeCursor: false });
    const skip = newTouched();
    skip.posts.add('p1');
    skip.freeze = true;
    await r.bootstrap({
      items: [],
      sources: [],
      skipSources: new Set(),
      skipPublishing: skip,
      posts: [makePost('p1', { status: 'scheduled' }), makePost('p2')],
      accounts: [makeAccount('a1')],
      freeze: makeFreeze(),
      suggestions: [makeSuggestion('s1')],
      audit: [makeAudit(1), makeAudit(2)],
      cursor: 12,
    });
    expect((await r.db.posts.get('p1'))?.status).toBe('held');
    expect(await r.db.posts.get('p2')).toBeTruthy();
    expect((await r.db.freeze.get(FREEZE_KEY))?.frozen).toBe(true);
    expect(await r.db.accounts.count()).toBe(1);
    expect(await r.db.suggestions.count()).toBe(1);
    expect(await r.db.audit.count()).toBe(2);
    expect(await r.cursor()).toBe(12);
  });

  it('leaves a table alone when the snapshot has no list for it (the role may not read it)', async () => {
    const r = await ready();
    await r.bootstrap({ items: [], sources: [], skipSources: new Set(), freeze: frozen(), cursor: 3 });
    expect(await r.db.posts.count()).toBe(0);
    expect(await r.db.audit.count()).toBe(0);
    expect((await r.db.freeze.get(FREEZE_KEY))?.frozen).toBe(true);
  });

  it('wipe and a change of hub clear the publishing tables too', async () => {
    const db = freshDb();
    const r = new Replica(db);
    await r.open('hub-a');
    await r.apply([postAdded(1, makePost('p1')), freezeChanged(2, frozen())], { writeCursor: true });
    expect(await new Replica(db).open('hub-b')).toBeNull();
    expect(await db.posts.count()).toBe(0);
    expect(await db.freeze.count()).toBe(0);
    await r.apply([postAdded(3, makePost('p1')), { seq: 4, change: { kind: 'audit.added', entry: makeAudit(1) } }], { writeCursor: true });
    await r.wipe();
    expect(await db.posts.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });
});

describe('replica v2: upgrading a v1 replica', () => {
  it('keeps the v1 data readable but drops the cursor, so the next open bootstraps the new tables', async () => {
    const name = `upgrade-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ items: 'id, seq, createdAt, platform, *tags', meta: 'key', sources: 'id' });
    await v1.table('meta').bulkPut([
      { key: 'hubKey', value: 'hub-a' },
      { key: 'cursor', value: 42 },
    ]);
    v1.close();

    const db = freshDb(name);
    expect(await db.meta.get('cursor')).toBeUndefined();
    expect((await db.meta.get('hubKey'))?.value).toBe('hub-a');
    expect(await db.posts.count()).toBe(0);
    expect(await new Replica(db).open('hub-a')).toBeNull();
  });
});
