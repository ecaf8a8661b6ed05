import { useEffect, useRef, useState } from 'react';
import type { Change } from '../../../shared/changes';
import type { MethodName, Params, Results } from '../../../shared/methods';
import { errorText, rpc } from '../api/rpc';
import { useChangeSignal } from '../api/change-signal';
import { backoffDelay } from '../api/ws-transport';

/** Retries of a failed load: 1 s, doubling, at most this far apart (a poll may come sooner). */
const MAX_RETRY_MS = 30_000;

export interface MethodData<T> {
  data: T | null;
  error: string | null;
}

/**
 * A method's answer kept fresh: fetched on mount, again when a change of `kinds` streams in, and
 * every `pollMs` (a missed change or a connection that came back late never leaves it stale).
 * The last good answer stays on screen while a refetch fails. A failed or timed-out load (the
 * transport fails a call that gets no answer) is retried after 1 s, 2 s, 4 s … up to 30 s, not at
 * the next poll: a wall's panels must not stay empty for a minute because one answer was lost.
 */
export function useMethod<M extends MethodName>(method: M, params: Params<M>, kinds: readonly Change['kind'][], pollMs = 15_000, enabled = true): MethodData<Results[M]> {
  const [state, setState] = useState<MethodData<Results[M]>>({ data: null, error: null });
  const signal = useChangeSignal(kinds);
  const [beat, setBeat] = useState(0);
  const key = JSON.stringify(params);
  // The same answer again (a poll, a change that didn't touch it) renders nothing: charts stay put.
  const last = useRef<string | null>(null);
  /** Failures in a row: the next retry's backoff. */
  const failures = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const t = setInterval(() => setBeat((b) => b + 1), pollMs);
    return () => clearInterval(t);
  }, [pollMs, enabled]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | null = null;
    rpc(method, JSON.parse(key) as Params<M>).then(
      (data) => {
        if (!live) return;
        failures.current = 0;
        const json = JSON.stringify(data);
        if (json === last.current) return setState((s) => (s.error === null ? s : { data: s.data, error: null }));
        last.current = json;
        setState({ data, error: null });
      },
      (e: unknown) => {
        if (!live) return;
        setState((s) => ({ data: s.data, error: errorText(e) }));
        // Not connected yet, or the answer was lost: try again soon rather than at the next poll.
        retry = setTimeout(() => setBeat((b) => b + 1), backoffDelay(failures.current++, Math.random, 1000, MAX_RETRY_MS));
      },
    );
    return () => {
      live = false;
      if (retry !== null) clearTimeout(retry);
    };
  }, [method, key, signal, beat, enabled]);
  return state;
}
