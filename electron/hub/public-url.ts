/**
 * The address people reach the hub at (behind a proxy or on another name than it listens on),
 * for the links in alert messages: `--public-url URL`, else NEWSROOM_PUBLIC_URL, else the hub's
 * own listen address.
 */

/** "https://newsroom.example/" → "https://newsroom.example"; a clear error for anything that can't be a link's base. */
export function parsePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`The public URL "${raw}" is not a URL: give one like https://newsroom.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The public URL must start with http:// or https:// (got ${url.protocol}).`);
  if (url.username || url.password) throw new Error('The public URL must not contain a user name or password: it is sent in every alert message.');
  if (url.search || url.hash) throw new Error('The public URL is a base address: leave out ?query and #fragment.');
  return `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
}

/** The renderer's deep link to one alert with its evidence (see renderer/src/lib/route.ts). */
export function alertLinkFor(base: string, alertId: string): string {
  return `${base}/#/alerts/${encodeURIComponent(alertId)}`;
}
