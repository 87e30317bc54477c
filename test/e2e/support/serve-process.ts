import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');

export interface ServeProcess {
  /** The address printed at start: it carries no secret. */
  readonly url: string;
  readonly origin: string;
  /** The one-time code printed at start. */
  readonly code: string;
  readonly dataDir: string;
  /** Signs this page's browser in as a person would (address, then the code), then opens `hash` (e.g. '#/hits'). */
  signIn(page: Page, hash?: string): Promise<void>;
  stop(): Promise<void>;
  /** Ends the app at once, as a crash or power cut would (only with `crashable`). */
  crash(): Promise<void>;
}

/**
 * Starts `serve` mode exactly as a user would (a separate process on a free port, its own data
 * folder) and waits for the lines it prints — no sleeps.
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
      const address = /Turkbench is running at (\S+)/.exec(output);
      const code = /One-time code: (\S+)/.exec(output);
      if (!address || !code) return;
      clearTimeout(timer);
      const url = address[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        code: code[1]!,
        dataDir,
        async signIn(page, hash = '') {
          await page.goto(url);
          await page.locator('input[name="code"]').fill(code[1]!);
          await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Open Turkbench' }).click()]);
          if (hash) await page.goto(url + hash);
        },
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
