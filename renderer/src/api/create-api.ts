import type { ApiTransport } from '../../../shared/api';
import type { NewsroomBridge } from '../../../shared/bridge';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport, type WebSocketCtor } from './ws-transport';

export interface ApiTarget {
  kind: 'ipc' | 'ws';
  /** Where the data comes from; with the signed-in identity it keys the local replica. */
  endpoint: string;
  /** Needed for the hub (WebSocket); the in-process engine needs none. */
  needsToken: boolean;
}

export interface CreatedApi extends ApiTarget {
  transport: ApiTransport;
  /** Identity of the data source + user: a replica filled under another key is wiped, not reused. */
  hubKey: string;
}

/** Which transport this window uses: the preload bridge in solo mode, otherwise the hub's WebSocket. */
export function resolveTarget(bridge: NewsroomBridge | undefined, location: Pick<Location, 'href'>): ApiTarget {
  if (bridge?.config.mode === 'solo') return { kind: 'ipc', endpoint: 'solo', needsToken: false };
  // In the Electron app in hub mode the page is a file:// URL, so the hub is named in the config;
  // a browser on the hub gets the page from the hub itself, so the same origin is the hub.
  const base = bridge?.config.hubUrl ?? location.href;
  let endpoint = '';
  try {
    endpoint = wsUrl(base);
  } catch {
    // Left empty: createApi says what is missing when someone actually tries to connect.
  }
  return { kind: 'ws', endpoint, needsToken: true };
}

export function wsUrl(base: string): string {
  const url = new URL('/api/ws', base);
  if (!/^(https?|wss?):$/.test(url.protocol)) throw new Error(`No hub to connect to from ${url.protocol} (is the hub URL configured?)`);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  return url.toString();
}

/**
 * FNV-1a of the token: enough to tell two identities apart in the replica key without storing the
 * token itself in IndexedDB (crypto.subtle is missing on a plain-http LAN hub, so no SHA here).
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function createApi(opts: {
  bridge: NewsroomBridge | undefined;
  location: Pick<Location, 'href'>;
  token: string | null;
  WebSocket?: WebSocketCtor;
}): CreatedApi {
  const target = resolveTarget(opts.bridge, opts.location);
  if (target.kind === 'ipc') {
    return { ...target, transport: createIpcTransport(opts.bridge!), hubKey: 'solo' };
  }
  if (!target.endpoint) throw new Error('No hub URL: start the app with --hub URL or open the wall from the hub.');
  if (!opts.token) throw new Error('A hub connection needs a token: sign in first.');
  const transport = createWsTransport({ url: target.endpoint, token: opts.token, ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}) });
  return { ...target, transport, hubKey: `${target.endpoint}#${fingerprint(opts.token)}` };
}
