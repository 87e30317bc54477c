/**
 * Worker-thread entry for `checkpointer.ts`: a connection of its own that runs a PASSIVE checkpoint every
 * `intervalMs` (it never waits for readers or blocks the writer) until told to stop. A checkpoint with nothing to
 * copy only reads the WAL index, so an idle archive costs next to nothing.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointWorkerData, CheckpointWorkerMessage } from './checkpointer';

const { file, intervalMs } = workerData as CheckpointWorkerData;
const say = (message: CheckpointWorkerMessage): void => parentPort?.postMessage(message);
const reasonOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

let db: Database.Database;
try {
  // Never creates the file: the writer has opened and migrated it already.
  db = new Database(file, { fileMustExist: true });
  // A checkpoint already running elsewhere (the writer's backstop) is a reason to skip a turn, not to wait.
  db.pragma('busy_timeout = 0');
} catch (cause) {
  say({ kind: 'failed', reason: `could not open the archive: ${reasonOf(cause)}` });
  process.exit(1);
}

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (cause) {
    if ((cause as { code?: string }).code === 'SQLITE_BUSY') return;
    clearInterval(timer);
    say({ kind: 'failed', reason: reasonOf(cause) });
    db.close();
    process.exit(1);
  }
}, intervalMs);

parentPort?.once('message', () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
say({ kind: 'ready' });
