import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectronReactDom = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron (DESIGN import rules).' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The engine and shared/ never import React (DESIGN import rules).' },
  ],
};

// Hosts (hub, Electron main and preload) see the engine only through its one public entry.
const engineEntryOnly = {
  group: ['**/engine/**', '!**/engine/index.js'],
  message: 'Hosts import the engine only through electron/engine/index.ts, its one public entry (add what you need there).',
};

const noElectronInRenderer = {
  group: ['**/electron/**', 'electron', 'electron/*'],
  message: 'The renderer talks to the engine only through shared/ (DESIGN import rules).',
};

function rendererLayers(layers) {
  return layers.map(([files, above]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectronInRenderer,
            { group: above.map((dir) => `**/${dir}/**`), message: `Renderer layers: ${files.split('/')[2]}/ must not import from ${above.join('/, ')}/ (app → features → components → db, store → lib).` },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'bench-results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['electron/engine/**', 'shared/**', 'electron/sandbox/**'],
    rules: { 'no-restricted-imports': ['error', noElectronReactDom] },
  },
  {
    files: ['electron/hub/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noElectronReactDom.patterns, engineEntryOnly] }] },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineEntryOnly] }] },
  },
  {
    // DOM globals are the renderer's: engine, shared, hub and sandbox run in plain Node.
    files: ['electron/engine/**', 'shared/**', 'electron/hub/**', 'electron/sandbox/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'indexedDB'],
    },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectronInRenderer] }] },
  },
  // Inside the renderer imports go down only: app → features → components → db, store → lib, api.
  ...rendererLayers([
    ['renderer/src/features/**', ['app']],
    ['renderer/src/components/**', ['app', 'features']],
    ['renderer/src/db/**', ['app', 'features', 'components']],
    ['renderer/src/store/**', ['app', 'features', 'components', 'db']],
    ['renderer/src/lib/**', ['app', 'features', 'components', 'db', 'store']],
  ]),
);
