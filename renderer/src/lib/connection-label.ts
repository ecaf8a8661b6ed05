import type { ConnectionState } from '../../../shared/api';
import { hhmm } from './time-format';

/** After this long without a connection the wall admits its data is stale, and since when. */
export const STALE_AFTER_MS = 5_000;

export type ConnectionTone = 'ok' | 'warn' | 'bad';

export interface ConnectionLabel {
  text: string;
  tone: ConnectionTone;
  /** Longer explanation for a tooltip. */
  detail: string;
}

export function connectionLabel(s: ConnectionState, now: number): ConnectionLabel {
  switch (s.state) {
    case 'live':
      return { text: 'live', tone: 'ok', detail: `Connected as ${s.user.name} (${s.user.role})` };
    case 'connecting':
      return { text: 'connecting', tone: 'warn', detail: 'Connecting…' };
    case 'reconnecting': {
      const why = s.lastError ? `Last error: ${s.lastError}` : 'Connection lost';
      if (now - s.since > STALE_AFTER_MS) {
        return { text: `stale since ${hhmm(s.since)}`, tone: 'bad', detail: `${why}. Showing what arrived until ${hhmm(s.since)}; reconnecting.` };
      }
      return { text: 'reconnecting', tone: 'warn', detail: `${why}. Reconnecting…` };
    }
    case 'unauthorized':
      return { text: 'signed out', tone: 'bad', detail: s.message };
  }
}
