import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;
/** A run-time import of electron: `import … from 'electron'` (not `import type`), or `require('electron')`. */
const runtimeElectronImport = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]|\brequire\(\s*['"]electron['"]\s*\)/m;

/**
 * Only the thin wiring modules touch Electron at run time; everything with logic in it must load
 * under plain Node so these tests (and CI without an Electron binary) exercise it.
 */
const ELECTRON_WIRING = new Set(['electron/main/index.ts', 'electron/main/windows.ts', 'electron/preload/index.ts']);

describe('electron imports', () => {
  it('the pattern catches both import forms and lets type imports through', () => {
    expect("import { app } from 'electron';").toMatch(runtimeElectronImport);
    expect("const { app } = require('electron');").toMatch(runtimeElectronImport);
    expect("const e = require( \"electron\" );").toMatch(runtimeElectronImport);
    expect("import type { App } from 'electron';").not.toMatch(runtimeElectronImport);
    expect("import { x } from 'electron-vite';").not.toMatch(runtimeElectronImport);
  });

  for (const folder of ['electron/main', 'electron/preload']) {
    for (const file of readdirSync(dir(folder)).filter((f) => f.endsWith('.ts'))) {
      const path = `${folder}/${file}`;
      const wiring = ELECTRON_WIRING.has(path);
      it(`${path} ${wiring ? 'is wiring: it imports electron at run time' : 'does not import electron at run time'}`, () => {
        const source = readFileSync(join(dir(folder), file), 'utf8');
        if (wiring) expect(source).toMatch(runtimeElectronImport);
        else expect(source).not.toMatch(runtimeElectronImport);
      });
    }
  }

  it('the preload bundle cannot pull zod in (names only, types only from shared/methods)', () => {
    for (const file of readdirSync(dir('electron/preload'))) {
      const source = readFileSync(join(dir('electron/preload'), file), 'utf8');
      expect(source).not.toMatch(/^\s*import\s+(?!type\b)[^;]*from\s+['"][^'"]*shared\/methods(\.js)?['"]/m);
      expect(source).not.toMatch(/from\s+['"]zod['"]/);
    }
    // What it does import of the contract (the method-name tuple) has no zod either.
    expect(readFileSync(dir('shared/method-names.ts'), 'utf8')).not.toMatch(/\bimport\b/);
  });
});
