import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-url.js';
import { contentSecurityPolicy } from '../../electron/main/csp.js';
import { handleWindowOpen, navigationAllowed, permissionAllowed, withCsp } from '../../electron/main/web-policy.js';

const origins = new Set([APP_ORIGIN]);
const devOrigins = new Set([APP_ORIGIN, 'http://localhost:5173']);

describe('navigation', () => {
  it('allows the app itself (any route, any file)', () => {
    expect(navigationAllowed('app://newsroom/index.html#/wall', origins)).toBe(true);
    expect(navigationAllowed('http://localhost:5173/#/desk', devOrigins)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/', // the dev server is not ours in a packaged run
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('blocks %s', (url) => {
    expect(navigationAllowed(url, origins)).toBe(false);
  });
});

describe('window.open', () => {
  it('always denies a new window and hands http(s) links to the browser', () => {
    const open = vi.fn();
    expect(handleWindowOpen('https://mastodon.social/@brand/1', open)).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://mastodon.social/@brand/1');
  });

  it.each(['javascript:alert(1)', 'file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'app://newsroom/index.html', ''])(
    'denies %s without opening anything',
    (url) => {
      const open = vi.fn();
      expect(handleWindowOpen(url, open)).toEqual({ action: 'deny' });
      expect(open).not.toHaveBeenCalled();
    },
  );
});

describe('permissions', () => {
  it('grants only the short allowlist, only to our origin', () => {
    expect(permissionAllowed('notifications', 'app://newsroom/index.html', origins)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://newsroom/', origins)).toBe(true);
    expect(permissionAllowed('notifications', 'https://evil.example/', origins)).toBe(false);
  });

  it.each(['media', 'geolocation', 'openExternal', 'clipboard-read', 'hid', 'usb', 'serial', 'midiSysex', 'display-capture', 'unknown'])(
    'refuses %s even to the app',
    (permission) => {
      expect(permissionAllowed(permission, 'app://newsroom/index.html', origins)).toBe(false);
    },
  );
});

describe('content security policy', () => {
  it('allows only our own scripts and no plugins, frames or base tricks', () => {
    const csp = contentSecurityPolicy({ hubUrl: null, devServerUrl: null });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it('lets hub mode connect to the one hub only (http and ws)', () => {
    const csp = contentSecurityPolicy({ hubUrl: 'https://hub.example:4780/team', devServerUrl: null });
    expect(csp).toContain("connect-src 'self' https://hub.example:4780 wss://hub.example:4780;");
  });

  it('shows post images from any https server, and plain http only from this machine (a demo sandbox)', () => {
    const img = contentSecurityPolicy({ hubUrl: null, devServerUrl: null }).split('; ').find((d) => d.startsWith('img-src'));
    expect(img).toBe("img-src 'self' https: http://127.0.0.1:* http://localhost:* data: blob:");
  });

  it('relaxes scripts for the dev server only', () => {
    const csp = contentSecurityPolicy({ hubUrl: null, devServerUrl: 'http://localhost:5173' });
    expect(csp).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(csp).toContain('ws://localhost:5173');
  });

  it('replaces any CSP a response brings', () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, "default-src 'none'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });
});
