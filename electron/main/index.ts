import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, powerSaveBlocker, protocol, safeStorage, session, shell } from 'electron';
import { systemClock } from '../../shared/clock.js';
import { createEngine, localAdmin, openDataDir, type Engine, type Store } from '../engine/index.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { APP_ORIGIN, devServerUrlFrom, entryUrl, originOf, type WindowKind } from './app-url.js';
import { initialWindowKind, parseLaunchArgs, type LaunchOptions } from './args.js';
import { contentSecurityPolicy } from './csp.js';
import { registerOpenExternal, registerRpc, registerUnavailableRpc } from './ipc.js';
import { alertRouteUrl, watchAlerts, type AlertNotifier } from './alert-notifications.js';
import { watchFreeze } from './freeze-notifications.js';
import { watchSla } from './sla-notifications.js';
import { createHubTokenStore, registerHubToken } from './hub-token.js';
import { consoleLogger } from './logger.js';
import { safeOpenExternal } from './open-external.js';
import { createSafeStorageSecrets } from './secrets.js';
import { createSenderCheck } from './sender-check.js';
import { applySessionPolicy, hardenWebContents, type PolicyContext } from './session-policy.js';
import { describeStartupError, runShutdown } from './shutdown.js';
import { createAppWindow } from './windows.js';

const log = consoleLogger();
const here = dirname(fileURLToPath(import.meta.url));
// electron-vite output layout: out/main/index.js, out/preload/index.cjs, out/renderer/.
const PRELOAD_PATH = join(here, '../preload/index.cjs');
const RENDERER_DIR = join(here, '../renderer');

const windows = new Map<WindowKind, BrowserWindow>();
const disposers: Array<() => void> = [];
let engine: Engine | null = null;
let store: Store | null = null;
let started = false;
let quitState: 'running' | 'stopping' | 'done' = 'running';

function fail(title: string, message: string, code: number): void {
  log.error(`${title}: ${message}`);
  // Safe before 'ready' (on Linux it then prints to stderr instead of showing a dialog).
  dialog.showErrorBox(title, message);
  app.exit(code);
}

function isOurWebContents(id: number): boolean {
  for (const win of windows.values()) if (!win.isDestroyed() && win.webContents.id === id) return true;
  return false;
}

function openWindow(kind: WindowKind, options: LaunchOptions, devServerUrl: string | null): void {
  const existing = windows.get(kind);
  if (existing && !existing.isDestroyed()) {
    if (existing.isMinimized()) existing.restore();
    existing.focus();
    return;
  }
  const win = createAppWindow(kind, {
    preloadPath: PRELOAD_PATH,
    devServerUrl,
    devTools: !app.isPackaged,
    bridgeConfig: (k) => ({ mode: options.mode, hubUrl: options.hubUrl, wall: k === 'wall' }),
    log,
  });
  windows.set(kind, win);
  // The wall is a display on the team-room wall: the screen must not go to sleep under it.
  const blocker = kind === 'wall' ? powerSaveBlocker.start('prevent-display-sleep') : null;
  win.on('closed', () => {
    if (windows.get(kind) === win) windows.delete(kind);
    if (blocker !== null) powerSaveBlocker.stop(blocker);
  });
}

/** Notifications are kept referenced until closed: one garbage-collected early loses its click. */
const liveNotifications = new Set<Notification>();

function alertNotifier(): AlertNotifier {
  return {
    isSupported: () => Notification.isSupported(),
    show(options, onClick) {
      const n = new Notification(options);
      liveNotifications.add(n);
      n.on('click', () => {
        liveNotifications.delete(n);
        onClick();
      });
      n.on('close', () => liveNotifications.delete(n));
      n.show();
    },
    beep: () => shell.beep(),
  };
}

async function start(options: LaunchOptions): Promise<void> {
  const devServerUrl = devServerUrlFrom(process.env, app.isPackaged);
  const origins = new Set([APP_ORIGIN, ...(devServerUrl ? [originOf(devServerUrl)!] : [])]);
  const csp = contentSecurityPolicy({ hubUrl: options.hubUrl, devServerUrl });
  const openExternal = (url: unknown) => safeOpenExternal(url, (u) => shell.openExternal(u));
  const policy: PolicyContext = {
    origins,
    csp,
    log,
    openExternal: (url) => {
      openExternal(url).catch((err: unknown) => log.warn('link not opened', { url, error: String(err) }));
    },
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
  handleAppProtocol(protocol, RENDERER_DIR, csp);
  applySessionPolicy(session.defaultSession, policy);

  const allowedSender = createSenderCheck({ origins, isOurWebContents });
  disposers.push(registerOpenExternal(ipcMain, allowedSender, openExternal, log));

  if (options.mode === 'solo') {
    const dataDir = resolve(options.dataDir ?? join(app.getPath('userData'), 'data'));
    try {
      // The same bootstrap as a hub's: owner-only files, the admin and its token in DIR/admin.token,
      // so the data dir can later be served by `npm run hub -- --data DIR` and the token still works.
      store = openDataDir(dataDir, { clock: systemClock }).store;
      const user = localAdmin(store);
      // Not the hub's secrets.json (plain text, 0600): a data dir may later be served by a hub.
      const secrets = createSafeStorageSecrets(join(dataDir, 'secrets.safe-storage.json'), safeStorage);
      engine = createEngine({ clock: systemClock, store, http: fetch, secrets, log });
      await engine.start();
      disposers.push(registerRpc(ipcMain, engine, () => user, allowedSender, log));
      const { freeze } = await engine.call(user, 'freeze.get', {});
      disposers.push(
        watchFreeze(engine, freeze, (n) => {
          if (!Notification.isSupported()) return;
          new Notification({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal', timeoutType: n.urgent ? 'never' : 'default' }).show();
        }),
        // issue 12: the SLA escalation to the lead (solo mode: the local admin is the lead).
        watchSla(engine, (n) => {
          if (Notification.isSupported()) new Notification({ title: n.title, body: n.body, urgency: 'critical' }).show();
        }),
        // issue 11: warning and crisis alerts, with sound; a click opens the alert on the desk.
        watchAlerts(engine, alertNotifier(), (id) => {
          openWindow('desk', options, devServerUrl);
          const desk = windows.get('desk');
          if (!desk || desk.isDestroyed()) return;
          const current = desk.webContents.getURL() || entryUrl('desk', devServerUrl);
          desk.loadURL(alertRouteUrl(current, id)).catch((err: unknown) => log.warn('alert not opened', { error: String(err) }));
        }),
      );
      log.info('solo mode', { dataDir });
    } catch (err) {
      throw new Error(describeStartupError(err, dataDir), { cause: err });
    }
  } else {
    disposers.push(
      registerUnavailableRpc(ipcMain, allowedSender, `This window is connected to the hub at ${options.hubUrl}: calls go over its WebSocket, not IPC.`),
    );
    const tokenFile = join(app.getPath('userData'), 'hub-token.safe-storage.json');
    disposers.push(registerHubToken(ipcMain, allowedSender, createHubTokenStore(createSafeStorageSecrets(tokenFile, safeStorage), options.hubUrl!), log));
    log.info('hub mode', { hubUrl: options.hubUrl });
  }

  started = true;
  openWindow(initialWindowKind(options), options, devServerUrl);

  app.on('second-instance', (_event, argv) => {
    // One process per data dir (SQLite has one writer): a second launch opens its window here.
    const again = parseLaunchArgs(argv);
    if (started) openWindow(again.ok && again.options.wall ? 'wall' : 'desk', options, devServerUrl);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(initialWindowKind(options), options, devServerUrl);
  });
}

function main(): void {
  const parsed = parseLaunchArgs(process.argv);
  if (!parsed.ok) {
    fail('Newsroom: bad command line', parsed.error, 2);
    return;
  }
  const options = parsed.options;
  // --data also moves the Chromium profile (where the renderer keeps its replica) and the
  // single-instance lock, so two data dirs never share a replica or block each other.
  if (options.dataDir) app.setPath('userData', join(resolve(options.dataDir), 'profile'));
  // Sandbox every renderer, including any the app did not create itself.
  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    void runShutdown(
      [
        { name: 'IPC', run: () => disposers.splice(0).forEach((dispose) => dispose()) },
        { name: 'engine', run: () => engine?.stop() },
        { name: 'store', run: () => store?.close() },
      ],
      log,
    ).finally(() => {
      quitState = 'done';
      app.quit();
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(() => start(options))
    .catch((err: unknown) => fail('Newsroom could not start', err instanceof Error ? err.message : String(err), 1));
}

main();
