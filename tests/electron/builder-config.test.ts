import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const text = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

/** electron-builder's own YAML reader and schema validator, from its own dependencies. */
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const requireFromLib = createRequire(requireFromBuilder.resolve('app-builder-lib'));
const yaml = requireFromLib('js-yaml') as { load(text: string): unknown };
const config = yaml.load(text) as Record<string, unknown>;

const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it('sets every Electron fuse explicitly', () => {
    expect(config.electronFuses).toEqual(FUSES);
    for (const [name, value] of Object.entries(FUSES)) expect(text).toMatch(new RegExp(`^\\s+${name}: ${value}\\s*(#.*)?$`, 'm'));
  });

  it('packs the build output and scenarios, unpacks and rebuilds better-sqlite3', () => {
    expect(config).toMatchObject({ appId: expect.any(String), productName: 'Newsroom', npmRebuild: true });
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/scenarios/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/better-sqlite3.*\.node$/)]));
  });

  it('targets AppImage + deb, nsis and dmg', () => {
    expect(config).toMatchObject({ linux: { target: ['AppImage', 'deb'] }, win: { target: ['nsis'] }, mac: { target: ['dmg'] } });
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
