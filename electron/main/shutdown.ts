import type { Logger } from '../engine/index.js';

export interface ShutdownStep {
  name: string;
  run(): void | Promise<void>;
}

/**
 * Runs the quit steps in order (stop IPC, stop the engine so no poll or send starts, close the
 * store). A step that fails or hangs is logged and skipped: quitting must always finish, and
 * SQLite in WAL mode stays consistent even if the close never happens.
 */
export async function runShutdown(steps: readonly ShutdownStep[], log: Logger, timeoutMs = 5_000): Promise<void> {
  for (const step of steps) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((ok) => {
      timer = setTimeout(() => ok('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(() => step.run()), timeout]);
      if (outcome === 'timeout') log.warn(`shutdown: ${step.name} did not finish within ${timeoutMs} ms; quitting anyway`);
    } catch (err) {
      log.error(`shutdown: ${step.name} failed`, { error: err instanceof Error ? err.message : String(err) });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A startup failure explained for the error dialog, with the fix for the common ones. */
export function describeStartupError(err: unknown, dataDir: string | null): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/.test(message)) {
    return (
      `${message}\n\nbetter-sqlite3 is built for plain Node, not for Electron. Rebuild it for Electron with ` +
      '`npx electron-builder install-app-deps` (and `npm rebuild better-sqlite3` before running the tests or the hub again).'
    );
  }
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return `${message}\n\nAnother process (a hub, or another Newsroom) is using the data dir${dataDir ? ` ${dataDir}` : ''}. Stop it or start with --data pointing at another directory.`;
  }
  if (/EACCES|EPERM/.test(message)) {
    return `${message}\n\nNewsroom cannot write its data dir${dataDir ? ` ${dataDir}` : ''}. Check its permissions or start with --data DIR.`;
  }
  return message;
}
