import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowKind } from './app-url.js';

/**
 * The renderer shows text and HTML written by strangers on the internet, so it gets no Node, no
 * Electron, its own JS world (contextIsolation), Chromium's OS sandbox, and nothing that loosens
 * the web's same-origin rules. The preload is the only way out (see electron/preload).
 */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Spellcheck would send typed replies to the OS/dictionary service and is noise on the wall.
    spellcheck: false,
    // A file dropped on the window must not replace the app with that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export interface WindowExtras {
  /** Passed to the renderer's process.argv; the preload reads its BridgeConfig from there. */
  additionalArguments?: string[];
  /** DevTools only in unpackaged (dev) runs. */
  devTools?: boolean;
}

export function windowOptions(kind: WindowKind, preloadPath: string, extras: WindowExtras = {}): BrowserWindowConstructorOptions {
  const webPreferences: WebPreferences = {
    ...hardenedWebPreferences(preloadPath),
    additionalArguments: extras.additionalArguments ?? [],
    devTools: extras.devTools ?? false,
  };
  const common: BrowserWindowConstructorOptions = {
    title: 'Newsroom',
    // Shown on ready-to-show, so nobody sees a white flash or a half-painted wall.
    show: false,
    backgroundColor: '#101418',
    autoHideMenuBar: true,
  };
  if (kind === 'wall') {
    return {
      ...common,
      title: 'Newsroom wall',
      kiosk: true,
      fullscreen: true,
      frame: false,
      // The wall is always on and must keep its timers running even when nothing moves.
      webPreferences: { ...webPreferences, backgroundThrottling: false },
    };
  }
  return { ...common, width: 1440, height: 900, minWidth: 960, minHeight: 600, webPreferences };
}
