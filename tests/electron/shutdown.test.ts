import { describe, expect, it, vi } from 'vitest';
import { describeStartupError, runShutdown } from '../../electron/main/shutdown.js';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('runShutdown', () => {
  it('runs every step in order even when one fails or hangs', async () => {
    const order: string[] = [];
    const l = log();
    await runShutdown(
      [
        { name: 'ipc', run: () => void order.push('ipc') },
        {
          name: 'engine',
          run: () => {
            order.push('engine');
            throw new Error('stop failed');
          },
        },
        { name: 'hang', run: () => new Promise<void>(() => order.push('hang')) },
        { name: 'store', run: () => void order.push('store') },
      ],
      l,
      20,
    );
    expect(order).toEqual(['ipc', 'engine', 'hang', 'store']);
    expect(l.error).toHaveBeenCalledTimes(1);
    expect(l.warn).toHaveBeenCalledTimes(1);
  });
});

describe('describeStartupError', () => {
  it('explains a better-sqlite3 built for the wrong ABI', () => {
    const msg = describeStartupError(
      new Error('The module better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.'),
      '/d',
    );
    expect(msg).toMatch(/electron-builder install-app-deps/);
  });

  it('explains a data dir in use', () => {
    expect(describeStartupError(new Error('SQLITE_BUSY: database is locked'), '/data')).toMatch(/\/data/);
  });

  it('passes other errors through', () => {
    expect(describeStartupError('weird', null)).toBe('weird');
  });
});
