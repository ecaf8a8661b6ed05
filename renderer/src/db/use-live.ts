import { liveQuery } from 'dexie';
import { startTransition, useEffect, useReducer, useRef, type DependencyList } from 'react';
import { onNextFrame } from '../lib/frame';

interface Slot<T> {
  value: T | undefined;
  error: unknown;
}

/**
 * The replica's one read style: a Dexie live query whose answers reach React at most once per
 * animation frame (all columns in the same render), as an interruptible transition. A burst of 200 posts written in a few
 * transactions re-runs the query a few times but renders once; only the latest answer is kept.
 * `undefined` until the first answer; after `deps` change the previous answer stays on screen until
 * the new one comes, so nothing flashes empty. A failed query throws into the nearest error boundary.
 */
export function useLiveRead<T>(querier: () => Promise<T> | T, deps: DependencyList): T | undefined {
  const slot = useRef<Slot<T>>({ value: undefined, error: null });
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let latest: { value: T } | null = null;
    let cancelFrame: (() => void) | null = null;
    const deliver = () => {
      cancelFrame = null;
      if (!latest) return;
      slot.current = { value: latest.value, error: null };
      latest = null;
      // A transition: React renders it in slices and yields to the browser in between, so a burst
      // that mounts a hundred new cards never becomes one long task.
      startTransition(rerender);
    };
    const sub = liveQuery(querier).subscribe({
      next: (value) => {
        latest = { value };
        cancelFrame ??= onNextFrame(deliver);
      },
      error: (error: unknown) => {
        slot.current = { value: slot.current.value, error: error ?? new Error('replica query failed') };
        rerender();
      },
    });
    return () => {
      sub.unsubscribe();
      cancelFrame?.();
    };
    // The caller's deps decide when the query changes, as with useEffect.
  }, deps);

  if (slot.current.error) throw slot.current.error;
  return slot.current.value;
}
