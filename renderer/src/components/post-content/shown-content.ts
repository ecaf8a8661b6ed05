import type { Item } from '../../../../shared/domain';

/**
 * How much of a post a wall item shows. A card is read from across a room: a few hundred words at
 * most. Anything longer (a 200,000-character "word" from a broken or hostile server) is cut here,
 * before it is sanitized or laid out, so one post can't stall the screen.
 */
export const SHOWN_TEXT_MAX = 1_500;
/** Longer html is not sanitized at all: the (cut) plain text stands in for it. */
export const SHOWN_HTML_MAX = 12_000;
export const SHOWN_NAME_MAX = 120;

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export interface ShownContent {
  /** Html to sanitize and show, or null to show `text`. */
  html: string | null;
  text: string;
  /** Something was left out. */
  shortened: boolean;
}

export function shownContent(item: Pick<Item, 'html' | 'text'>): ShownContent {
  if (item.html && item.html.length <= SHOWN_HTML_MAX) return { html: item.html, text: '', shortened: false };
  return { html: null, text: cut(item.text, SHOWN_TEXT_MAX), shortened: item.text.length > SHOWN_TEXT_MAX || !!item.html };
}

export function shownName(name: string): string {
  return cut(name, SHOWN_NAME_MAX);
}
