import { z } from 'zod';
import { PLATFORMS, type Item, type Platform } from '../../../shared/domain';
import { platformLabel } from './platform';

/** What a wall column shows. Saved in localStorage, so its schema is checked when read back. */
export type ColumnFilter =
  | { kind: 'all' }
  | { kind: 'platform'; platform: Platform }
  | { kind: 'hashtag'; tag: string }
  | { kind: 'term'; term: string };

export interface WallColumn {
  id: string;
  /** Empty means "derive from the filter". */
  title: string;
  filter: ColumnFilter;
}

export const columnFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('platform'), platform: z.enum(PLATFORMS) }),
  z.object({ kind: z.literal('hashtag'), tag: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('term'), term: z.string().min(1).max(200) }),
]);

export const wallColumnSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(100),
  filter: columnFilterSchema,
});

/** "#Brand " → "brand": the engine stores tags lowercased without the '#'. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}

export function normalizeTerm(term: string): string {
  return term.trim().replace(/\s+/g, ' ');
}

/** Checks and tidies a filter typed in the column editor; returns an error line a person can act on. */
export function validateFilter(filter: ColumnFilter): { ok: true; filter: ColumnFilter } | { ok: false; error: string } {
  switch (filter.kind) {
    case 'all':
      return { ok: true, filter };
    case 'platform':
      return PLATFORMS.includes(filter.platform) ? { ok: true, filter } : { ok: false, error: `Unknown platform "${filter.platform}".` };
    case 'hashtag': {
      const tag = normalizeTag(filter.tag);
      if (!/^[\p{L}\p{N}_]{1,100}$/u.test(tag)) return { ok: false, error: 'A hashtag is letters, digits and _ (the # is optional).' };
      return { ok: true, filter: { kind: 'hashtag', tag } };
    }
    case 'term': {
      const term = normalizeTerm(filter.term);
      if (!term) return { ok: false, error: 'Type a word or phrase to watch for.' };
      if (term.length > 200) return { ok: false, error: 'A term is at most 200 characters.' };
      return { ok: true, filter: { kind: 'term', term } };
    }
  }
}

/**
 * Whether an item belongs in a column. Tombstones never do (the wall hides deleted posts).
 * Terms match the text case-insensitively as a substring, like the hub's items.list `q`.
 */
export function matchesColumn(filter: ColumnFilter, item: Item): boolean {
  if (item.deletedAt) return false;
  switch (filter.kind) {
    case 'all':
      return true;
    case 'platform':
      return item.platform === filter.platform;
    case 'hashtag': {
      const tag = normalizeTag(filter.tag);
      return tag !== '' && item.tags.some((t) => t.toLowerCase() === tag);
    }
    case 'term': {
      const term = normalizeTerm(filter.term).toLocaleLowerCase();
      return term !== '' && item.text.toLocaleLowerCase().includes(term);
    }
  }
}

export function columnTitle(col: Pick<WallColumn, 'title' | 'filter'>): string {
  if (col.title.trim()) return col.title.trim();
  const f = col.filter;
  switch (f.kind) {
    case 'all':
      return 'Everything';
    case 'platform':
      return platformLabel(f.platform);
    case 'hashtag':
      return `#${normalizeTag(f.tag)}`;
    case 'term':
      return `“${f.term}”`;
  }
}
