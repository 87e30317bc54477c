// Small helpers shared by the npm scripts (plain Node ESM, no dependencies).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');

/** Runs a command with the project's own tools (and Node 24) first on PATH. Resolves to its exit code. */
export function run(command, args, { quiet = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: quiet ? 'ignore' : 'inherit',
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

export function bin(name) {
  return join(BIN, name);
}
