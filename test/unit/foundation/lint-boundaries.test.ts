import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const eslint = new ESLint({ cwd: join(__dirname, '..', '..', '..') });

/** Lints a snippet as if it lived at `path`, returning the restricted-import messages. */
async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('runtime boundaries are enforced by lint', () => {
  it('rejects electron imported from the renderer', async () => {
    const errors = await importErrors('renderer/src/app/Bad.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n");
    expect(errors.join()).toMatch(/electron/);
  });

  it('rejects main-process code imported from the renderer', async () => {
    const errors = await importErrors('renderer/src/app/Bad.tsx', "import { dispatch } from '../../../electron/core/dispatch';\nexport const x = dispatch;\n");
    expect(errors.join()).toMatch(/contract/);
  });

  it('rejects Node built-ins and electron in shared/', async () => {
    expect(await importErrors('shared/domain/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('shared/domain/bad.ts', "import fs from 'fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await importErrors('shared/domain/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
  });

  it('allows the MTurk SDK only in the gateway adapter', async () => {
    const code = "import { MTurkClient } from '@aws-sdk/client-mturk';\nexport const x = MTurkClient;\n";
    expect(await importErrors('electron/services/sync.ts', code)).toHaveLength(1);
    expect(await importErrors('electron/handlers/x.ts', code)).toHaveLength(1);
    expect(await importErrors('renderer/src/x.ts', code)).toHaveLength(1);
    expect(await importErrors('local-mturk/src/server.ts', code)).toHaveLength(1);
    expect(await importErrors('electron/mturk/sdk.ts', code)).toEqual([]);
  });

  it('keeps electron out of plain main-process modules but allows it in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await importErrors('electron/core/app-core.ts', code)).toHaveLength(1);
    expect(await importErrors('electron/shell/window.ts', code)).toEqual([]);
    expect(await importErrors('electron/main.ts', code)).toEqual([]);
  });

  it('keeps the Local MTurk independent of the workbench', async () => {
    expect(await importErrors('local-mturk/src/x.ts', "import { dispatch } from '../../electron/core/dispatch';\nexport const x = dispatch;\n")).toHaveLength(1);
    expect(await importErrors('local-mturk/src/x.ts', "import { ok } from '../../shared/result';\nexport const x = ok;\n")).toEqual([]);
  });
});
