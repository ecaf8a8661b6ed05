import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;
const runtimeElectronImport = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m;

/**
 * Only the thin wiring modules touch Electron at run time; everything with logic in it must load
 * under plain Node so these tests (and CI without an Electron binary) exercise it.
 */
const ELECTRON_WIRING = new Set(['electron/main/index.ts', 'electron/main/windows.ts', 'electron/preload/index.ts']);

describe('electron imports', () => {
  for (const folder of ['electron/main', 'electron/preload']) {
    for (const file of readdirSync(dir(folder)).filter((f) => f.endsWith('.ts'))) {
      const path = `${folder}/${file}`;
      it(`${path} ${ELECTRON_WIRING.has(path) ? 'may' : 'does not'} import electron at run time`, () => {
        const source = readFileSync(join(dir(folder), file), 'utf8');
        if (!ELECTRON_WIRING.has(path)) expect(source).not.toMatch(runtimeElectronImport);
      });
    }
  }

  it('the preload bundle cannot pull zod in (names only, types only from shared/methods)', () => {
    for (const file of readdirSync(dir('electron/preload'))) {
      const source = readFileSync(join(dir('electron/preload'), file), 'utf8');
      expect(source).not.toMatch(/^\s*import\s+(?!type\b)[^;]*from\s+['"][^'"]*shared\/methods(\.js)?['"]/m);
      expect(source).not.toMatch(/from\s+['"]zod['"]/);
    }
  });
});
