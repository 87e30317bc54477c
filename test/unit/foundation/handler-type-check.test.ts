import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Type-checks a snippet placed inside electron/core so its imports resolve like real code. */
function diagnosticsFor(source: string): string[] {
  const file = join(root, 'electron', 'core', '__type_check_fixture__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2023.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the handler table is checked against the contract at compile time', () => {
  const header = `
    import type { Handlers } from './handlers';
    import { ok } from '../../shared/result';
    import { DEFAULT_PREFERENCES } from '../../shared/preferences';
  `;

  it('accepts a table with every method', () => {
    const errors = diagnosticsFor(`${header}
      export const table = {
        'app.info': async () => ok({ name: 'x', version: '1', mode: 'serve' as const, dataDir: '/', platform: 'linux', versions: { node: '24' } }),
        'connection.status': async () => ok({ kind: 'local' as const, label: 'L', state: 'online' as const, detail: '' }),
        'prefs.get': async () => ok(DEFAULT_PREFERENCES),
        'prefs.set': async () => ok(DEFAULT_PREFERENCES),
      } satisfies Handlers;`);
    expect(errors).toEqual([]);
  });

  it('rejects a table that is missing a method', () => {
    const errors = diagnosticsFor(`${header}
      export const table = {
        'app.info': async () => ok({ name: 'x', version: '1', mode: 'serve' as const, dataDir: '/', platform: 'linux', versions: { node: '24' } }),
        'connection.status': async () => ok({ kind: 'local' as const, label: 'L', state: 'online' as const, detail: '' }),
        'prefs.get': async () => ok(DEFAULT_PREFERENCES),
      } satisfies Handlers;`);
    expect(errors.join('\n')).toMatch(/prefs\.set/);
  });

  it('rejects a handler that returns the wrong output type', () => {
    const errors = diagnosticsFor(`${header}
      export const table = {
        'app.info': async () => ok({ name: 42 }),
        'connection.status': async () => ok({ kind: 'local' as const, label: 'L', state: 'online' as const, detail: '' }),
        'prefs.get': async () => ok(DEFAULT_PREFERENCES),
        'prefs.set': async () => ok(DEFAULT_PREFERENCES),
      } satisfies Handlers;`);
    expect(errors.length).toBeGreaterThan(0);
  });
});
