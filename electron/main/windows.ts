import { BrowserWindow } from 'electron';
import type { BridgeConfig } from '../../shared/bridge.js';
import type { Logger } from '../engine/index.js';
import { encodeBridgeConfigArg } from '../preload/bridge-config.js';
import { entryUrl, type WindowKind } from './app-url.js';
import { windowOptions } from './window-options.js';

export { hardenedWebPreferences, windowOptions } from './window-options.js';

export interface WindowContext {
  preloadPath: string;
  devServerUrl: string | null;
  devTools: boolean;
  bridgeConfig(kind: WindowKind): BridgeConfig;
  log: Logger;
}

const WALL_RELOAD_DELAY_MS = 3_000;

/** A desk or wall window. Navigation/window-open/webview rules come from hardenWebContents. */
export function createAppWindow(kind: WindowKind, ctx: WindowContext): BrowserWindow {
  const win = new BrowserWindow(
    windowOptions(kind, ctx.preloadPath, {
      additionalArguments: [encodeBridgeConfigArg(ctx.bridgeConfig(kind))],
      devTools: ctx.devTools,
    }),
  );
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    ctx.log.error('renderer gone', { kind, reason: details.reason, exitCode: details.exitCode });
    // Nobody sits at the wall to press reload: bring it back by itself.
    if (kind === 'wall' && details.reason !== 'clean-exit') {
      setTimeout(() => {
        if (!win.isDestroyed()) win.webContents.reload();
      }, WALL_RELOAD_DELAY_MS);
    }
  });
  win.loadURL(entryUrl(kind, ctx.devServerUrl)).catch((err: unknown) => {
    ctx.log.error('window failed to load', { kind, error: err instanceof Error ? err.message : String(err) });
  });
  return win;
}
