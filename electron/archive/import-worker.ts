/**
 * Worker-thread entry: one website results import, run on its own connection to the archive file so decoding,
 * parsing, validation and the write transaction never hold up the main process's event loop.
 * Started by `import-off-thread.ts`; answers with exactly one message (the import's Result) and exits.
 */
import { parentPort } from 'node:worker_threads';
import { appError } from '../../shared/errors';
import { err, type Result } from '../../shared/result';
import { importBatchResults, widenCacheForImport, type BatchImportSummary } from './batch-results-csv';
import { openArchive } from './connection';
import type { ImportJob } from './import-off-thread';

function run(job: ImportJob): Result<BatchImportSummary> {
  let archive;
  try {
    archive = openArchive(job.file);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return err(appError('internal', `The archive could not be opened for the import, so nothing was saved: ${reason}`));
  }
  try {
    widenCacheForImport(archive.write, job.bytes.length);
    return importBatchResults(archive.write, job.connectionId, job.bytes, job.options);
  } finally {
    archive.close();
  }
}

parentPort?.once('message', (job: ImportJob) => {
  parentPort?.postMessage(run(job));
});
