import type { Clock } from '../../../../shared/clock.js';
import type { HttpFetch } from '../../engine-types.js';
import { parseRetryAfter } from '../../platforms/http/retry-headers.js';
import { DeliveryError } from './retry.js';

export interface WebhookDeps {
  http: HttpFetch;
  clock: Clock;
  timeoutMs?: number;
}

const SNIPPET = 300;

async function snippet(res: Response): Promise<string> {
  try {
    const reader = res.body?.getReader();
    if (!reader) return '';
    let text = '';
    const decoder = new TextDecoder();
    while (text.length < SNIPPET) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel().catch(() => undefined);
    return text.slice(0, SNIPPET).replace(/\s+/gu, ' ').trim();
  } catch {
    return '';
  }
}

/**
 * POSTs one JSON payload (one attempt). Errors name the receiver's host, never the URL: a
 * webhook URL is a secret (Slack's and Teams' carry their token in the path).
 */
export async function postWebhook(deps: WebhookDeps, url: string, payload: unknown): Promise<void> {
  const host = new URL(url).host;
  const controller = new AbortController();
  const timer = deps.clock.setTimeout(() => controller.abort(), deps.timeoutMs ?? 15_000);
  let res: Response;
  try {
    res = await deps.http(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: controller.signal,
      // A redirected POST could carry the alert somewhere else: refuse, and say so.
      redirect: 'manual',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = controller.signal.aborted ? 'timed out' : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
    throw new DeliveryError(`could not reach ${host}: ${reason.split(url).join('<webhook URL>')}`, true);
  } finally {
    deps.clock.clearTimeout(timer);
  }
  if (res.status >= 200 && res.status < 300) {
    await res.body?.cancel().catch(() => undefined);
    return;
  }
  const detail = await snippet(res);
  const said = `${host} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}`;
  if (res.status === 429 || res.status === 408 || res.status === 425 || res.status >= 500) {
    const until = parseRetryAfter(res.headers.get('retry-after'), deps.clock.now());
    throw new DeliveryError(said, true, until === null ? null : Math.max(0, until - deps.clock.now()));
  }
  if (res.status >= 300 && res.status < 400) throw new DeliveryError(`${said}: a webhook must not redirect; check the URL`, false);
  throw new DeliveryError(`${said}: check the webhook URL (it may have been revoked)`, false);
}
