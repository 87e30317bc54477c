import type { ArchiveDb } from '../../archive/connection';
import { batchCounts, isMicroBatched, listBatches, type StoredBatch } from '../../archive/repos/batches';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { afterEachSync } from '../sync/after-each-sync';
import type { BatchRunner } from './batch-runner';

const MAX_FAILED_STEPS = 3;

/** A micro-batched batch with sub-HITs still to publish: only a step publishes them (a sync alone never does). */
function waitingForParts(archive: ArchiveDb, batch: StoredBatch): boolean {
  if (batch.state !== 'launched' || batch.hitTypeId === null || batch.pausedAt !== null) return false;
  const counts = batchCounts(archive.read, batch.id);
  return counts.created < counts.hits && isMicroBatched(archive.read, batch.id);
}

/**
 * After each finished sync of a connection, every micro-batched batch of it that has sub-HITs left takes one step of
 * the batch runner (`turkbench batch run` does the same on a timer): its submitters are excluded and the next parts
 * of settled rows published, so a batch left to the app keeps going without anyone running it by hand. Pausing the
 * batch stops it (a cancelled publishing job is started again by the next step).
 */
export function stepBatchesAfterSync(deps: { events: EventBus; contexts: ConnectionContexts; archive: ArchiveDb; runner: BatchRunner; log: Logger }): () => void {
  // Steps in a row that ended with a failed job, per batch: past the limit the batch waits for a hand (or a restart)
  // instead of adding a failed job to Jobs after every sync.
  const failedSteps = new Map<string, number>();
  let stopped = false;
  const stepAll = async (context: ConnectionContext): Promise<void> => {
    const batches = listBatches(deps.archive.read, context.archiveId!).filter((batch) => waitingForParts(deps.archive, batch));
    for (const batch of batches) {
      if (stopped) return;
      if ((failedSteps.get(batch.id) ?? 0) >= MAX_FAILED_STEPS) continue;
      const step = await deps.runner.step(batch.id, context);
      const failed = !step.ok || step.value.jobs.some((job) => job.state !== 'succeeded');
      const inARow = failed ? (failedSteps.get(batch.id) ?? 0) + 1 : 0;
      if (inARow === 0) failedSteps.delete(batch.id);
      else failedSteps.set(batch.id, inARow);
      if (inARow === MAX_FAILED_STEPS) {
        deps.log.warn(`batch ${batch.id}: ${MAX_FAILED_STEPS} steps in a row ended with failures (see Jobs); it is not stepped again after syncs until Turkbench restarts — "turkbench batch run ${batch.id}" steps it by hand`);
      }
      if (!step.ok) deps.log.warn(`batch ${batch.id} not stepped: ${step.error.message}`);
      else if (step.value.published > 0) deps.log.info(`batch ${batch.id}: published ${step.value.published} more sub-HIT(s)`);
    }
  };
  const unsubscribe = afterEachSync(deps, 'batches not stepped', stepAll);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
