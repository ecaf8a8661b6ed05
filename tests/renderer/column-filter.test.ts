import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { columnTitle, matchesColumn, validateFilter, wallColumnSchema } from '../../renderer/src/lib/wall-column';
import { countNewer, NEWER_SCAN, queryColumn, queryColumnBelow } from '../../renderer/src/db/column-query';
import { added, deleted, makeItem } from './helpers/items';

describe('column filter matching', () => {
  const item = makeItem(1, { text: 'My REFUND still has not arrived', tags: ['brand', 'help'] });

  it('all matches anything that is not deleted', () => {
    expect(matchesColumn({ kind: 'all' }, item)).toBe(true);
    expect(matchesColumn({ kind: 'all' }, { ...item, deletedAt: '2025-01-01T00:00:00Z' })).toBe(false);
  });

  it('platform matches the item platform only', () => {
    expect(matchesColumn({ kind: 'platform', platform: 'mastodon' }, item)).toBe(true);
    expect(matchesColumn({ kind: 'platform', platform: 'mastodon' }, { ...item, platform: 'bluesky' as never })).toBe(false);
  });

  it('a query column matches hashtags, words and phrases case-insensitively with accents folded', () => {
    const q = (query: string) => matchesColumn({ kind: 'query', query }, item);
    expect(q('#Brand')).toBe(true);
    expect(q('#help AND refund')).toBe(true);
    expect(q('#bran')).toBe(false);
    expect(q('"has not arrived"')).toBe(true);
    expect(q('refund NOT arrived')).toBe(false);
    expect(q('refund AND (')).toBe(false); // a broken query matches nothing (the editor refuses to save it)
    expect(matchesColumn({ kind: 'query', query: 'café' }, { ...item, text: 'Cafe open?' })).toBe(true);
  });

  it('a query column tests topic: by id or name, and the enrichment fields', () => {
    const topics = [{ id: 'kettlebird', name: 'Kettlebird Coffee' }] as never[];
    const tagged = { ...item, seq: item.seq + 1, topics: ['kettlebird'] }; // a re-tag is a new version (seq) of the item
    expect(matchesColumn({ kind: 'query', query: 'topic:kettlebird' }, tagged, topics)).toBe(true);
    expect(matchesColumn({ kind: 'query', query: 'topic:"kettlebird coffee"' }, tagged, topics)).toBe(true);
    expect(matchesColumn({ kind: 'query', query: 'topic:kettlebird' }, item, topics)).toBe(false);
  });

  it('reads columns saved before issue 10 (one hashtag, one term) as the queries that mean the same', () => {
    expect(wallColumnSchema.parse({ id: 'a', title: '', filter: { kind: 'hashtag', tag: '#Brand' } }).filter).toEqual({ kind: 'query', query: '#brand' });
    expect(wallColumnSchema.parse({ id: 'b', title: 'R', filter: { kind: 'term', term: '  has   "not" ' } }).filter).toEqual({ kind: 'query', query: '"has not"' });
    expect(matchesColumn(wallColumnSchema.parse({ id: 'b', title: '', filter: { kind: 'term', term: 'has not' } }).filter, item)).toBe(true);
  });

  it('validates what the editor produces, with the position and hint of a parse error', () => {
    expect(validateFilter({ kind: 'query', query: ' #Brand ' })).toEqual({ ok: true, filter: { kind: 'query', query: '#Brand' } });
    const bad = validateFilter({ kind: 'query', query: 'refund NEAR/ order' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/at 8.*NEAR\/5/);
    expect(validateFilter({ kind: 'query', query: '  ' }).ok).toBe(false);
    expect(validateFilter({ kind: 'platform', platform: 'myspace' as never }).ok).toBe(false);
  });

  it('titles columns from their filter unless named', () => {
    expect(columnTitle({ title: '', filter: { kind: 'query', query: '#brand' } })).toBe('#brand');
    expect(columnTitle({ title: '  Complaints ', filter: { kind: 'query', query: 'refund' } })).toBe('Complaints');
  });
});

describe('column query over the replica', () => {
  const db = createDb('column-query-test');
  afterAll(() => db.delete());

  it('returns the newest matching items first, skips tombstones, and says when there is more', async () => {
    const r = new Replica(db);
    await r.open('hub');
    const envs = Array.from({ length: 30 }, (_, i) => added(i + 1, i + 1, { tags: (i + 1) % 3 === 0 ? ['brand'] : [], text: (i + 1) % 5 === 0 ? 'Refund please' : 'hello' }));
    await r.apply([...envs, deleted(31, 30)], { writeCursor: true });

    const brand = await queryColumn(db, { kind: 'query', query: '#Brand' }, 4);
    expect(brand.items.map((i) => i.id)).toEqual([27, 24, 21, 18]); // 30 is deleted
    expect(brand.more).toBe(true);

    const refund = await queryColumn(db, { kind: 'query', query: 'refund' }, 10);
    expect(refund.items.map((i) => i.id)).toEqual([25, 20, 15, 10, 5]);
    expect(refund.more).toBe(false);

    const all = await queryColumn(db, { kind: 'all' }, 3);
    expect(all.items.map((i) => i.id)).toEqual([29, 28, 27]);
    const mastodon = await queryColumn(db, { kind: 'platform', platform: 'mastodon' }, 2);
    expect(mastodon.items.map((i) => i.id)).toEqual([29, 28]);
  });
});

describe('a column held by a reader who scrolled down', () => {
  const db = createDb('column-held-test');
  afterAll(() => db.delete());

  it('shows what was at or below its top item, and counts what matched since', async () => {
    const r = new Replica(db);
    await r.open('hub');
    const tagged = (id: number) => (id % 2 === 0 ? ['brand'] : []);
    await r.apply(Array.from({ length: 40 }, (_, i) => added(i + 1, i + 1, { tags: tagged(i + 1) })), { writeCursor: true });

    const below = await queryColumnBelow(db, { kind: 'query', query: '#brand' }, 30, 3);
    expect(below.items.map((i) => i.id)).toEqual([30, 28, 26]);
    expect(below.more).toBe(true);
    expect(await countNewer(db, { kind: 'query', query: '#brand' }, 30)).toEqual({ count: 5, atLeast: false });
    expect(await countNewer(db, { kind: 'all' }, 30)).toEqual({ count: 10, atLeast: false });
    // Deleted posts are neither shown nor counted.
    await r.apply([deleted(41, 36), deleted(42, 28)], { writeCursor: true });
    expect((await queryColumnBelow(db, { kind: 'query', query: '#brand' }, 30, 3)).items.map((i) => i.id)).toEqual([30, 26, 24]);
    expect(await countNewer(db, { kind: 'query', query: '#brand' }, 30)).toEqual({ count: 4, atLeast: false });
  });

  it('stops counting exactly past NEWER_SCAN new items and says "at least"', async () => {
    const big = createDb('column-held-scan');
    const r = new Replica(big);
    await r.open('hub');
    await r.apply(Array.from({ length: NEWER_SCAN + 30 }, (_, i) => added(i + 1)), { writeCursor: true });
    expect(await countNewer(big, { kind: 'all' }, 10)).toEqual({ count: NEWER_SCAN, atLeast: true });
    await big.delete();
  });
});
