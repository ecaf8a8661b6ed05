const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Which browser origins may open the hub's WebSocket. A page from anywhere else (a foreign site
 * the user happens to visit) is refused before auth. On loopback the own origins are fixed, so a
 * DNS-rebound name is refused too; a hub bound to a LAN address also accepts the page it served
 * itself (Origin equal to the Host it was reached by).
 */
export function originAllowed(
  origin: string | undefined,
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
  boundHost: string,
): boolean {
  // Non-browser clients (CLI tools, tests, the desktop app's main process) send no Origin.
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  if (!LOOPBACK.has(boundHost) && hostHeader && origin === `http://${hostHeader}`) return true;
  return false;
}

export function ownOrigins(host: string, port: number, extra: readonly string[]): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  if (host === '0.0.0.0' || host === '::') names.delete(host);
  const out = new Set<string>();
  for (const n of names) out.add(`http://${n.includes(':') && !n.startsWith('[') ? `[${n}]` : n}:${port}`);
  // The desktop app's renderer in --hub mode: a browser page can never claim this origin.
  out.add('app://newsroom');
  for (const e of extra) out.add(e.replace(/\/+$/, ''));
  return out;
}
