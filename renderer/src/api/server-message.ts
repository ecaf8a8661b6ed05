import { z } from 'zod';
import type { ServerMessage } from '../../../shared/api';

/**
 * The hub is trusted, but a frame is still bytes off the network: check its shape before acting on it
 * so a malformed frame is dropped instead of corrupting the seq bookkeeping. Change payloads are only
 * checked for their `kind`; the replica reads them field by field.
 */
const seq = z.number().int().nonnegative();
const callId = z.union([z.string(), z.number()]);
const errorBody = z.object({ code: z.string(), message: z.string() });

const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), seq, user: z.object({ name: z.string(), role: z.string() }) }),
  z.object({ type: z.literal('change'), seq, change: z.looseObject({ kind: z.string() }) }),
  z.object({ type: z.literal('result'), id: callId, result: z.unknown() }),
  z.object({ type: z.literal('error'), id: callId.optional(), error: errorBody }),
  z.object({ type: z.literal('heartbeat') }),
]);

/** A parsed frame, or null for anything that isn't one of the server messages. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = serverMessage.safeParse(json);
  return parsed.success ? (parsed.data as ServerMessage) : null;
}
