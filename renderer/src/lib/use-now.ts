import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
  subscribe: (listener: () => void) => () => void;
  read: () => number;
}

/**
 * One shared timer per interval, however many components read it: a wall with a thousand relative
 * times re-renders those thousand small labels once a tick, not a thousand timers at random moments.
 */
const tickers = new Map<number, Ticker>();

function ticker(ms: number): Ticker {
  const existing = tickers.get(ms);
  if (existing) return existing;
  const t: Ticker = {
    now: Date.now(),
    listeners: new Set(),
    timer: null,
    // Stable functions: useSyncExternalStore re-subscribes whenever `subscribe` changes identity, and
    // a re-subscription that restarts the timer and moves `now` makes every reader render again, which
    // re-subscribes again (React error #185, the wall going blank 15 s after it opened).
    subscribe: (listener) => {
      t.listeners.add(listener);
      if (!t.timer) {
        // Back after a pause with no readers: catch up once, only if a tick was actually missed.
        const current = Date.now();
        if (current - t.now >= ms) t.now = current;
        t.timer = setInterval(() => {
          t.now = Date.now();
          for (const l of t.listeners) l();
        }, ms);
      }
      return () => {
        t.listeners.delete(listener);
        if (t.listeners.size === 0 && t.timer) {
          clearInterval(t.timer);
          t.timer = null;
        }
      };
    },
    read: () => t.now,
  };
  tickers.set(ms, t);
  return t;
}

export function useNow(intervalMs: number): number {
  const t = ticker(intervalMs);
  // getServerSnapshot too (views rendered to static markup in tests): the same current value.
  return useSyncExternalStore(t.subscribe, t.read, t.read);
}
