/**
 * The control API under /_sandbox/: what the brand published, the sandbox's state, fault
 * injection and direct injection of posts. Never rate-limited, faulted or authenticated —
 * it is the test harness's side door, not part of the simulated platform.
 */
import { z } from 'zod';
import { faultsBodySchema, type FaultRegistry } from './faults.js';
import { HttpError, json, jsonError, parseBody, type HttpResult } from './http-utils.js';
import type { PublishedStatus, MastodonStatus } from './types.js';

export const injectSchema = z.object({
  author: z.string().min(1),
  text: z.string().optional(),
  html: z.string().optional(),
  tags: z.array(z.string().min(1)).optional(),
  inReplyTo: z.string().min(1).optional(),
  lang: z.string().min(2).optional(),
  createdAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'createdAt must be ISO 8601').optional(),
  mentionBrand: z.boolean().optional(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']).optional(),
});
export type InjectPost = z.input<typeof injectSchema>;

export interface ControlDeps {
  faults: FaultRegistry;
  published: () => PublishedStatus[];
  state: () => unknown;
  inject: (post: InjectPost) => MastodonStatus;
}

function parseJson(body: Buffer): Record<string, unknown> {
  return parseBody('application/json', body);
}

/**
 * A page on any other site can make a visitor's browser POST here with `text/plain` or a form
 * type without asking (a "simple" cross-origin request), and the body can still be JSON. Only
 * `application/json` needs a CORS preflight the sandbox never grants, so it is the only type taken.
 */
function jsonOnly(method: string, contentType: string | undefined): HttpResult | null {
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return null;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' ? null : jsonError(415, 'The control API takes Content-Type: application/json only.');
}

export function controlHandler(deps: ControlDeps) {
  return (method: string, url: URL, body: Buffer, contentType?: string): HttpResult => {
    const refused = jsonOnly(method, contentType);
    if (refused) return refused;
    const path = url.pathname.replace(/\/+$/, '');
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET /_sandbox/published':
        return json(200, deps.published());
      case 'GET /_sandbox/state':
        return json(200, deps.state());
      case 'GET /_sandbox/faults':
        return json(200, { ok: true, active: deps.faults.list() });
      case 'DELETE /_sandbox/faults':
        deps.faults.clear();
        return json(200, { ok: true, active: [] });
      case 'POST /_sandbox/faults': {
        const r = faultsBodySchema.safeParse(parseJson(body));
        if (!r.success) return jsonError(422, `invalid faults: ${z.prettifyError(r.error)}`);
        return json(200, { ok: true, active: deps.faults.add(r.data.faults) });
      }
      case 'POST /_sandbox/inject': {
        const r = injectSchema.safeParse(parseJson(body));
        if (!r.success) return jsonError(422, `invalid post: ${z.prettifyError(r.error)}`);
        try {
          return json(200, deps.inject(r.data));
        } catch (err) {
          if (err instanceof HttpError) throw err;
          return jsonError(422, (err as Error).message);
        }
      }
      default:
        return jsonError(404, 'Record not found');
    }
  };
}
