import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitParam, paginate, parseId } from '../../../electron/sandbox/paging.js';
import { mulberry32 } from '../../../electron/sandbox/prng.js';
import { escapeHtml, extractHashtags, formatText, htmlToPlain } from '../../../electron/sandbox/render.js';
import { searchMatcher } from '../../../electron/sandbox/routes-api.js';

const fmt = (t: string) => formatText(t, { resolveMention: () => null, tagUrl: (x) => `/tags/${x}` });

describe('rendering', () => {
  it('never lets text become markup', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const html = fmt(s);
        const stripped = html.replace(/<\/?(p|br \/|a|span)( [^>]*)?>/g, '');
        expect(stripped).not.toMatch(/[<>]/);
      }),
    );
    expect(fmt('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('finds hashtags like Mastodon (not in URLs, not all digits, deduped case-insensitively)', () => {
    expect(extractHashtags('#Coffee and #coffee, #1 no, x#y no, #café yes https://a.example/#frag')).toEqual(['Coffee', 'café']);
    expect(fmt('@ghost hi')).toBe('<p>@ghost hi</p>');
  });

  it('turns html into searchable text', () => {
    expect(htmlToPlain('<p>Fish &amp; chips<script>x</script></p><p>next&#33;</p>')).toBe('Fish & chips \nnext!\n');
    expect(searchMatcher('kettle')('kettlebird app')).toBe(false);
    expect(searchMatcher('KETTLEBIRD app')('the kettlebird app is down')).toBe(true);
  });
});

describe('paging', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ key: BigInt((i + 1) * 10) }));
  const keys = (xs: { key: bigint }[]) => xs.map((x) => Number(x.key));
  const all = () => true;

  it('follows Paginable#to_a_paginated_by_id', () => {
    expect(keys(paginate(items, all, { maxId: null, sinceId: null, minId: null, limit: 3 }))).toEqual([100, 90, 80]);
    expect(keys(paginate(items, all, { maxId: 55n, sinceId: null, minId: null, limit: 3 }))).toEqual([50, 40, 30]);
    expect(keys(paginate(items, all, { maxId: null, sinceId: 75n, minId: null, limit: 10 }))).toEqual([100, 90, 80]);
    expect(keys(paginate(items, all, { maxId: null, sinceId: null, minId: 20n, limit: 3 }))).toEqual([50, 40, 30]);
    expect(keys(paginate(items, (x) => x.key % 20n === 0n, { maxId: null, sinceId: null, minId: null, limit: 2 }, 1))).toEqual([80, 60]);
    expect(limitParam(null, 20)).toBe(20);
    expect(limitParam('-5', 20)).toBe(5);
    expect(limitParam('500', 20)).toBe(40);
    expect(parseId('12a')).toBeNull();
  });

  it('walking max_id pages visits every item exactly once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (mask, limit) => {
        const xs = mask.map((_, i) => ({ key: BigInt(i + 1), keep: mask[i] }));
        const keep = (x: { keep?: boolean }) => x.keep === true;
        const seen: number[] = [];
        let maxId: bigint | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const page: { key: bigint }[] = paginate(xs, keep, { maxId, sinceId: null, minId: null, limit });
          if (page.length === 0) break;
          seen.push(...keys(page));
          maxId = page[page.length - 1]!.key;
        }
        expect(seen).toEqual(xs.filter(keep).map((x) => Number(x.key)).reverse());
      }),
    );
  });

  it('the PRNG is deterministic per seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(2).next()).not.toBe(seqA[0]);
  });
});
