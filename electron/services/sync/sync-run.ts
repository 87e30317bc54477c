import type { ArchiveDb } from '../../archive/connection';
import { upsertAssignments } from '../../archive/repos/assignments';
import { upsertBonuses } from '../../archive/repos/bonuses';
import { getHit, upsertHits } from '../../archive/repos/hits';
import { markMissing } from '../../archive/repos/missing';
import { recordSyncPage } from '../../archive/repos/sync';
import type { Hit as ArchivedHit } from '../../../shared/domain/archive-types';
import type { Result } from '../../../shared/result';
import type { Logger } from '../../logging/logger';
import type { Hit, MTurkGateway, Page } from '../../mturk/types';
import type { Checkpoint } from './checkpoint';
import { syncBlocks, syncQualifications } from './account-phases';
import type { ProgressTracker } from './progress-tracker';

export interface RunContext {
  readonly db: ArchiveDb;
  readonly gateway: MTurkGateway;
  readonly connectionId: number;
  readonly runId: number;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly log: Logger;
  readonly progress: ProgressTracker;
  /** Tells views which tables changed (throttled by the caller). */
  readonly changed: (tables: readonly string[]) => void;
  /** HITs fetched in parallel during the details phase; the gateway's scheduler still bounds the call rate. */
  readonly detailConcurrency: number;
}

/** Thrown inside a run to stop it; the run's checkpoint stays, so the next sync resumes. */
export class SyncAbort extends Error {}

export function unwrap<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw new SyncAbort(`${what}: ${result.error.message}`);
}

/** Runs the remaining phases of a sync from its checkpoint. Throws SyncAbort on a failed call or cancellation. */
export async function runSyncPhases(ctx: RunContext, checkpoint: Checkpoint): Promise<void> {
  let cp = checkpoint;
  const save = (next: Checkpoint, items: number): void => {
    ctx.db.write.transaction(() => recordSyncPage(ctx.db.write, ctx.runId, { items, checkpoint: next }))();
    cp = next;
  };
  if (cp.phase === 'hits') cp = await listHits(ctx, cp, save);
  if (cp.phase === 'details') cp = await fetchDetails(ctx, cp, save);
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

/** Did anything that assignments or bonuses could have changed move since the archive last saw this HIT? */
function needsDetails(mode: Checkpoint['mode'], fresh: Hit, archived: ArchivedHit | null): boolean {
  if (mode === 'full' || !archived || archived.goneAt !== null) return true;
  return (
    archived.status !== fresh.status ||
    archived.reviewStatus !== fresh.reviewStatus ||
    archived.assignmentsPending !== fresh.assignmentsPending ||
    archived.assignmentsAvailable !== fresh.assignmentsAvailable ||
    archived.assignmentsCompleted !== fresh.assignmentsCompleted ||
    archived.maxAssignments !== fresh.maxAssignments
  );
}

async function listHits(ctx: RunContext, start: Checkpoint, save: (cp: Checkpoint, items: number) => void): Promise<Checkpoint> {
  ctx.progress.phase = 'hits';
  let cp = start;
  const pages = ctx.gateway.listHits({ signal: ctx.signal, startIndex: cp.hitsPageIndex, ...(cp.hitsToken ? { resumeFrom: cp.hitsToken } : {}) });
  for await (const result of pages) {
    const page: Page<Hit> = unwrap(result, 'Listing HITs failed');
    const queued = page.items.filter((hit) => needsDetails(cp.mode, hit, getHit(ctx.db.read, ctx.connectionId, hit.hitId))).map((hit) => hit.hitId);
    const next: Checkpoint = { ...cp, hitsToken: page.nextToken, hitsPageIndex: page.index + 1, queue: [...cp.queue, ...queued] };
    ctx.db.write.transaction(() => {
      upsertHits(ctx.db.write, ctx.connectionId, page.items, ctx.now());
      save(next.hitsToken === null ? { ...next, phase: 'details' } : next, page.items.length);
    })();
    cp = next.hitsToken === null ? { ...next, phase: 'details' } : next;
    ctx.progress.items += page.items.length;
    ctx.progress.pages += 1;
    ctx.progress.hitsTotal = cp.queue.length;
    ctx.changed(['hits']);
    ctx.progress.tick();
  }
  return { ...cp, phase: 'details' };
}

/** How often the low-water mark is written during the details phase (in HITs). */
const DETAIL_CHECKPOINT_EVERY = 25;

async function fetchDetails(ctx: RunContext, start: Checkpoint, save: (cp: Checkpoint, items: number) => void): Promise<Checkpoint> {
  ctx.progress.phase = 'details';
  const { queue } = start;
  ctx.progress.hitsTotal = queue.length;
  ctx.progress.hitsDone = start.detailsDone;
  const finished = new Array<boolean>(queue.length).fill(false);
  let lowWater = start.detailsDone;
  let lastSaved = lowWater;
  let nextIndex = start.detailsDone;
  let pendingItems = 0;

  const worker = async (): Promise<void> => {
    while (nextIndex < queue.length) {
      if (ctx.signal.aborted) throw new SyncAbort('cancelled');
      const index = nextIndex++;
      pendingItems += await syncOneHit(ctx, queue[index]!);
      finished[index] = true;
      while (lowWater < queue.length && finished[lowWater]) lowWater++;
      ctx.progress.hitsDone++;
      if (lowWater - lastSaved >= DETAIL_CHECKPOINT_EVERY) {
        save({ ...start, detailsDone: lowWater }, pendingItems);
        lastSaved = lowWater;
        pendingItems = 0;
      }
      ctx.progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.detailConcurrency, Math.max(1, queue.length)) }, worker));
  const done: Checkpoint = { ...start, detailsDone: queue.length, phase: 'qualifications' };
  save(done, pendingItems);
  return done;
}

/** Every assignment (all statuses) and bonus of one HIT, written together; assignments MTurk no longer lists are flagged. */
async function syncOneHit(ctx: RunContext, hitId: string): Promise<number> {
  const [assignments, bonuses] = await Promise.all([
    collect(ctx.gateway.listAssignmentsForHit(hitId, { signal: ctx.signal }), ctx, `Listing assignments of HIT ${hitId} failed`),
    collect(ctx.gateway.listBonusPayments({ hitId }, { signal: ctx.signal }), ctx, `Listing bonuses of HIT ${hitId} failed`),
  ]);
  const seenAt = ctx.now();
  ctx.db.write.transaction(() => {
    upsertAssignments(ctx.db.write, ctx.connectionId, assignments, seenAt);
    upsertBonuses(ctx.db.write, ctx.connectionId, bonuses.map((b) => ({ ...b, uniqueRequestToken: null })), seenAt);
    markMissing(ctx.db.write, ctx.connectionId, 'assignments', { seenIds: assignments.map((a) => a.assignmentId) }, seenAt, { hitId });
  })();
  const items = assignments.length + bonuses.length;
  ctx.progress.items += items;
  if (items > 0) ctx.changed(bonuses.length > 0 ? ['assignments', 'bonuses'] : ['assignments']);
  return items;
}

export async function collect<T>(pages: AsyncGenerator<Result<Page<T>>, void, undefined>, ctx: RunContext, what: string): Promise<T[]> {
  const items: T[] = [];
  for await (const result of pages) {
    const page = unwrap(result, what);
    items.push(...page.items);
    ctx.progress.pages += 1;
  }
  return items;
}
