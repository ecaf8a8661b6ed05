import { useSyncExternalStore } from 'react';

/**
 * One shared timer per interval, however many components read it: a wall with a thousand relative
 * times re-renders those thousand small labels once a tick, not a thousand timers at random moments.
 */
const tickers = new Map<number, { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> | null }>();

function ticker(ms: number) {
  let t = tickers.get(ms);
  if (!t) {
    t = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(ms, t);
  }
  return t;
}

export function useNow(intervalMs: number): number {
  const t = ticker(intervalMs);
  return useSyncExternalStore(
    (listener) => {
      t.listeners.add(listener);
      if (!t.timer) {
        t.now = Date.now();
        t.timer = setInterval(() => {
          t.now = Date.now();
          for (const l of t.listeners) l();
        }, intervalMs);
      }
      return () => {
        t.listeners.delete(listener);
        if (t.listeners.size === 0 && t.timer) {
          clearInterval(t.timer);
          t.timer = null;
        }
      };
    },
    () => t.now,
    // Also used when a view is rendered to static markup (tests): the same current value.
    () => t.now,
  );
}
