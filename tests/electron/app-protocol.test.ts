import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/clock.js';
import { localAdmin, openDataDir } from '../../electron/engine/index.js';
import { handleAppProtocol, registerAppScheme } from '../../electron/main/app-protocol.js';

const tmp = mkdtempSync(join(tmpdir(), 'nr-main-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('app:// protocol', () => {
  const renderer = join(tmp, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp, 'secret.txt'), 'do not serve');

  let handler: ((req: Request) => Promise<Response>) | null = null;
  handleAppProtocol({ handle: (_scheme: string, fn: (req: Request) => Promise<Response>) => (handler = fn) } as never, renderer, 'CSP-HERE');

  it('registers app as a standard, secure scheme and nothing more', () => {
    let schemes: unknown = null;
    registerAppScheme({ registerSchemesAsPrivileged: (s: unknown) => (schemes = s) } as never);
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  // Node's Request accepts only http(s) URLs, so the handler gets a stand-in with the app:// url.
  const call = (url: string, method = 'GET') => handler!({ url, method } as Request);

  it('serves the renderer with the CSP and the right type', async () => {
    const res = await call('app://newsroom/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe('CSP-HERE');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('id="root"');
    expect((await call('app://newsroom/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 404 outside the renderer dir or for missing files, 405 for writes', async () => {
    expect((await call('app://newsroom/%2e%2e/secret.txt')).status).toBe(404);
    expect((await call('app://newsroom/..%2fsecret.txt')).status).toBe(404);
    expect((await call('app://newsroom/missing.js')).status).toBe(404);
    expect((await call('app://other/index.html')).status).toBe(404);
    const post = await call('app://newsroom/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe('CSP-HERE');
  });
});

describe('solo-mode local user (the data-dir bootstrap shared with the hub)', () => {
  it('creates admin once, with its token in admin.token (0600)', () => {
    const dir = join(tmp, 'data');
    const first = openDataDir(dir, { clock: systemClock });
    const token = readFileSync(join(dir, 'admin.token'), 'utf8').trim();
    try {
      expect(first.adminToken).toBe(token);
      expect(localAdmin(first.store)).toEqual({ name: 'admin', role: 'admin' });
      if (process.platform !== 'win32') expect(statSync(join(dir, 'admin.token')).mode & 0o777).toBe(0o600);
      expect(first.store.users.count()).toBe(1);
    } finally {
      first.store.close();
    }
    const again = openDataDir(dir, { clock: systemClock });
    try {
      expect(again.adminToken).toBeNull();
      expect(localAdmin(again.store)).toEqual({ name: 'admin', role: 'admin' });
      expect(again.store.users.count()).toBe(1);
      expect(readFileSync(join(dir, 'admin.token'), 'utf8').trim()).toBe(token);
    } finally {
      again.store.close();
    }
  });
});
