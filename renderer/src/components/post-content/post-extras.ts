import type { Author, CustomEmoji, Item } from '../../../../shared/domain';

/**
 * What an item carries besides its text, with empty defaults: an item stored in a replica (or by
 * a hub) from before these fields existed lacks them, and must still render.
 */
export type PostExtras = Pick<Item, 'contentWarning' | 'sensitive' | 'media' | 'poll' | 'emojis' | 'boostedBy'>;

export function extrasOf(item: Item): PostExtras {
  const i = item as Partial<Item>;
  return {
    contentWarning: i.contentWarning || null,
    sensitive: i.sensitive === true,
    media: Array.isArray(i.media) ? i.media : [],
    poll: i.poll ?? null,
    emojis: Array.isArray(i.emojis) ? i.emojis : [],
    boostedBy: Array.isArray(i.boostedBy) ? i.boostedBy : [],
  };
}

export function authorEmojis(author: Author): CustomEmoji[] {
  return Array.isArray((author as Partial<Author>).emojis) ? author.emojis : [];
}
