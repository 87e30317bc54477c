import { upsertAssignments } from '../../archive/repos/assignments';
import { upsertBonuses } from '../../archive/repos/bonuses';
import { getHit, upsertHits } from '../../archive/repos/hits';
import { markMissing } from '../../archive/repos/missing';
import type { Hit as ArchivedHit } from '../../../shared/domain/archive-types';
import type { AppError } from '../../../shared/errors';
import type { Hit, Page } from '../../mturk/types';
import type { Checkpoint } from './checkpoint';
import { noteProblem, writeChecked } from './checked-writes';
import { ASSIGNMENT_RECORDS, BONUS_RECORDS, HIT_RECORDS } from './record-checks';
import { collect, noteUnreadable, SyncAbort, unwrap, type RunContext } from './sync-context';

/** How often the low-water mark is written while details are fetched (in HITs). */
const DETAIL_CHECKPOINT_EVERY = 25;

/** MTurk's answer to a NextToken it does not accept: a refused parameter, not a failure of the service. */
const refusedToken = (error: AppError): boolean => error.kind === 'validation' && /NextToken/i.test(error.message);

/** Saves the checkpoint (with what was archived since the last save) in the caller's transaction, if any. */
type Save = (cp: Checkpoint) => void;

/**
 * Lists HITs and fetches each one's assignments and bonuses at the same time: detail workers start on
 * the first page's HITs while later pages are still being listed, so the connection's pace is used
 * from the first second (listing alone is sequential: each page needs the previous page's token).
 *
 * The queue only grows, in listing order, and is saved with the page that added to it; `detailsDone`
 * is the low-water mark below which every HIT is finished. A resume re-lists from the saved token and
 * re-fetches at most the HITs above the mark (upserts make that harmless).
 */
export async function listAndFetchHits(ctx: RunContext, start: Checkpoint, save: Save): Promise<Checkpoint> {
  const queue = [...start.queue];
  const finished = new Set<number>();
  let listing = start.phase === 'hits';
  let token = { hitsToken: start.hitsToken, hitsPageIndex: start.hitsPageIndex };
  let lowWater = start.detailsDone;
  let lastSaved = lowWater;
  let next = lowWater;
  let stopped = false;
  let wake: () => void = () => undefined;
  let more = new Promise<void>((resolve) => (wake = resolve));
  const signalMore = (): void => {
    const resolve = wake;
    more = new Promise<void>((r) => (wake = r));
    resolve();
  };
  const current = (): Checkpoint => ({ ...start, ...token, queue, detailsDone: lowWater, phase: listing ? 'hits' : 'details' });

  ctx.progress.phase = listing ? 'hits' : 'details';
  ctx.progress.hitsTotal = queue.length;
  ctx.progress.hitsDone = lowWater;

  const lister = async (): Promise<void> => {
    if (!listing) return;
    let resuming = Boolean(token.hitsToken);
    const pages = ctx.gateway.listHits({ signal: ctx.signal, lane: 'sync', startIndex: token.hitsPageIndex, ...(token.hitsToken ? { resumeFrom: token.hitsToken } : {}) });
    for await (const result of pages) {
      if (resuming && !result.ok && refusedToken(result.error)) {
        // The saved token is refused (expired, or from an older server): list again from the first page. Every page
        // is an upsert, so what was archived before the interruption is merely read again.
        ctx.log.warn(`the saved place in the HIT list was refused (${result.error.message}); listing again from the start`);
        token = { hitsToken: null, hitsPageIndex: 0 };
        return lister();
      }
      resuming = false;
      const page: Page<Hit> = unwrap(result, 'Listing HITs failed');
      noteUnreadable(ctx, HIT_RECORDS.name, page.unreadable);
      const changed = new Set(page.items.filter((hit) => typeof hit.hitId === 'string' && needsDetails(start.mode, hit, getHit(ctx.db.read, ctx.connectionId, hit.hitId))));
      ctx.db.write.transaction(() => {
        const archived = writeChecked(ctx, HIT_RECORDS, page.items, (good) => upsertHits(ctx.db.write, ctx.connectionId, good, ctx.now()));
        queue.push(...archived.filter((hit) => changed.has(hit)).map((hit) => hit.hitId));
        token = { hitsToken: page.nextToken, hitsPageIndex: page.index + 1 };
        listing = page.nextToken !== null;
        ctx.progress.archived.hits += archived.length;
        save(current());
      })();
      ctx.progress.pages += 1;
      ctx.progress.hitsTotal = queue.length;
      ctx.changed(['hits']);
      ctx.progress.tick();
      signalMore();
    }
    listing = false;
    ctx.progress.phase = 'details';
    signalMore();
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (stopped || ctx.signal.aborted) return;
      if (next >= queue.length) {
        if (!listing) return;
        await more;
        continue;
      }
      const index = next++;
      await fetchHitDetails(ctx, queue[index]!);
      finished.add(index);
      while (finished.has(lowWater)) finished.delete(lowWater++);
      ctx.progress.hitsDone++;
      if (lowWater - lastSaved >= DETAIL_CHECKPOINT_EVERY) {
        save(current());
        lastSaved = lowWater;
      }
      ctx.progress.tick();
    }
  };

  const stopOnFailure = async (work: Promise<void>): Promise<void> => {
    try {
      await work;
    } catch (cause) {
      // One failed call ends the run: stop the other workers from taking new HITs; the checkpoint keeps the place.
      stopped = true;
      signalMore();
      throw cause;
    }
  };
  const outcomes = await Promise.allSettled([stopOnFailure(lister()), ...Array.from({ length: ctx.detailConcurrency }, () => stopOnFailure(worker()))]);
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure || ctx.signal.aborted) {
    // Cancelled or failed: keep the place reached (every worker has stopped), so a resume redoes no finished HIT.
    if (lowWater > lastSaved) save(current());
    throw failure ? failure.reason : new SyncAbort('cancelled');
  }
  const done: Checkpoint = { ...current(), detailsDone: queue.length, phase: 'qualifications' };
  save(done);
  return done;
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

/** Every assignment (all statuses) and bonus of one HIT, written together; assignments MTurk no longer lists are flagged. */
async function fetchHitDetails(ctx: RunContext, hitId: string): Promise<void> {
  const [listedAssignments, listedBonuses] = await Promise.all([
    collect(ctx.gateway.listAssignmentsForHit(hitId, { signal: ctx.signal, lane: 'sync' }), ctx, `Listing assignments of HIT ${hitId} failed`, ASSIGNMENT_RECORDS.name),
    collect(ctx.gateway.listBonusPayments({ hitId }, { signal: ctx.signal, lane: 'sync' }), ctx, `Listing bonuses of HIT ${hitId} failed`, BONUS_RECORDS.name),
  ]);
  const assignments = listedAssignments.items;
  const bonuses = listedBonuses.items;
  const seenAt = ctx.now();
  const keptRaw = (record: { assignmentId: string }, problem: string): void =>
    noteProblem(ctx, 'assignment', record.assignmentId, `answers kept as raw XML only, not readable: ${problem}`, false);
  let written = { assignments: 0, bonuses: 0 };
  ctx.db.write.transaction(() => {
    const archived = writeChecked(ctx, ASSIGNMENT_RECORDS, assignments, (good) =>
      upsertAssignments(ctx.db.write, ctx.connectionId, good, seenAt, { onAnswersProblem: keptRaw }),
    );
    const paid = writeChecked(ctx, BONUS_RECORDS, bonuses, (good) =>
      upsertBonuses(ctx.db.write, ctx.connectionId, good.map((b) => ({ ...b, uniqueRequestToken: null })), seenAt),
    );
    // A skipped assignment was still listed: it is not gone from MTurk.
    const listed = [...assignments.map((a) => a.assignmentId).filter((id) => typeof id === 'string'), ...listedAssignments.unreadableIds];
    markMissing(ctx.db.write, ctx.connectionId, 'assignments', { seenIds: listed }, seenAt, { hitId });
    written = { assignments: archived.length, bonuses: paid.length };
  })();
  ctx.progress.archived.assignments += written.assignments;
  ctx.progress.archived.bonuses += written.bonuses;
  if (written.assignments + written.bonuses > 0) ctx.changed(written.bonuses > 0 ? ['assignments', 'bonuses'] : ['assignments']);
}
