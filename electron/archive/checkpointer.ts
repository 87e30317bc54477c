/**
 * Copies the archive's WAL into the database file on a thread of its own.
 *
 * Left to itself, SQLite checkpoints on the writer's commit once the WAL passes 1,000 pages: the main process then
 * copies every page it dirtied a second time and waits for two fsyncs, between two IPC calls. Measured on the
 * archive bench (1M assignments, quiet machine, runs one after the other): 106.2 s of upserts with checkpoints on the
 * writer, 87.1–90.3 s with them here. A second connection may checkpoint while the first writes (WAL allows one writer, many readers and a
 * checkpointer at once), so the writer only appends.
 *
 * The writer keeps a backstop: its own automatic checkpoint at a WAL of BACKSTOP_PAGES (one huge transaction, or
 * this thread falling behind). If the thread fails, the writer's default comes back and the failure is logged;
 * nothing depends on the thread being alive.
 *
 * The thread's code is `checkpoint-worker.js` next to the main bundle in the built app (its own build entry), and
 * `checkpoint-worker.ts` run through tsx from source (tests, browser mode).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArchiveDb } from './connection';
import type { ArchiveLog } from './db-types';
import { silentLog } from './db-types';

/** SQLite's default automatic checkpoint, restored when the thread stops or fails. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** 256 MB of WAL: more than a 10,000-assignment transaction writes, so the thread does the copying. */
export const BACKSTOP_PAGES = 65_536;
/** After a burst, the WAL file is cut back to this size once it restarts (it never shrinks by itself). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
const DEFAULT_INTERVAL_MS = 100;

export interface CheckpointWorkerData {
  readonly file: string;
  readonly intervalMs: number;
}

/** What the thread says: that it is checkpointing, or why it stopped. */
export type CheckpointWorkerMessage = { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly reason: string };

export interface Checkpointer {
  /** Resolves once the thread has closed its connection; restores the writer's own checkpoints. Idempotent. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  readonly log?: ArchiveLog;
  readonly intervalMs?: number;
  /** Told once the thread is checkpointing (tests wait for it). */
  readonly onReady?: () => void;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const built = join(__dirname, 'checkpoint-worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: join(__dirname, 'checkpoint-worker.ts'), execArgv: ['--import', 'tsx'] };
}

export function startCheckpointer(archive: ArchiveDb, options: CheckpointerOptions = {}): Checkpointer {
  const log = options.log ?? silentLog;
  const entry = workerEntry();
  const data: CheckpointWorkerData = { file: archive.file, intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS };
  archive.write.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  archive.write.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let running = true;
  const writerCheckpointsAgain = (): void => {
    if (!running) return;
    running = false;
    // The connection may already be closed when the app quits; then there is nothing left to protect.
    if (archive.write.open) archive.write.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const worker = new Worker(entry.file, { execArgv: entry.execArgv, workerData: data });
  // A CLI command that opened the archive must still exit when it is done.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: CheckpointWorkerMessage) => {
    if (message.kind === 'ready') options.onReady?.();
    else {
      log.warn(`background checkpoints stopped, the writer checkpoints again: ${message.reason}`);
      writerCheckpointsAgain();
    }
  });
  worker.once('error', (cause) => {
    log.warn(`background checkpoints stopped, the writer checkpoints again: ${cause.message}`);
    writerCheckpointsAgain();
  });
  worker.once('exit', (code) => {
    if (running && code !== 0) log.warn(`background checkpoints stopped (exit code ${code}), the writer checkpoints again`);
    writerCheckpointsAgain();
  });
  return {
    stop: async () => {
      writerCheckpointsAgain();
      // Waited on: keep the process alive until the thread has closed its connection.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
