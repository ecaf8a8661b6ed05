import type { Logger } from '../engine/index.js';

/** One line per event on stdout/stderr; electron-vite and packaged runs both capture those. */
export function consoleLogger(prefix = 'newsroom'): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${prefix} ${level} ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`;
  return {
    info: (m, d) => console.log(line('info', m, d)),
    warn: (m, d) => console.warn(line('warn', m, d)),
    error: (m, d) => console.error(line('error', m, d)),
  };
}
