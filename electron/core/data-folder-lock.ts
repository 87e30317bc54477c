import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'turkbench.lock';

export interface LockHolder {
  readonly pid: number;
  /** "the app", "browser mode", "the turkbench CLI" */
  readonly front: string;
  readonly since: number;
}

export class DataFolderBusyError extends Error {
  constructor(
    readonly holder: LockHolder,
    dataDir: string,
  ) {
    super(
      `${holder.front} (process ${holder.pid}) is using the data folder ${dataDir}. Close it first, or point this one at another folder with --data-dir.`,
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: the process exists but belongs to someone else.
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, front: String(parsed.front ?? 'Turkbench'), since: Number(parsed.since ?? 0) } : null;
  } catch {
    return null;
  }
}

/**
 * One Turkbench process per data folder: the archive, the journal and the embedded Local MTurk each assume a single
 * writer that knows what is running. A second front (the CLI while the app is open) is refused with who holds the
 * folder; a lock left by a process that died is taken over.
 */
export function lockDataFolder(dataDir: string, front: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, front, since: Date.now() } satisfies LockHolder));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataFolderBusyError(holder, dataDir);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`);
}
