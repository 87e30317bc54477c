/**
 * What a requester does to a launched batch as a whole: download its results, pause it, resume it, add assignments.
 * Pause, resume and add are Manage HITs actions over the batch's HITs (the same plan, confirmation and journaled job),
 * so every HIT a change skips comes with its reason; results are the archive's website-format export with the
 * batch's own input rows as the Input.* columns.
 */
import type { BatchResultsDownload } from '../../../shared/contract/batches';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { HitChange, ManagePlan } from '../../../shared/contract/manage-hits';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { exportFileName } from '../archive/batch-transfer';
import { exportAssignmentsJson, exportBatchResultsCsv, type LaunchedBatchColumns } from '../../archive/batch-results-export';
import { answersForResults } from '../../archive/answer-fields';
import type { ArchiveDb } from '../../archive/connection';
import { batchAssignmentIds, getBatch, isMicroBatched, listBatchHits, setBatchPaused, type StoredBatch } from '../../archive/repos/batches';
import { archivedAssignmentCounts } from '../../archive/repos/hit-assignment-counts';
import { getHit } from '../../archive/repos/hits';
import { batchConsensus } from '../quality/batch-consensus';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { ManageHitsService } from '../hits/manage-hits-service';
import { reopenedAssignments } from '../hits/plan-hit-change';

export type BatchChange = { readonly action: 'pause' } | { readonly action: 'resume' } | { readonly action: 'add-assignments'; readonly count: number };

export interface BatchResultsFile {
  readonly text: string;
  /** Assignments written. */
  readonly rows: number;
}

export interface BatchControlsDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly manageHits: ManageHitsService;
  readonly now: () => number;
}

export class BatchControls {
  constructor(private readonly deps: BatchControlsDeps) {}

  /** The batch's results as the website's CSV, or as JSON with nested answers; from what the archive holds. */
  results(batchId: string, format: 'csv' | 'json', context: ConnectionContext = this.deps.contexts.active()): Result<BatchResultsFile> {
    const found = this.#batch(batchId, context);
    if (!found.ok) return found;
    const batch = found.value;
    const db = this.deps.archive.read;
    const assignmentIds = batchAssignmentIds(db, batch.id);
    if (assignmentIds.length === 0) {
      return err(appError('not-found', `No work of batch ${batch.id} is archived yet: sync first ("turkbench sync", or "turkbench batch run ${batch.id}"), then export again.`));
    }
    const inputByHit = new Map(listBatchHits(db, batch.id).flatMap((hit) => (hit.hitId === null ? [] : [[hit.hitId, hit.input] as const])));
    const columns: LaunchedBatchColumns = {
      inputColumns: batch.inputColumns,
      inputsForHit: (hitId) => inputByHit.get(hitId) ?? null,
      answersOf: (assignment) => answersForResults(assignment.answerXml, assignment.answers),
      consensus: batchConsensus(db, batch.connectionId, batch.id),
    };
    const selection = { connectionId: batch.connectionId, assignmentIds };
    const text = format === 'csv' ? exportBatchResultsCsv(db, selection, columns) : exportAssignmentsJson(db, selection, columns);
    return ok({ text, rows: assignmentIds.length });
  }

  /** The results as a file to save: named after the batch and its id, so two downloads never overwrite each other. */
  resultsDownload(batchId: string, format: 'csv' | 'json', context: ConnectionContext = this.deps.contexts.active()): Result<BatchResultsDownload> {
    const file = this.results(batchId, format, context);
    if (!file.ok) return file;
    const name = getBatch(this.deps.archive.read, batchId)!.name;
    return ok({ ...file.value, fileName: exportFileName(`batch ${name} ${batchId}`, undefined, format, this.deps.now()), mimeType: format === 'csv' ? 'text/csv' : 'application/json' });
  }

  /** The change as Manage HITs sees it: which of the batch's HITs, and what to do to them. */
  hitChange(batchId: string, change: BatchChange, context: ConnectionContext = this.deps.contexts.active()): Result<{ hitIds: string[]; change: HitChange }> {
    const found = this.#batch(batchId, context);
    if (!found.ok) return found;
    const batch = found.value;
    const created = listBatchHits(this.deps.archive.read, batch.id).flatMap((hit) => (hit.hitId === null ? [] : [hit.hitId]));
    if (created.length === 0) return err(appError('conflict', `Batch ${batch.id} has no HITs on MTurk yet: finish its launch first ("turkbench batch launch ${batch.folder}").`));
    switch (change.action) {
      case 'pause':
        return ok({ hitIds: created, change: { action: 'expire' } });
      case 'resume': {
        // Only HITs with slots nobody took: the rest have nothing to reopen (the same count the extension is costed by).
        const open = created.filter((hitId) => {
          const hit = getHit(this.deps.archive.read, batch.connectionId, hitId);
          return hit === null || reopenedAssignments(hit, archivedAssignmentCounts(this.deps.archive.read, batch.connectionId, hitId)) > 0;
        });
        return ok({ hitIds: open, change: { action: 'extend', to: this.deps.now() + batch.properties.lifetimeSeconds * 1000 } });
      }
      case 'add-assignments':
        if (isMicroBatched(this.deps.archive.read, batch.id)) {
          return err(appError('validation', `Batch ${batch.id} is micro-batched: its rows are sub-HITs of at most 9 assignments. Launch another batch for more work per row.`, { field: 'count' }));
        }
        return ok({ hitIds: created, change: { action: 'add-assignments', count: change.count } });
    }
  }

  async plan(batchId: string, change: BatchChange, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ManagePlan>> {
    const planned = this.hitChange(batchId, change, context);
    if (!planned.ok) return planned;
    return this.deps.manageHits.plan(planned.value, context);
  }

  /**
   * Starts the change as a Manage HITs job. Pausing also holds the batch runner back from publishing further sub-HITs
   * until it is resumed. When no HIT needs changing (all expired or full on a pause, none to reopen on a resume) only
   * that hold changes, and there is no job (null).
   */
  async start(
    batchId: string,
    change: BatchChange,
    options: { typedConnectionName?: string } = {},
    context: ConnectionContext = this.deps.contexts.active(),
  ): Promise<Result<JobProgress | null>> {
    const planned = this.hitChange(batchId, change, context);
    if (!planned.ok) return planned;
    const { archive, manageHits, now } = this.deps;
    if (change.action !== 'add-assignments') {
      const plan = await manageHits.plan(planned.value, context);
      if (!plan.ok) return plan;
      if (plan.value.ready.length === 0) {
        setBatchPaused(archive.write, batchId, change.action === 'pause' ? now() : null, now());
        return ok(null);
      }
    }
    const started = await manageHits.start({ ...planned.value, ...(options.typedConnectionName ? { typedConnectionName: options.typedConnectionName } : {}) }, context);
    if (!started.ok) return started;
    if (change.action === 'pause') setBatchPaused(archive.write, batchId, now(), now());
    if (change.action === 'resume') setBatchPaused(archive.write, batchId, null, now());
    return ok(started.value);
  }

  #batch(batchId: string, context: ConnectionContext): Result<StoredBatch> {
    const batch = getBatch(this.deps.archive.read, batchId);
    if (!batch || batch.connectionId !== context.archiveId) {
      return err(appError('not-found', `No batch ${batchId} on ${context.config.label}. "turkbench batch launch" prints the id of each batch it starts.`));
    }
    return ok(batch);
  }
}
