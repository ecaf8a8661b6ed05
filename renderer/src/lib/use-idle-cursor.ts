import { useEffect, useState } from 'react';

/**
 * True once the pointer has been still for `ms`: a wall hides the cursor then, so an arrow left in
 * the middle of the screen doesn't sit over a post all day. Any move or click brings it back.
 */
export function useIdleCursor(ms: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), ms);
    };
    const wake = () => {
      setIdle(false);
      arm();
    };
    const events = ['pointermove', 'pointerdown', 'wheel', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, wake, { passive: true });
    arm();
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, wake);
    };
  }, [ms]);
  return idle;
}
