import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences, windowOptions } from '../../electron/main/window-options.js';

const PRELOAD = '/app/out/preload/index.cjs';

describe('hardenedWebPreferences', () => {
  const prefs = hardenedWebPreferences(PRELOAD);

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(prefs).toHaveProperty(key, value);
  });

  it('uses the given preload and enables nothing risky', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('partition');
  });
});

describe('windowOptions', () => {
  it.each(['desk', 'wall'] as const)('%s window keeps every hardened preference', (kind) => {
    const opts = windowOptions(kind, PRELOAD, { additionalArguments: ['--newsroom-config=x'] });
    expect(opts.webPreferences).toMatchObject(hardenedWebPreferences(PRELOAD));
    expect(opts.webPreferences?.additionalArguments).toEqual(['--newsroom-config=x']);
    expect(opts.show).toBe(false);
  });

  it('has no devtools unless asked (dev runs only)', () => {
    expect(windowOptions('desk', PRELOAD).webPreferences?.devTools).toBe(false);
    expect(windowOptions('desk', PRELOAD, { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('makes the wall a fullscreen kiosk that keeps running in the background', () => {
    const wall = windowOptions('wall', PRELOAD);
    expect(wall).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(wall.webPreferences?.backgroundThrottling).toBe(false);
  });

  it('makes the desk a normal resizable window', () => {
    const desk = windowOptions('desk', PRELOAD);
    expect(desk.kiosk).toBeUndefined();
    expect(desk.width).toBeGreaterThan(0);
    expect(desk.minWidth).toBeGreaterThan(0);
  });
});
