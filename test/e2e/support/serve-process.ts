import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface ServeProcess {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  stop(): Promise<void>;
  /** Ends the app at once, as a crash or power cut would (only with `crashable`). */
  crash(): Promise<void>;
}

/**
 * Starts `serve` mode exactly as a user would (a separate process on a free port, its own data
 * folder) and waits for the line it prints — no sleeps.
 */
export function startServe(
  dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-')),
  env: Record<string, string> = {},
  options: { crashable?: boolean } = {},
): Promise<ServeProcess> {
  // tsx runs the app in a child of its own: a crash must SIGKILL the whole process group, so it gets one.
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['electron/serve/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: options.crashable === true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${output}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /Turkbench is running at (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        dataDir,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        crash: () =>
          new Promise<void>((done, fail) => {
            if (!options.crashable || child.pid === undefined) return fail(new Error('startServe: pass { crashable: true } to crash it'));
            child.once('exit', () => done());
            process.kill(-child.pid, 'SIGKILL');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}
