import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentTypeFor, devServerUrlFrom, entryUrl, originOf, resolveAppFile } from '../../electron/main/app-url.js';
import { parseLaunchArgs } from '../../electron/main/args.js';

describe('launch arguments', () => {
  it('defaults to a solo desk', () => {
    expect(parseLaunchArgs(['/usr/bin/electron', '.'])).toEqual({ ok: true, options: { mode: 'solo', hubUrl: null, wall: false, dataDir: null } });
  });

  it('reads --wall, --hub URL, --hub=URL and --data DIR among Chromium switches', () => {
    expect(parseLaunchArgs(['newsroom', '--no-sandbox', '--wall', '--hub', 'http://10.0.0.5:4780/'])).toEqual({
      ok: true,
      options: { mode: 'hub', hubUrl: 'http://10.0.0.5:4780', wall: true, dataDir: null },
    });
    expect(parseLaunchArgs(['newsroom', '--hub=https://hub.example/team/?x=1#y'])).toMatchObject({ ok: true, options: { hubUrl: 'https://hub.example/team' } });
    expect(parseLaunchArgs(['newsroom', '--data', '/tmp/desk'])).toMatchObject({ ok: true, options: { dataDir: '/tmp/desk', mode: 'solo' } });
  });

  it.each([
    ['a missing hub URL', ['x', '--hub']],
    ['a flag instead of a URL', ['x', '--hub', '--wall']],
    ['a ws: hub', ['x', '--hub', 'ws://10.0.0.5:4780']],
    ['a file: hub', ['x', '--hub', 'file:///etc']],
    ['credentials', ['x', '--hub', 'http://user:pw@hub:4780']],
    ['garbage', ['x', '--hub', 'hub:4780 nope']],
    ['a missing data dir', ['x', '--data']],
    ['--data with --hub', ['x', '--data', '/d', '--hub', 'http://h:1']],
  ])('rejects %s with a message', (_name, argv) => {
    const parsed = parseLaunchArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(10);
  });
});

describe('app URLs', () => {
  it('rebuilds origins for custom schemes (Node says "null")', () => {
    expect(new URL('app://newsroom/x').origin).toBe('null');
    expect(originOf('app://newsroom/index.html#/wall')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/#/desk')).toBe('http://localhost:5173');
    expect(originOf('file:///tmp/index.html')).toBeNull();
    expect(originOf('nope')).toBeNull();
  });

  it('starts windows on their hash route', () => {
    expect(entryUrl('wall', null)).toBe('app://newsroom/index.html#/wall?kiosk=1');
    expect(entryUrl('desk', 'http://localhost:5173/')).toBe('http://localhost:5173/#/desk');
  });

  it('uses the dev server only in unpackaged runs and only on loopback', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173');
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example' }, false)).toBeNull();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'file:///tmp' }, false)).toBeNull();
    expect(devServerUrlFrom({}, false)).toBeNull();
  });
});

describe('app:// file mapping', () => {
  const root = resolve('/srv/out/renderer');

  it('maps paths inside the renderer directory', () => {
    expect(resolveAppFile(root, 'app://newsroom/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://newsroom/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://newsroom/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://newsroom/assets/a%20b.png')).toBe(join(root, 'assets', 'a b.png'));
  });

  it.each([
    'app://newsroom/../../etc/passwd',
    'app://newsroom/%2e%2e/%2e%2e/etc/passwd',
    'app://newsroom/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://newsroom/..%5c..%5cwindows%5csystem32',
    'app://newsroom/index.html%00.png',
    'app://newsroom/%E0%A4%A',
    'app://other/index.html',
    'file:///srv/out/renderer/index.html',
    'not a url',
  ])('never leaves the renderer directory for %s', (url) => {
    // The URL parser already folds `..` (and %2e%2e); what survives decoding is checked again.
    const file = resolveAppFile(root, url);
    if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
  });

  it.each(['app://newsroom/..%2f..%2fetc%2fpasswd', 'app://newsroom/..%5c..%5cx', 'app://newsroom/a%00b', 'app://newsroom/%E0%A4%A', 'app://other/index.html', 'file:///srv/out/renderer/index.html'])(
    'refuses %s outright',
    (url) => {
      if (url.includes('%5c') && sep === '/') return; // a backslash is an ordinary file-name character on POSIX
      expect(resolveAppFile(root, url)).toBeNull();
    },
  );

  it('serves known types with their content type', () => {
    expect(contentTypeFor('x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x/unknown.bin')).toBe('application/octet-stream');
  });
});
