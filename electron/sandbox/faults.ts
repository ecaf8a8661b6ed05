/**
 * Fault injection for the control API: the failure modes connectors and publishers must survive
 * (error statuses, slow or cut-off responses, garbage bodies, proxy error pages, and the nasty
 * one — the request takes effect but the answer never comes back).
 */
import { z } from 'zod';

export const FAULT_KINDS = ['status', 'delay', 'malformed', 'truncated', 'html', 'accept-then-timeout', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.object({
  path: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  count: z.number().int().min(0).default(1),
  kind: z.enum(FAULT_KINDS),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().min(0).max(600_000).optional(),
  retryAfter: z.number().min(0).optional(),
});
export type FaultSpec = z.input<typeof faultSpecSchema>;

export const faultsBodySchema = z.object({ faults: z.array(faultSpecSchema).min(1) });

export interface ActiveFault {
  id: number;
  kind: FaultKind;
  path: string | null;
  method: string | null;
  /** Matching requests left; null = until cleared. */
  remaining: number | null;
  hits: number;
  status?: number;
  delayMs?: number;
  retryAfter?: number;
}

/**
 * "/…/" is a regex only when the inside uses regex syntax: a plain "/api/v1/" must keep
 * meaning the prefix it looks like.
 */
function compilePath(path: string): (target: string) => boolean {
  const m = /^\/(.+)\/([imsu]*)$/.exec(path);
  if (m && /[\\^$*+?()[\]{}|]/.test(m[1] ?? '')) {
    const re = new RegExp(m[1] ?? '', m[2]);
    return (target) => re.test(target);
  }
  return (target) => target.startsWith(path);
}

export class FaultRegistry {
  private faults: (ActiveFault & { match: (target: string) => boolean })[] = [];
  private nextId = 1;

  add(specs: readonly FaultSpec[]): ActiveFault[] {
    const parsed = specs.map((s) => faultSpecSchema.parse(s));
    for (const s of parsed) {
      const match = s.path ? compilePath(s.path) : () => true;
      this.faults.push({
        id: this.nextId++,
        kind: s.kind,
        path: s.path ?? null,
        method: s.method ? s.method.toUpperCase() : null,
        remaining: s.count === 0 ? null : s.count,
        hits: 0,
        ...(s.status !== undefined ? { status: s.status } : {}),
        ...(s.delayMs !== undefined ? { delayMs: s.delayMs } : {}),
        ...(s.retryAfter !== undefined ? { retryAfter: s.retryAfter } : {}),
        match,
      });
    }
    return this.list();
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map(({ match: _match, ...f }) => ({ ...f }));
  }

  /** The first fault matching this request (path + query), used up by one hit. */
  take(method: string, target: string): ActiveFault | null {
    const f = this.faults.find((x) => (x.method === null || x.method === method.toUpperCase()) && x.match(target));
    if (!f) return null;
    f.hits++;
    if (f.remaining !== null) {
      f.remaining--;
      if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    }
    const { match: _match, ...copy } = f;
    return copy;
  }
}
