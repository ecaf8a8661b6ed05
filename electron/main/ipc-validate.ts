/** Largest params object accepted over IPC (the hub's HTTP body limit). */
export const MAX_PARAMS_BYTES = 1024 * 1024;
const MAX_PAGE_ID = 100;

/** A plain `{…}` object: not null, not an array, not a Date/Map/class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Why RPC params are refused before they reach the engine, or null. The engine validates the
 * fields against the contract's schemas; this only makes sure it gets a JSON object of sane size
 * (structured clone lets a renderer send Maps, typed arrays, BigInts, cycles…).
 */
export function paramsProblem(params: unknown): string | null {
  if (!isPlainObject(params)) return 'Params must be a JSON object, e.g. {}.';
  let text: string;
  try {
    text = JSON.stringify(params);
  } catch {
    return 'Params must be plain JSON (no BigInt, no cycles).';
  }
  if (text.length > MAX_PARAMS_BYTES) return `Params are larger than ${MAX_PARAMS_BYTES} bytes.`;
  return null;
}

export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export interface SubscribeRequest {
  page: string;
  id: number;
  since: number | null;
  /** The feed `since` was read from, when the renderer knows it. */
  feedId: string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseTarget(payload: unknown): Parsed<{ page: string; id: number }> {
  if (!isPlainObject(payload)) return { ok: false, message: 'Expected { page, id, … }.' };
  const { page, id } = payload;
  if (typeof page !== 'string' || page.length === 0 || page.length > MAX_PAGE_ID) return { ok: false, message: 'page is a string of 1 to 100 characters.' };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return { ok: false, message: 'id is a positive integer.' };
  return { ok: true, value: { page, id } };
}

export function parseSubscribe(payload: unknown): Parsed<SubscribeRequest> {
  const target = parseTarget(payload);
  if (!target.ok) return target;
  const { since, feedId } = payload as Record<string, unknown>;
  if (since !== null && !isSeq(since)) return { ok: false, message: 'since is null or a non-negative integer seq.' };
  if (feedId !== undefined && feedId !== null && !(typeof feedId === 'string' && feedId.length > 0 && feedId.length <= MAX_PAGE_ID)) {
    return { ok: false, message: 'feedId is null or a string of 1 to 100 characters.' };
  }
  return { ok: true, value: { ...target.value, since, feedId: typeof feedId === 'string' ? feedId : null } };
}

export function parseUnsubscribe(payload: unknown): Parsed<{ page: string; id: number }> {
  return parseTarget(payload);
}
