/**
 * Worker-thread entry: one website results import, run on its own connection to the archive file so decoding,
 * parsing, validation and the write transaction never hold up the main process's event loop.
 * Started by `import-off-thread.ts`; answers with exactly one message (the import's Result), then copies the import
 * from the WAL into the database file (off the user's wait) and exits.
 */
import { parentPort } from 'node:worker_threads';
import { appError } from '../../shared/errors';
import { err } from '../../shared/result';
import { checkpointAfterImport, importBatchResults, prepareImportConnection } from './batch-results-csv';
import { openArchive, type ArchiveDb } from './connection';
import type { ImportJob } from './import-off-thread';

function open(file: string): ArchiveDb | string {
  try {
    return openArchive(file);
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
}

parentPort?.once('message', (job: ImportJob) => {
  const archive = open(job.file);
  if (typeof archive === 'string') {
    parentPort?.postMessage(err(appError('internal', `The archive could not be opened for the import, so nothing was saved: ${archive}`)));
    return;
  }
  try {
    prepareImportConnection(archive.write, job.bytes.length);
    parentPort?.postMessage(importBatchResults(archive.write, job.connectionId, job.bytes, job.options));
    checkpointAfterImport(archive.write);
  } finally {
    archive.close();
  }
});
