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

/** Rails-style params: `a[]=1&a[]=2` → { a: ['1','2'] }, plain keys → string. */
export function formToParams(q: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of q) {
    if (k.endsWith('[]')) {
      const name = k.slice(0, -2);
      const prev = out[name];
      out[name] = Array.isArray(prev) ? [...prev, v] : [v];
    } else out[k] = v;
  }
  return out;
}

export function parseBody(contentType: string | undefined, buf: Buffer): Record<string, unknown> {
  if (buf.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return formToParams(new URLSearchParams(buf.toString('utf8')));
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
