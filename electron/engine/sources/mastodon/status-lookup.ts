import { MastodonRequestError, type MastoClient } from '../../platforms/mastodon/http-client.js';
import { rawId } from './normalize-status.js';

/** Mastodon (4.3+) answers GET /api/v1/statuses?id[]= with 422 beyond 20 ids (DEFAULT_STATUSES_LIMIT). */
export const LOOKUP_BATCH = 20;
/** Consecutive 404/422 answers before the multi-status lookup counts as missing on this server. */
export const UNSUPPORTED_AFTER = 3;

/** What a connector knows about its server's multi-status lookup (shared by replies and the re-check). */
export interface LookupState {
  /** Consecutive 404/422 answers so far (any answer with a list resets it). */
  refusals: number;
  /** Why the lookup is taken as missing, or null while it is believed to work. */
  unsupported: string | null;
}

export function newLookupState(): LookupState {
  return { refusals: 0, unsupported: null };
}

/**
 * Up to 20 statuses in one request, by local id. null when the server refused the lookup with a
 * 404 or 422: one refusal proves nothing (a proxy hiccup, a deploy), so only UNSUPPORTED_AFTER
 * in a row mark it missing. Other errors are thrown as they are.
 */
export async function fetchStatuses(client: MastoClient, ids: readonly string[], state: LookupState): Promise<Map<string, unknown> | null> {
  let data: unknown;
  try {
    data = (await client.get('/api/v1/statuses', { id: [...ids] })).data;
  } catch (err) {
    if (err instanceof MastodonRequestError && err.kind === 'http' && (err.status === 404 || err.status === 422)) {
      state.refusals++;
      if (state.refusals >= UNSUPPORTED_AFTER) {
        state.unsupported = `the server has no multi-status lookup (HTTP ${err.status} from /api/v1/statuses, ${state.refusals} times in a row; Mastodon added it in 4.3)`;
      }
      return null;
    }
    throw err;
  }
  if (!Array.isArray(data)) throw new MastodonRequestError('malformed', 'unexpected response shape from /api/v1/statuses', '/api/v1/statuses');
  state.refusals = 0;
  const found = new Map<string, unknown>();
  for (const s of data) {
    const id = rawId(s);
    if (id !== null) found.set(id, s);
  }
  return found;
}

/** One status by local id; null when it is gone (404/410). */
export async function fetchStatus(client: MastoClient, id: string): Promise<unknown | null> {
  try {
    return (await client.get(`/api/v1/statuses/${encodeURIComponent(id)}`)).data;
  } catch (err) {
    if (err instanceof MastodonRequestError && (err.status === 404 || err.status === 410)) return null;
    throw err;
  }
}
