import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the same script `npm test` runs over electron/ (where it must find nothing), on a folder of our choosing. */
function electronegativity(folder: string) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs'), folder], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe('the Electronegativity check in npm test', () => {
  it('fails on a new finding, naming the check and the line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tb-eng-'));
    writeFileSync(
      join(folder, 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const { code, output } = electronegativity(folder);
    expect(code).toBe(1);
    expect(output).toMatch(/CONTEXT_ISOLATION_JS_CHECK .* window\.ts:2:/);
    expect(output).toMatch(/SANDBOX_JS_CHECK .* window\.ts:2:/);
  }, 60_000);
});
