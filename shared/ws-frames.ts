import { z } from 'zod';
import type { ClientMessage, ServerMessage } from './api.js';

/**
 * The frames on /api/ws, checked the same way on both ends: the hub parses what a client sends
 * with these before acting on any field (a frame is bytes from anyone who can reach the port), and
 * the renderer parses what the hub sends before touching its seq bookkeeping. Unknown extra fields
 * are dropped rather than refused, so either side can grow a field without breaking the other.
 */
const seq = z.number().int().nonnegative();
const callId = z.union([z.string().max(100), z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)]);
const errorBody = z.object({ code: z.string().max(100), message: z.string() });

/** Anything the hub's data dir could be identified by: a replaced data dir has another. */
const feedId = z.string().min(1).max(100);

export const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(500), since: seq.nullable(), feedId: feedId.optional() }),
  z.object({ type: z.literal('call'), id: callId, method: z.string().min(1).max(100), params: z.unknown().optional() }),
]);

export const serverFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), seq, user: z.object({ name: z.string(), role: z.string() }), feedId: feedId.optional() }),
  z.object({ type: z.literal('change'), seq, change: z.looseObject({ kind: z.string() }) }),
  z.object({ type: z.literal('result'), id: callId, result: z.unknown() }),
  z.object({ type: z.literal('error'), id: callId.optional(), error: errorBody }),
  z.object({ type: z.literal('heartbeat') }),
]);

/** A refused frame keeps its call id when it had a usable one, so the caller's pending call is answered. */
export type ParsedClientFrame = { ok: true; frame: ClientMessage } | { ok: false; message: string; id?: string | number };

function json(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A client frame, or why it is not one (in words for the sender; never echoing its content). */
export function parseClientFrame(text: string): ParsedClientFrame {
  const raw = json(text);
  if (!raw.ok) return { ok: false, message: 'Messages are JSON objects.' };
  const parsed = clientFrame.safeParse(raw.value);
  if (parsed.success) return { ok: true, frame: parsed.data as ClientMessage };
  const obj = typeof raw.value === 'object' && raw.value !== null && !Array.isArray(raw.value) ? (raw.value as { type?: unknown; id?: unknown }) : {};
  if (obj.type !== 'auth' && obj.type !== 'call') return { ok: false, message: 'Messages are {"type":"auth",…} or {"type":"call",…}.' };
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'message'))].join(', ');
  const id = callId.safeParse(obj.id);
  return { ok: false, message: `Invalid ${obj.type} message (${fields}): see the WebSocket messages in DESIGN.`, ...(id.success ? { id: id.data } : {}) };
}

/** A server frame, or null for anything that isn't one (dropped instead of corrupting the stream). */
export function parseServerFrame(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  const raw = json(data);
  if (!raw.ok) return null;
  const parsed = serverFrame.safeParse(raw.value);
  return parsed.success ? (parsed.data as ServerMessage) : null;
}
