import { markMissing } from '../../archive/repos/missing';
import { recordSyncPage } from '../../archive/repos/sync';
import { syncBlocks, syncQualifications } from './account-phases';
import type { Checkpoint } from './checkpoint';
import { listAndFetchHits } from './hit-pipeline';
import type { RunContext } from './sync-context';


/** Runs the remaining phases of a sync from its checkpoint. Throws SyncAbort on a failed call or cancellation. */
export async function runSyncPhases(ctx: RunContext, checkpoint: Checkpoint): Promise<void> {
  let cp = checkpoint;
  const save = (next: Checkpoint, items: number): void => {
    // Nested in the caller's transaction when there is one, so the checkpoint never runs ahead of the data.
    ctx.db.write.transaction(() => recordSyncPage(ctx.db.write, ctx.runId, { items, checkpoint: next }))();
    cp = next;
  };
  if (cp.phase === 'hits' || cp.phase === 'details') cp = await listAndFetchHits(ctx, cp, save);
  if (cp.phase === 'qualifications') {
    ctx.progress.phase = 'qualifications';
    await syncQualifications(ctx);
    save({ ...cp, phase: 'blocks' }, 0);
  }
  if (cp.phase === 'blocks') {
    ctx.progress.phase = 'blocks';
    await syncBlocks(ctx);
    save({ ...cp, phase: 'finishing' }, 0);
  }
  ctx.progress.phase = 'finishing';
  // Every HIT a complete listing did not return since this sync began is gone from MTurk: flag, never delete.
  const gone = markMissing(ctx.db.write, ctx.connectionId, 'hits', { syncRunId: cp.originRunId }, ctx.now());
  if (gone > 0) {
    ctx.log.info(`${gone} HIT(s) are no longer returned by MTurk; kept in the archive and flagged`);
    ctx.changed(['hits', 'assignments']);
  }
}
