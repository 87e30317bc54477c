/** The archive's public surface: services import from here, never from repos/ directly or with SQL. */
export { openArchive, type ArchiveDb } from './connection';
export type { ArchiveLog, ReadDb, WriteDb } from './db-types';
export { ArchiveFromFutureError, LATEST_SCHEMA_VERSION } from './migrations/runner';
export { ArchiveInputError } from './repos/archive-input-error';

export { ensureConnection, getConnection, listConnections, type ConnectionInput } from './repos/connections';
export { getHit, getHitType, hitStatusHistory, upsertHitTypes, upsertHits, type HitRecord, type HitTypeRecord } from './repos/hits';
export { assignmentStatusHistory, getAssignment, upsertAssignments, type AssignmentRecord } from './repos/assignments';
export { bonusesForAssignment, bonusesForWorker, upsertBonuses, type BonusRecord } from './repos/bonuses';
export {
  grantsForType,
  grantsForWorker,
  listQualificationRequests,
  listQualificationTypes,
  upsertQualificationGrants,
  upsertQualificationRequests,
  upsertQualificationTypes,
  type QualificationGrantRecord,
  type QualificationRequestRecord,
  type QualificationTypeRecord,
} from './repos/qualifications';
export { listWorkerBlocks, upsertWorkerBlocks, type WorkerBlockRecord } from './repos/worker-blocks';
export { messagesForWorker, recordMessage, type MessageRecord } from './repos/messages';
export { getWorkerSummary, listWorkerSummaries } from './repos/workers';
export { countsFor } from './repos/counts';
export { markMissing, type MissingResource, type MissingScope, type SeenEvidence } from './repos/missing';
export { DISPOSAL_AFTER_DAYS, hitsDisposingWithin } from './repos/retention';
export { getAssignmentsForExport, pageAssignments, type AssignmentWithHit, type ExportSelection } from './repos/assignment-pages';
export { pageHits } from './repos/hit-pages';
export { MAX_PAGE_SIZE } from './repos/keyset';
export { finishSyncRun, getSyncState, listSyncRuns, recordSyncError, recordSyncPage, startSyncRun } from './repos/sync';
export { getJournalEntryByToken, listUnfinished, markOutcome, markSent, recordIntent, type IntentInput } from './repos/journal';
export { importBatchResults, type BatchImportOptions, type BatchImportSummary } from './batch-results-csv';
export { exportAssignmentsJson, exportBatchResultsCsv } from './batch-results-export';
