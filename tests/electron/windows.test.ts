import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-url.js';
import { hardenedWebPreferences } from '../../electron/main/window-options.js';
import { parseBridgeConfigArg } from '../../electron/preload/bridge-config.js';

/** Records every BrowserWindow the code under test creates; no Electron binary involved. */
const created: Array<{ options: Record<string, unknown>; loaded: string[]; shown: boolean }> = [];

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly record: (typeof created)[number];
    readonly webContents = { on: vi.fn(), reload: vi.fn() };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], shown: false };
      created.push(this.record);
    }
    once(event: string, fn: () => void) {
      if (event === 'ready-to-show') fn();
    }
    show() {
      this.record.shown = true;
    }
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  }
  return { BrowserWindow };
});

const { createAppWindow } = await import('../../electron/main/windows.js');
const { applySessionPolicy, hardenWebContents } = await import('../../electron/main/session-policy.js');

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(() => {
  created.length = 0;
});

describe('createAppWindow', () => {
  it('creates a hardened wall kiosk on #/wall with its bridge config', () => {
    createAppWindow('wall', {
      preloadPath: '/out/preload/index.cjs',
      devServerUrl: null,
      devTools: false,
      bridgeConfig: (kind) => ({ mode: 'solo', hubUrl: null, wall: kind === 'wall' }),
      log,
    });
    const [win] = created;
    expect(win!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(win!.options.webPreferences).toMatchObject(hardenedWebPreferences('/out/preload/index.cjs'));
    expect(win!.loaded).toEqual(['app://newsroom/index.html#/wall?kiosk=1']);
    const args = (win!.options.webPreferences as { additionalArguments: string[] }).additionalArguments;
    expect(parseBridgeConfigArg(args)).toEqual({ mode: 'solo', hubUrl: null, wall: true });
    expect(win!.shown).toBe(true);
  });

  it('loads the dev server when given one', () => {
    createAppWindow('desk', { preloadPath: '/p.cjs', devServerUrl: 'http://localhost:5173', devTools: true, bridgeConfig: () => ({ mode: 'solo', hubUrl: null, wall: false }), log });
    expect(created[0]!.loaded).toEqual(['http://localhost:5173/#/desk']);
  });
});

/** A webContents stand-in that keeps the handlers so the test can fire them. */
function fakeWebContents() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  return {
    on(event: string, fn: (...args: unknown[]) => void) {
      handlers.set(event, fn);
    },
    setWindowOpenHandler(fn: (details: { url: string }) => unknown) {
      openHandler = fn;
    },
    fire(event: string, url?: string) {
      const e = { preventDefault: vi.fn() };
      handlers.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('hardenWebContents', () => {
  const ctx = () => ({ origins: new Set([APP_ORIGIN]), csp: "default-src 'none'", openExternal: vi.fn(), log });

  it('blocks navigation and redirects away from the app, and every webview', () => {
    const contents = fakeWebContents();
    const c = ctx();
    hardenWebContents(contents as never, c);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://newsroom/index.html#/desk')).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(c.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window, sending http(s) links to the browser', () => {
    const contents = fakeWebContents();
    const c = ctx();
    hardenWebContents(contents as never, c);
    expect(contents.open('https://mastodon.social/@a/1')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.open('app://newsroom/index.html')).toEqual({ action: 'deny' });
    expect(c.openExternal.mock.calls).toEqual([['https://mastodon.social/@a/1']]);
  });
});

describe('applySessionPolicy', () => {
  it('refuses permissions outside the allowlist and adds the CSP to our responses only', () => {
    let request: ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void) | null = null;
    let check: ((wc: unknown, permission: string, origin: string) => boolean) | null = null;
    let device: (() => boolean) | null = null;
    let headers: ((details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
    };
    applySessionPolicy(session as never, { origins: new Set([APP_ORIGIN]), csp: 'CSP', openExternal: vi.fn(), log });

    const answer = (permission: string, url: string) => {
      let granted: boolean | null = null;
      request!(null, permission, (ok) => (granted = ok), { requestingUrl: url });
      return granted;
    };
    expect(answer('media', 'app://newsroom/index.html')).toBe(false);
    expect(answer('geolocation', 'app://newsroom/index.html')).toBe(false);
    expect(answer('notifications', 'app://newsroom/index.html')).toBe(true);
    expect(answer('notifications', 'https://evil.example/')).toBe(false);
    expect(check!(null, 'media', 'app://newsroom')).toBe(false);
    expect(device!()).toBe(false);

    const got: unknown[] = [];
    headers!({ url: 'app://newsroom/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => got.push(r));
    headers!({ url: 'https://cdn.example/avatar.png', responseHeaders: {} }, (r) => got.push(r));
    expect(got).toEqual([{ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['CSP'] } }, {}]);
  });
});
