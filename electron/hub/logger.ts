import type { Logger } from '../engine/index.js';

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`;
  return {
    info: (m, d) => {
      if (!quiet) console.log(line('info', m, d));
    },
    warn: (m, d) => console.warn(line('warn', m, d)),
    error: (m, d) => console.error(line('error', m, d)),
  };
}
