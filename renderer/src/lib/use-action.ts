import { useCallback, useState } from 'react';
import { errorText } from '../api/rpc';

export interface Action {
  busy: boolean;
  error: string | null;
  /** Runs `fn`, tracking busy and catching its error for inline display; resolves undefined on failure. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** Busy/error state for one button or form, so each shows its own error next to itself. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
