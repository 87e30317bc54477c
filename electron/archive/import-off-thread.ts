/**
 * Runs a website results import in a worker thread, so a 100,000-row file does not freeze every other call of the
 * main process for seconds. The worker opens the same archive file (WAL: the main connection keeps reading).
 *
 * The worker's code is `import-worker.js` next to the main bundle in the built app (its own build entry), and
 * `import-worker.ts` run through tsx from source (tests, browser mode).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { appError } from '../../shared/errors';
import { err, type Result } from '../../shared/result';
import type { BatchImportOptions, BatchImportSummary } from './batch-results-csv';

export interface ImportJob {
  readonly file: string;
  readonly connectionId: number;
  readonly bytes: Uint8Array;
  readonly options: BatchImportOptions;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const built = join(__dirname, 'import-worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: join(__dirname, 'import-worker.ts'), execArgv: ['--import', 'tsx'] };
}

const stopped = (reason: string): Result<BatchImportSummary> =>
  err(appError('internal', `The import stopped unexpectedly and nothing was saved (${reason}). Try again; if it keeps failing, report it with the log.`));

export function importOffThread(job: ImportJob): Promise<Result<BatchImportSummary>> {
  const entry = workerEntry();
  return new Promise((resolve) => {
    const worker = new Worker(entry.file, { execArgv: entry.execArgv });
    let answered = false;
    // The worker exits by itself once it has copied the import into the database file (see import-worker.ts).
    worker.once('message', (result: Result<BatchImportSummary>) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', (cause) => {
      answered = true;
      resolve(stopped(cause.message));
    });
    worker.once('exit', (code) => {
      if (!answered) resolve(stopped(`the import worker exited with code ${code}`));
    });
    // The bytes are copied once into the worker; the caller keeps its own buffer.
    worker.postMessage(job);
  });
}
