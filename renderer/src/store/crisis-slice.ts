import type { StateCreator } from 'zustand';
import type { Results } from '../../../shared/methods';
import type { AppState } from './app-store';

/** What the last freeze this window made answered: kept across screens, dropped on sign-out. */
export interface FreezeOutcome {
  /** When the answer came back (ms). */
  at: number;
  result: Results['freeze.set'];
}

export interface CrisisSlice {
  /**
   * The "may have published" list exists only in the freeze.set answer: it must survive a click to
   * another screen, or the one person who needs it loses it.
   */
  freezeOutcome: FreezeOutcome | null;
  setFreezeOutcome(o: FreezeOutcome | null): void;
}

export const createCrisisSlice: StateCreator<AppState, [], [], CrisisSlice> = (set) => ({
  freezeOutcome: null,
  setFreezeOutcome: (freezeOutcome) => set({ freezeOutcome }),
});
