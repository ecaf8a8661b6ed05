/**
 * The path of an HTTP request target, without trusting it to be a valid URL: a request line is
 * whatever bytes someone sent (`GET //[ HTTP/1.1`, `GET http://%zz/ HTTP/1.1`). Origin form
 * (`/path?query`) is read as a path under a fixed base; absolute form (what proxies send) must
 * parse as an http(s) URL. Anything else (`*`, authority form, garbage) is not a target we serve.
 */
export function requestPath(target: string | undefined): string | null {
  const raw = target ?? '/';
  let url: URL;
  try {
    url = raw.startsWith('/') ? new URL(`http://hub.invalid${raw}`) : new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.pathname;
}

/** decodeURIComponent that answers null instead of throwing on a malformed escape (`%zz`, `%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
