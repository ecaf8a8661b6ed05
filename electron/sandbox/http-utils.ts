/** Small node:http helpers: one response shape for every route, body reading and parsing. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function jsonError(status: number, error: string, headers: Record<string, string> = {}): HttpResult {
  return json(status, { error }, headers);
}

export function send(res: ServerResponse, r: HttpResult): void {
  const buf = Buffer.from(r.body, 'utf8');
  res.writeHead(r.status, { ...r.headers, 'Content-Length': String(buf.length) });
  res.end(buf);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new HttpError(413, 'Request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Rails-style params: `a[]=1&a[]=2` → { a: ['1','2'] }, `poll[options][]=x&poll[expires_in]=300`
 * → { poll: { options: ['x'], expires_in: '300' } }, plain keys → string.
 */
export function formToParams(pairs: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of pairs) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!m) continue;
    const path = [m[1]!, ...[...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    let node: Record<string, unknown> = out;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const last = i === path.length - 1;
      const next = path[i + 1];
      if (part === '__proto__' || part === 'constructor' || part === 'prototype') break;
      if (last) {
        node[part] = v;
      } else if (next === '' && i + 1 === path.length - 1) {
        const prev = node[part];
        node[part] = Array.isArray(prev) ? [...prev, v] : [v];
        break;
      } else {
        const child = node[part];
        node[part] = child && typeof child === 'object' && !Array.isArray(child) ? child : {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return out;
}

export function parseBody(contentType: string | undefined, buf: Buffer): Record<string, unknown> {
  if (buf.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return formToParams(new URLSearchParams(buf.toString('utf8')));
  if (type === 'multipart/form-data') throw new HttpError(415, 'multipart/form-data bodies are read by parseApiBody');
  if (type === 'application/json' || type === '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.toString('utf8'));
    } catch {
      throw new HttpError(400, 'Error occurred while parsing request parameters');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'Error occurred while parsing request parameters');
    return parsed as Record<string, unknown>;
  }
  throw new HttpError(415, `Unsupported content type: ${type}`);
}

/**
 * A Mastodon API request body: JSON, form-urlencoded or multipart/form-data (what most clients
 * and masto.js send to POST /api/v1/statuses), as Rails params. File parts are not read: the
 * sandbox has no media upload.
 */
export async function parseApiBody(contentType: string | undefined, buf: Buffer): Promise<Record<string, unknown>> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'multipart/form-data' || buf.length === 0) return parseBody(contentType, buf);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(buf), { headers: { 'Content-Type': contentType ?? '' } }).formData();
  } catch {
    throw new HttpError(400, 'Error occurred while parsing request parameters');
  }
  const pairs: [string, string][] = [];
  for (const [k, v] of form) if (typeof v === 'string') pairs.push([k, v]);
  return formToParams(pairs);
}

/** All values of a Rails array param, accepting `name[]` and a bare `name`. */
export function arrayParam(q: URLSearchParams, name: string): string[] {
  return [...q.getAll(`${name}[]`), ...q.getAll(name)].filter((v) => v !== '');
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? (m[1] ?? '').trim() : '';
}
