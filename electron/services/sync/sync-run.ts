import { markMissing } from '../../archive/repos/missing';
import { recordSyncPage } from '../../archive/repos/sync';
import { syncBlocks, syncQualifications } from './account-phases';
import type { Checkpoint } from './checkpoint';
import { listAndFetchHits } from './hit-pipeline';
import type { RunContext } from './sync-context';

/** Runs the remaining phases of a sync from its checkpoint. Throws SyncAbort on a failed call or cancellation. */
export async function runSyncPhases(ctx: RunContext, checkpoint: Checkpoint): Promise<void> {
  let cp = checkpoint;
  let recorded = 0;
  const save = (next: Checkpoint): void => {
    // Nested in the caller's transaction when there is one, so the checkpoint never runs ahead of the data.
    const items = ctx.progress.items - recorded;
    ctx.db.write.transaction(() => recordSyncPage(ctx.db.write, ctx.runId, { items, checkpoint: next }))();
    recorded += items;
    cp = next;
  };
  if (cp.phase === 'hits' || cp.phase === 'details') cp = await listAndFetchHits(ctx, cp, save);
  if (cp.phase === 'qualifications') {
    ctx.progress.phase = 'qualifications';
    await syncQualifications(ctx);
    save({ ...cp, phase: 'blocks' });
  }
  if (cp.phase === 'blocks') {
    ctx.progress.phase = 'blocks';
    await syncBlocks(ctx);
    save({ ...cp, phase: 'finishing' });
  }
  ctx.progress.phase = 'finishing';
  // Every HIT a complete listing did not return since this sync began is gone from MTurk: flag, never delete.
  const gone = markMissing(ctx.db.write, ctx.connectionId, 'hits', { syncRunId: cp.originRunId }, ctx.now());
  if (gone > 0) {
    ctx.log.info(`${gone} HIT(s) are no longer returned by MTurk; kept in the archive and flagged`);
    ctx.changed(['hits', 'assignments']);
  }
}
