import type { WindowKind } from './app-url.js';

export interface LaunchOptions {
  /** solo: engine in this process; hub: the renderer talks to `hubUrl`. */
  mode: 'solo' | 'hub';
  hubUrl: string | null;
  /** Open the wall (kiosk) instead of the desk. */
  wall: boolean;
  /** --data DIR: a data dir other than userData/data (tests, a second desk profile). */
  dataDir: string | null;
}

export type ParsedArgs = { ok: true; options: LaunchOptions } | { ok: false; error: string };

/**
 * A hub address as the renderer will use it: http(s) only, no credentials (they would end up in
 * logs and in the CSP), no query or fragment, no trailing slash.
 */
export function normalizeHubUrl(raw: string): { ok: true; url: string } | { ok: false; error: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, error: `--hub "${raw}" is not a URL: use the hub's address, e.g. http://10.0.0.5:4780` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { ok: false, error: `--hub "${raw}" must be an http:// or https:// address, e.g. http://10.0.0.5:4780` };
  }
  if (u.username || u.password) return { ok: false, error: '--hub must not contain a user name or password.' };
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.protocol}//${u.host}${path}` };
}

/**
 * Reads our flags from the process arguments. Everything else (the executable, the app path
 * electron-vite passes, Chromium switches) is ignored, so the same parser works for
 * `electron .`, `electron-vite preview -- --wall` and a packaged binary.
 */
export function parseLaunchArgs(argv: readonly string[]): ParsedArgs {
  const options: LaunchOptions = { mode: 'solo', hubUrl: null, wall: false, dataDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return null;
      i++;
      return next;
    };
    if (flag === '--wall') {
      options.wall = true;
    } else if (flag === '--hub') {
      const raw = value();
      if (!raw) return { ok: false, error: '--hub needs the hub address, e.g. --hub http://10.0.0.5:4780' };
      const hub = normalizeHubUrl(raw);
      if (!hub.ok) return hub;
      options.mode = 'hub';
      options.hubUrl = hub.url;
    } else if (flag === '--data') {
      const dir = value();
      if (!dir) return { ok: false, error: '--data needs a directory, e.g. --data ./.data/desk' };
      options.dataDir = dir;
    }
  }
  if (options.mode === 'hub' && options.dataDir) {
    return { ok: false, error: '--data and --hub do not go together: with --hub the data lives on the hub.' };
  }
  return { ok: true, options };
}

export function initialWindowKind(options: LaunchOptions): WindowKind {
  return options.wall ? 'wall' : 'desk';
}
