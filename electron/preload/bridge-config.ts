import type { BridgeConfig } from '../../shared/bridge.js';

/**
 * Main hands each window its BridgeConfig through webPreferences.additionalArguments, which show
 * up in the sandboxed preload's process.argv. URI-encoded so quotes and spaces survive every
 * platform's command-line handling unchanged.
 */
export const CONFIG_ARG_PREFIX = '--newsroom-config=';

export const DEFAULT_BRIDGE_CONFIG: BridgeConfig = Object.freeze({ mode: 'solo', hubUrl: null, wall: false });

export function encodeBridgeConfigArg(config: BridgeConfig): string {
  return `${CONFIG_ARG_PREFIX}${encodeURIComponent(JSON.stringify(config))}`;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The config from argv, or null when it is missing or malformed (never a half-valid config). */
export function parseBridgeConfigArg(argv: readonly string[]): BridgeConfig | null {
  const arg = argv.find((a) => a.startsWith(CONFIG_ARG_PREFIX));
  if (!arg) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(decodeURIComponent(arg.slice(CONFIG_ARG_PREFIX.length)));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { mode, hubUrl, wall } = raw as Record<string, unknown>;
  if (typeof wall !== 'boolean') return null;
  if (mode === 'solo' && hubUrl === null) return { mode, hubUrl: null, wall };
  if (mode === 'hub' && typeof hubUrl === 'string' && isHttpUrl(hubUrl)) return { mode, hubUrl, wall };
  return null;
}
