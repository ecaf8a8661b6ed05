import { createRestAPIClient } from 'masto';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/create-sandbox.js';

/** Sandboxes opened by a test file, closed in afterEach. */
export const opened: Sandbox[] = [];

export async function open(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await createSandbox({ scenario: null, ...opts });
  opened.push(sb);
  return sb;
}

export async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((s) => s.close()));
}

export function client(sb: Sandbox, token: string | null = sb.brandToken) {
  return createRestAPIClient({ url: sb.url, ...(token ? { accessToken: token } : {}) });
}

/** Response bodies in tests are poked at freely; the assertions are the type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function getJson(sb: Sandbox, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: Json }> {
  // A string body is JSON here unless the test says otherwise (fetch would label it text/plain).
  const headers = new Headers(init.headers);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(`${sb.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export function auth(sb: Sandbox): Record<string, string> {
  return { Authorization: `Bearer ${sb.brandToken}` };
}

export async function postStatus(sb: Sandbox, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return getJson(sb, '/api/v1/statuses', { method: 'POST', headers: { ...auth(sb), 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
