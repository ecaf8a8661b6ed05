import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Electron executable, or why there is none. Deliberately not require('electron'): from Node
 * that starts a download of the binary when it is missing.
 */
function findElectron(): { path: string } | { missing: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron npm package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (the binary was never downloaded)` };
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const exe = join(dist, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(exe)) return { missing: `${exe} does not exist` };
  return { path: exe };
}

/** What `npm run build` (electron-vite build) must have produced for the app to start. */
function missingBuild(): string | null {
  for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(root, file))) return file;
  }
  return null;
}

const found = findElectron();
// npm run test:e2e builds the app first, so on a machine with the binary this test runs.
const unbuilt = missingBuild();
const skipReason =
  'missing' in found
    ? `Electron binary not installed: ${found.missing} — run npm start on a machine with internet access once to download it`
    : unbuilt
      ? `The desktop app is not built (${unbuilt} is missing) — run npm run build first`
      : null;
if (skipReason) console.warn(`[electron.spec] skipped: ${skipReason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication | null = null;
  let dataDir = '';

  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'newsroom-electron-'));
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('solo wall: renders, hardened window, bridge exposes only the contract', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
    // Chromium refuses to start as root with its sandbox on (containers, CI); nowhere else.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args: [root, '--wall', '--data', dataDir, ...rootArgs],
      cwd: root,
      env,
    });
    const page = await app.firstWindow();

    await expect(page).toHaveURL(/^app:\/\/newsroom\/index\.html#\/wall$/);
    await expect(page.getByTestId('wall')).toBeVisible();

    const bridge = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { newsroom: Record<string, unknown> & { methods: object; config: unknown } };
      return {
        keys: Object.keys(w.newsroom).sort(),
        methods: Object.keys(w.newsroom.methods).sort(),
        config: w.newsroom.config,
        leaks: ['require', 'process', 'ipcRenderer', 'electron', 'module', 'Buffer'].filter((g) => typeof w[g] !== 'undefined'),
      };
    });
    expect(bridge.keys).toEqual(['config', 'methods', 'openExternal', 'subscribe']);
    expect(bridge.methods).toEqual(['items.list', 'me.get', 'sources.add', 'sources.list', 'sources.pause', 'sources.remove', 'sources.resume']);
    expect(bridge.config).toEqual({ mode: 'solo', hubUrl: null, wall: true });
    expect(bridge.leaks).toEqual([]);

    const replies = await page.evaluate(async () => {
      const nr = (window as unknown as { newsroom: import('../../shared/bridge.js').NewsroomBridge }).newsroom;
      return { me: await nr.methods['me.get']({}), file: await nr.openExternal('file:///etc/passwd') };
    });
    expect(replies.me).toEqual({ ok: true, result: { name: 'admin', role: 'admin' } });
    expect(replies.file).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // The webPreferences themselves are asserted in tests/electron/window-options.test.ts.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(true);

    // window.open never makes a window.
    await page.evaluate(() => window.open('app://newsroom/index.html', '_blank'));
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
