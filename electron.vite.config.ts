import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Same as renderer/vite.config.ts: the dev server's React refresh preamble is an inline script,
 * which the strict CSP meta tag in renderer/index.html forbids. Relaxed for `dev` only.
 */
function devCsp(): Plugin {
  return {
    name: 'newsroom-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      // package.json dependencies stay in node_modules (electron-builder packs them); better-sqlite3
      // above all must, since its .node binary cannot be bundled. Listed explicitly so it stays
      // external even if the dependency list changes.
      externalizeDeps: true,
      lib: { entry: path('./electron/main/index.ts') },
      rolldownOptions: { external: ['better-sqlite3'] },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot import or require other files: bundle everything it uses
      // (shared/ constants) into one CommonJS file; only 'electron' stays external.
      externalizeDeps: false,
      lib: { entry: path('./electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  },
  renderer: {
    // Mirrors renderer/vite.config.ts (the build the hub serves): React, relative asset URLs.
    root: path('./renderer'),
    base: './',
    plugins: [react(), devCsp()],
    build: {
      outDir: path('./out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: path('./renderer/index.html') },
    },
  },
});
