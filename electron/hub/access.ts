import { hostname, networkInterfaces } from 'node:os';

const WILDCARD = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** How long the machine's own addresses are trusted before they are read again (DHCP, Wi-Fi). */
const INTERFACES_TTL_MS = 30_000;

/** A host as it appears in a Host header or URL: lower case, IPv6 in brackets, no port. */
function normalName(name: string): string {
  const n = name.toLowerCase();
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/** The host name of a Host header value ("evil.example:4780" → "evil.example"), or null when it is not one. */
export function hostNameOf(hostHeader: string): string | null {
  try {
    const u = new URL(`http://${hostHeader}`);
    if (u.username || u.password || u.pathname !== '/' || u.search || u.hash) return null;
    return u.hostname.toLowerCase();
  } catch {
    return null;
  }
}

function originOf(url: string): { origin: string; host: string } | null {
  try {
    const u = new URL(url);
    return { origin: u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin, host: u.hostname.toLowerCase() };
  } catch {
    return null;
  }
}

export interface HubAccess {
  /**
   * Whether a request's Host names this hub: the bound host (all of this machine's addresses and
   * its host name when bound to 0.0.0.0 or ::), localhost, and the hosts of --origin URLs. Anything
   * else is a DNS-rebound name (a foreign page that made its own name resolve to this hub) or a
   * misdirected request. A request without Host (HTTP/1.0 tools) is not a browser's.
   */
  hostAllowed(hostHeader: string | undefined): boolean;
  /**
   * Whether a browser page from `origin` may open the WebSocket: a configured origin, the desktop
   * app, or a page this hub served itself (Origin = http(s)://<Host>, the Host already allowed).
   * Non-browser clients send no Origin.
   */
  originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean;
  /** The CSP `connect-src` sources: the hub itself and the configured origins (http and ws forms). */
  connectSources(): string[];
}

/** `port`: the port the hub listens on (known once it listens). */
export function hubAccess(boundHost: string, extraOrigins: readonly string[], port: () => number, now: () => number = Date.now): HubAccess {
  const extras = extraOrigins.map(originOf).filter((o): o is { origin: string; host: string } => o !== null);
  const extraOriginSet = new Set(extras.map((e) => e.origin));
  const fixed = new Set([...LOOPBACK_NAMES, ...extras.map((e) => normalName(e.host))]);
  const wildcard = WILDCARD.has(boundHost);
  if (!wildcard) fixed.add(normalName(boundHost));

  let machine = new Set<string>();
  let readAt = -Infinity;
  const machineNames = (): Set<string> => {
    if (!wildcard) return machine;
    if (now() - readAt > INTERFACES_TTL_MS) {
      const names = new Set<string>([normalName(hostname())]);
      for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(normalName(a.address.replace(/%.*$/, '')));
      machine = names;
      readAt = now();
    }
    return machine;
  };

  const hostAllowed = (hostHeader: string | undefined): boolean => {
    if (hostHeader === undefined) return true;
    const name = hostNameOf(hostHeader);
    if (name === null) return false;
    const n = normalName(name);
    return fixed.has(n) || machineNames().has(n);
  };

  return {
    hostAllowed,
    originAllowed(origin, hostHeader) {
      if (origin === undefined) return true;
      if (extraOriginSet.has(origin) || origin === 'app://newsroom') return true;
      // Behind a reverse proxy the page's origin is the name the proxy was reached by.
      if (hostHeader && (origin === `http://${hostHeader}` || origin === `https://${hostHeader}`) && hostAllowed(hostHeader)) return true;
      // The hub's own page under another of its names (opened on localhost, connecting to 127.0.0.1).
      let u: URL;
      try {
        u = new URL(origin);
      } catch {
        return false;
      }
      return u.protocol === 'http:' && u.origin === origin && Number(u.port || 80) === port() && hostAllowed(u.host);
    },
    connectSources() {
      const out = ["'self'"];
      for (const { origin } of extras) {
        if (!/^https?:\/\//.test(origin)) continue;
        out.push(origin, origin.replace(/^http/, 'ws'));
      }
      return out;
    },
  };
}
