import { useEffect, useState } from 'react';

/** Arranging ends by itself after this long without a key or a click, so a kiosk never stays in it. */
const ARRANGE_IDLE_MS = 5 * 60_000;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/**
 * A kiosk wall's "arrange" mode: E toggles it, Escape ends it. Column layout is this screen's own
 * (localStorage), so changing it needs no permission; the read-only role still can't change data.
 */
export function useArranging(kiosk: boolean): boolean {
  const [arranging, setArranging] = useState(false);
  useEffect(() => {
    if (!kiosk) {
      setArranging(false);
      return;
    }
    let idle: ReturnType<typeof setTimeout> | null = null;
    const rearm = () => {
      if (idle !== null) clearTimeout(idle);
      idle = setTimeout(() => setArranging(false), ARRANGE_IDLE_MS);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') setArranging(false);
      else if ((e.key === 'e' || e.key === 'E') && !typing(e.target)) setArranging((a) => !a);
      rearm();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', rearm);
    rearm();
    return () => {
      if (idle !== null) clearTimeout(idle);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', rearm);
    };
  }, [kiosk]);
  return arranging;
}
