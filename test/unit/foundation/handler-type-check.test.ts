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
  // Derived from the real Handlers type, so these fixtures stay valid as the contract grows.
  const header = `
    import type { Handlers } from './handlers';
    import { ok } from '../../shared/result';
    declare const complete: Handlers;
  `;

  it('accepts a table with every method', () => {
    expect(diagnosticsFor(`${header} export const table = { ...complete } satisfies Handlers;`)).toEqual([]);
  });

  it('rejects a table that is missing a method', () => {
    const errors = diagnosticsFor(`${header}
      const { 'prefs.set': _dropped, ...rest } = complete;
      export const table = rest satisfies Handlers;`);
    expect(errors.join('\n')).toMatch(/prefs\.set/);
  });

  it('rejects a handler that returns the wrong output type', () => {
    const errors = diagnosticsFor(`${header}
      export const table = { ...complete, 'app.info': async () => ok({ name: 42 }) } satisfies Handlers;`);
    expect(errors.join('\n')).toMatch(/app\.info|not assignable/);
  });
});
