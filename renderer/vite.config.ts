import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server's React refresh preamble is an inline script, which the strict CSP in index.html
 * forbids. Relax script-src for `vite` (dev) only; the built page keeps the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'newsroom-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

const hub = process.env.NEWSROOM_HUB ?? 'http://127.0.0.1:4780';

export default defineConfig({
  root,
  // Relative asset URLs: the same build is served by the hub at / and loaded by Electron from file://.
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': {
        target: hub,
        ws: true,
        changeOrigin: true,
        // The hub refuses WebSockets from foreign origins; through this dev proxy, speak as the hub.
        configure: (proxy) => {
          proxy.on('proxyReqWs', (req) => req.setHeader('origin', hub));
        },
      },
    },
  },
});
