import { useEffect, useState } from 'react';
import type { Change } from '../../../shared/changes';

/**
 * Views that read through methods rather than the replica (trends, alerts, the wall's layout)
 * refetch when a change of their kind streams in: the sync tells this bus, a view listens for kinds.
 */
type Listener = (kind: Change['kind']) => void;
const listeners = new Set<Listener>();

const changeListeners = new Set<(change: Change) => void>();

export function announceChange(change: Change): void {
  for (const l of listeners) l(change.kind);
  for (const l of changeListeners) l(change);
}

/** Every change as it streams in, whole (the alert notifications read the alert itself). */
export function onStreamedChange(listener: (change: Change) => void): () => void {
  changeListeners.add(listener);
  return () => {
    changeListeners.delete(listener);
  };
}

/**
 * A number that goes up when a change of one of `kinds` arrives, at most once per `minMs` (a burst
 * of alerts is one refetch, not a hundred). Use it as an effect dependency to refetch.
 */
export function useChangeSignal(kinds: readonly Change['kind'][], minMs = 1000): number {
  const [tick, setTick] = useState(0);
  const key = kinds.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const fire = () => {
      timer = null;
      last = Date.now();
      setTick((t) => t + 1);
    };
    const l: Listener = (kind) => {
      if (!wanted.has(kind) || timer !== null) return;
      const wait = Math.max(0, last + minMs - Date.now());
      timer = setTimeout(fire, wait);
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
      if (timer !== null) clearTimeout(timer);
    };
  }, [key, minMs]);
  return tick;
}
