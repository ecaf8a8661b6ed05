import { MastodonRequestError, type MastoClient } from '../../platforms/mastodon/http-client.js';

/**
 * The server's own domain — what `acct` is relative to, so what local accounts' handles end
 * in. It is not always the API host: a server can be reached at 127.0.0.1:4822 or
 * social.example.com while its accounts are @user@example.com (LOCAL_DOMAIN vs WEB_DOMAIN).
 * /api/v2/instance says `domain` (Mastodon 4.0+); /api/v1/instance says `uri` (the domain too).
 */
export async function fetchInstanceDomain(client: MastoClient): Promise<string> {
  const domainIn = (data: unknown, field: 'domain' | 'uri'): string | null => {
    const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[field] : undefined;
    // v1 `uri` was a URL on some old versions: keep the host part.
    if (typeof v !== 'string' || v.trim() === '') return null;
    const raw = v.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
    return /^[\p{L}\p{N}.:[\]-]+$/u.test(raw) ? raw.toLowerCase() : null;
  };
  try {
    const d = domainIn((await client.get('/api/v2/instance')).data, 'domain');
    if (d) return d;
  } catch (err) {
    if (!(err instanceof MastodonRequestError && err.kind === 'http' && err.status === 404)) throw err;
  }
  const d = domainIn((await client.get('/api/v1/instance')).data, 'uri');
  if (!d) throw new MastodonRequestError('malformed', 'the instance did not say its domain (/api/v2/instance, /api/v1/instance)', '/api/v1/instance');
  return d;
}
