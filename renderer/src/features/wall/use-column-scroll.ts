import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the top the reader is "at the top" and the column is live. */
const TOP_SLACK = 8;
/** A column left scrolled down goes back to live after this long without scrolling: walls are left alone. */
export const HOLD_RETURN_MS = 3 * 60_000;

/**
 * Newest on top without yanking a reader who scrolled down: while they are away from the top the
 * column holds still (it shows what was at or below its top item, `topId`), and what comes in
 * meanwhile is counted for the "N new ↑" pill rather than inserted above them. So nothing is
 * measured or re-positioned as posts arrive: no scroll anchoring, no forced layouts.
 * Back at the top (or after HOLD_RETURN_MS) the column is live again.
 */
export function useColumnScroll(ref: RefObject<HTMLDivElement | null>) {
  const [topId, setTopId] = useState<number | null>(null);
  const lastScrollAt = useRef(0);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atTop = el.scrollTop <= TOP_SLACK;
    // The item on top of the list is the one to hold at: read from the DOM, no layout needed.
    const shown = Number(el.querySelector<HTMLElement>('[data-item-id]')?.dataset.itemId ?? NaN);
    const top = Number.isFinite(shown) ? shown : null;
    setTopId((held) => (atTop ? null : (held ?? top)));
    lastScrollAt.current = Date.now();
  }, [ref]);

  /** Holds the column at `id` (when it isn't held already), e.g. when older posts are asked for. */
  const hold = useCallback((id: number | null) => setTopId((held) => held ?? id), []);

  const backToTop = useCallback(() => {
    const el = ref.current;
    if (el) el.scrollTop = 0;
    setTopId(null);
  }, [ref]);

  useEffect(() => {
    if (topId === null) return;
    let t: ReturnType<typeof setTimeout>;
    const check = () => {
      const quietFor = Date.now() - lastScrollAt.current;
      if (quietFor >= HOLD_RETURN_MS) backToTop();
      else t = setTimeout(check, HOLD_RETURN_MS - quietFor);
    };
    t = setTimeout(check, HOLD_RETURN_MS);
    return () => clearTimeout(t);
  }, [topId, backToTop]);

  return { topId, onScroll, hold, backToTop };
}
