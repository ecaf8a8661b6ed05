import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Item } from '../../../../shared/domain';

/** Within this many pixels of the top the reader is "at the top" and sees new items as they come. */
const TOP_SLACK = 8;

interface Anchor {
  id: number;
  /** Distance from the scroller's top edge to the item's top edge. */
  offset: number;
}

/**
 * Newest on top without yanking a reader who scrolled down: when items are added above, the item
 * the reader was looking at is put back where it was (done by hand because Safari has no CSS scroll
 * anchoring). Counts the items that came in above the reader for the "N new ↑" pill.
 */
export function useColumnScroll(ref: RefObject<HTMLDivElement | null>, items: readonly Item[]) {
  const atTop = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const [seenTopId, setSeenTopId] = useState<number | null>(null);
  const firstId = items[0]?.id ?? null;

  const recordAnchor = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const top = el.scrollTop;
    anchor.current = null;
    for (const child of el.querySelectorAll<HTMLElement>('[data-item-id]')) {
      if (child.offsetTop + child.offsetHeight > top) {
        anchor.current = { id: Number(child.dataset.itemId), offset: child.offsetTop - top };
        break;
      }
    }
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!atTop.current && anchor.current) {
      const node = el.querySelector<HTMLElement>(`[data-item-id="${anchor.current.id}"]`);
      if (node) el.scrollTop = node.offsetTop - anchor.current.offset;
    }
    recordAnchor();
    if (atTop.current && firstId !== null) setSeenTopId((prev) => (prev === firstId ? prev : firstId));
  }, [items, firstId, ref, recordAnchor]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    atTop.current = el.scrollTop <= TOP_SLACK;
    if (atTop.current && firstId !== null) setSeenTopId(firstId);
    recordAnchor();
  }, [ref, firstId, recordAnchor]);

  const scrollToTop = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    atTop.current = true;
    el.scrollTo({ top: 0, behavior: 'smooth' });
    if (firstId !== null) setSeenTopId(firstId);
  }, [ref, firstId]);

  const newCount = seenTopId === null ? 0 : countAbove(items, seenTopId);
  return { newCount, onScroll, scrollToTop };
}

/** Items newer than the one the reader last saw at the top (items are newest first). */
export function countAbove(items: readonly Item[], seenId: number): number {
  let n = 0;
  while (n < items.length && items[n]!.id > seenId) n++;
  return n;
}
