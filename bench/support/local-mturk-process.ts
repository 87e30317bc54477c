/**
 * Local MTurk in a process of its own, as MTurk is remote: the server's work is not counted against the client's
 * share of a busy machine's cores. Started from its own CLI (which prints the address and keys), bound to loopback on
 * a free port, stopped by the caller.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  close(): Promise<void>;
}

/** `flags` are the CLI's own (`--latency-ms 100 --rate-limit 100 …`); `--port 0` is always added. */
export async function startLocalMTurkProcess(flags: readonly string[]): Promise<ServerProcess> {
  const cli = join(import.meta.dirname, '..', '..', 'local-mturk', 'src', 'cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout });
  const seen: Record<string, string> = {};
  try {
    await new Promise<void>((ready, fail) => {
      child.once('exit', (code) => fail(new Error(`Local MTurk exited (code ${code}) before it was listening`)));
      lines.on('line', (line) => {
        const match = /^(?:Local MTurk listening on (\S+)|(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)=(\S+))$/.exec(line);
        if (match?.[1]) seen['url'] = match[1];
        else if (match?.[2]) seen[match[2]] = match[3]!;
        if (seen['url'] && seen['AWS_ACCESS_KEY_ID'] && seen['AWS_SECRET_ACCESS_KEY']) ready();
      });
    });
  } catch (error) {
    child.kill();
    throw error;
  }
  lines.removeAllListeners('line');
  // Keep reading its output so the pipe never fills.
  lines.on('line', () => undefined);
  return {
    url: seen['url']!,
    credentials: { accessKeyId: seen['AWS_ACCESS_KEY_ID']!, secretAccessKey: seen['AWS_SECRET_ACCESS_KEY']! },
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
