import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering in DESIGN is only as good as the lint that enforces it: prove the rules bite.
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import rules', () => {
  it('the engine may not import electron, react or use DOM globals', async () => {
    const msgs = await problems(
      'electron/engine/sources/x.ts',
      "import { app } from 'electron';\nimport React from 'react';\nexport const a = [app, React, window.location];\n",
    );
    expect(msgs.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(msgs.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('shared/ may not import electron', async () => {
    expect(await problems('shared/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports/),
    ]);
  });

  it('the renderer may not import from electron/', async () => {
    const msgs = await problems('renderer/src/x.ts', "import { openStore } from '../../electron/engine/store/store.js';\nexport const a = openStore;\n");
    expect(msgs).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
  });

  it('main and preload may import electron', async () => {
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('hosts reach the engine only through its public entry (electron/engine/index.ts)', async () => {
    const deep = "import { openStore } from '../engine/store/store.js';\nimport type { Logger } from '../engine/engine-types.js';\nexport const a = openStore;\nexport type L = Logger;\n";
    for (const host of ['electron/hub/x.ts', 'electron/main/x.ts', 'electron/preload/x.ts']) {
      const msgs = await problems(host, deep);
      expect(msgs, host).toHaveLength(2);
      expect(msgs.every((m) => m.startsWith('no-restricted-imports') && m.includes('public entry')), host).toBe(true);
      expect(await problems(host, "import { createEngine } from '../engine/index.js';\nexport const a = createEngine;\n"), host).toEqual([]);
    }
    // The hub keeps its other rules too.
    expect(await problems('electron/hub/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
  });
});
