import { useSyncExternalStore } from 'react';

/**
 * Crash drills: make one panel throw, to see (or test) that it restarts and the rest of the screen
 * carries on. Off unless this browser's localStorage has `newsroom.debug` = `crash-drills`; then
 *   window.dispatchEvent(new CustomEvent('newsroom:crash-drill', { detail: { panel: 'column:all', times: 1 } }))
 * makes that panel throw on its next `times` renders, each caught by its error boundary. Without
 * the switch no listener is installed at all, so a page (or post content) has nothing to call.
 */
export const DEBUG_KEY = 'newsroom.debug';
export const DEBUG_VALUE = 'crash-drills';
export const DRILL_EVENT = 'newsroom:crash-drill';

const armed = new Map<string, number>();
const listeners = new Set<() => void>();

export class CrashDrillError extends Error {
  constructor(readonly panel: string) {
    super(`crash drill in ${panel}`);
    this.name = 'CrashDrillError';
  }
}

function arm(panel: string, times: number): void {
  armed.set(panel, (armed.get(panel) ?? 0) + times);
  for (const l of listeners) l();
}

/** Installs the drill listener when the debug switch is on; returns whether it did. */
export function installCrashDrills(win: Window, storage: Pick<Storage, 'getItem'> | null): boolean {
  let on: boolean;
  try {
    on = storage?.getItem(DEBUG_KEY) === DEBUG_VALUE;
  } catch {
    on = false;
  }
  if (!on) return false;
  win.addEventListener(DRILL_EVENT, (e) => {
    const detail = (e as CustomEvent<unknown>).detail as { panel?: unknown; times?: unknown } | null;
    if (typeof detail?.panel !== 'string') return;
    const times = typeof detail.times === 'number' && detail.times >= 1 ? Math.min(10, Math.floor(detail.times)) : 1;
    arm(detail.panel, times);
  });
  return true;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** Throws while a drill is armed for `panel` (a no-op read otherwise). */
export function useCrashDrill(panel: string): void {
  const pending = useSyncExternalStore(
    subscribe,
    () => armed.get(panel) ?? 0,
    () => 0,
  );
  if (pending > 0) throw new CrashDrillError(panel);
}

/** The boundary caught a drill: one fewer to go. */
export function drillCaught(err: unknown): void {
  if (!(err instanceof CrashDrillError)) return;
  const left = (armed.get(err.panel) ?? 0) - 1;
  if (left > 0) armed.set(err.panel, left);
  else armed.delete(err.panel);
}
