import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
/** The installed command (bin/turkbench.mjs over the build), as a user runs it: a new process, no terminal. */
const BIN = join(ROOT, 'bin', 'turkbench.mjs');
const run = promisify(execFile);

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails early, with the fix, when the CLI was not built (npm test builds it first). */
export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('The CLI is not built: run `npm run build` first (npm test does).');
}

/** Runs `turkbench ARGS` in a child process; a non-zero exit is a result, not a throw. */
export async function runTurkbench(args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const failed = cause as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
