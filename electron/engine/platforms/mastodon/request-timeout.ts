import type { Clock } from '../../../../shared/clock.js';

/**
 * A request's own abort signal: it fires when `ms` pass on the injected clock (a timeout) or when
 * `outer` aborts (the connector or publisher stopping). The timer covers the whole exchange,
 * body included: a server that sends headers and then stalls is a timeout too.
 */
export interface RequestDeadline {
  signal: AbortSignal;
  timedOut(): boolean;
  /** Cancels the timer and lets go of `outer`; call once the exchange is over. */
  done(): void;
}

export function requestDeadline(clock: Clock, ms: number, outer: AbortSignal): RequestDeadline {
  const ac = new AbortController();
  let timedOut = false;
  const onOuter = () => ac.abort();
  if (outer.aborted) ac.abort();
  else outer.addEventListener('abort', onOuter, { once: true });
  const timer = clock.setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, ms);
  return {
    signal: ac.signal,
    timedOut: () => timedOut,
    done() {
      clock.clearTimeout(timer);
      outer.removeEventListener('abort', onOuter);
    },
  };
}

/** Settles with the signal's abort even when the fetch implementation (or a body read) ignores the signal. */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
