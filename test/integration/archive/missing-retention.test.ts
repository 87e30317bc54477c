import { afterEach, describe, expect, it } from 'vitest';
import { getAssignment, upsertAssignments } from '../../../electron/archive/repos/assignments';
import { getHit, upsertHits } from '../../../electron/archive/repos/hits';
import { markMissing } from '../../../electron/archive/repos/missing';
import { hitsDisposingWithin } from '../../../electron/archive/repos/retention';
import { finishSyncRun, startSyncRun } from '../../../electron/archive/repos/sync';
import { listWorkerBlocks, upsertWorkerBlocks } from '../../../electron/archive/repos/worker-blocks';
import { assignmentId, DAY, hitId, makeAssignment, makeHit, openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

describe('markMissing', () => {
  it('flags HITs a full listing no longer returns, with their assignments, and deletes nothing', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1), makeHit(2), makeHit(3)], T0);
    upsertAssignments(db, t.connectionId, [makeAssignment(1, 2), makeAssignment(2, 3)], T0);
    expect(markMissing(db, t.connectionId, 'hits', { seenIds: [hitId(1), hitId(3)] }, T0 + DAY)).toBe(1);
    expect(getHit(db, t.connectionId, hitId(2))).toMatchObject({ goneAt: T0 + DAY, title: 'Label the sentiment of tweet 2' });
    expect(getHit(db, t.connectionId, hitId(1))?.goneAt).toBeNull();
    expect(getAssignment(db, t.connectionId, assignmentId(1))?.goneAt).toBe(T0 + DAY);
    expect(getAssignment(db, t.connectionId, assignmentId(2))?.goneAt).toBeNull();
    // Already flagged rows keep their first goneAt; seeing the HIT again clears the flag.
    expect(markMissing(db, t.connectionId, 'hits', { seenIds: [hitId(1)] }, T0 + 2 * DAY)).toBe(1);
    expect(getHit(db, t.connectionId, hitId(2))?.goneAt).toBe(T0 + DAY);
    upsertHits(db, t.connectionId, [makeHit(2)], T0 + 3 * DAY);
    expect(getHit(db, t.connectionId, hitId(2))?.goneAt).toBeNull();
  });

  it('uses a sync run: whatever the run did not touch since it started is missing', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertWorkerBlocks(db, t.connectionId, [{ workerId: 'AW1', reason: 'spam' }, { workerId: 'AW2', reason: 'bots' }], T0);
    const run = startSyncRun(db, t.connectionId, 'worker-blocks', T0 + DAY);
    upsertWorkerBlocks(db, t.connectionId, [{ workerId: 'AW2', reason: 'bots' }], T0 + DAY + 5);
    finishSyncRun(db, run.id, 'succeeded', T0 + DAY + 10);
    expect(markMissing(db, t.connectionId, 'worker-blocks', { syncRunId: run.id }, T0 + DAY + 10)).toBe(1);
    expect(listWorkerBlocks(db, t.connectionId).map((b) => b.workerId)).toEqual(['AW2']);
    expect(listWorkerBlocks(db, t.connectionId, true).map((b) => [b.workerId, b.goneAt])).toEqual([
      ['AW1', T0 + DAY + 10],
      ['AW2', null],
    ]);
  });

  it('scopes assignment listings to one HIT', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1), makeHit(2)], T0);
    upsertAssignments(db, t.connectionId, [makeAssignment(1, 1), makeAssignment(2, 1), makeAssignment(3, 2)], T0);
    expect(markMissing(db, t.connectionId, 'assignments', { seenIds: [assignmentId(1)] }, T0 + 1, { hitId: hitId(1) })).toBe(1);
    expect(getAssignment(db, t.connectionId, assignmentId(2))?.goneAt).toBe(T0 + 1);
    expect(getAssignment(db, t.connectionId, assignmentId(3))?.goneAt).toBeNull();
  });
});

describe('hitsDisposingWithin', () => {
  it('counts 120 days from the earlier of expiration and first seen Reviewable, soonest first, with archive state', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const now = T0 + 100 * DAY;
    upsertHits(
      db,
      t.connectionId,
      [
        // Seen Assignable, expired at T0+1d, seen Reviewable only at T0+2d: disposes T0+121d.
        makeHit(1, { expiration: T0 + DAY, status: 'Assignable' }),
        // Expires far away but went Reviewable (all submitted) when first seen at T0: disposes T0+120d.
        makeHit(2, { expiration: T0 + 300 * DAY, status: 'Reviewable', assignmentsCompleted: 1 }),
        // Live, expiring in 200 days: outside the window.
        makeHit(3, { expiration: T0 + 200 * DAY, status: 'Assignable' }),
        // Gone already: not a risk any more.
        makeHit(4, { expiration: T0 + DAY, status: 'Reviewable' }),
      ],
      T0,
    );
    upsertHits(db, t.connectionId, [makeHit(1, { expiration: T0 + DAY, status: 'Reviewable', assignmentsCompleted: 2 })], T0 + 2 * DAY);
    upsertAssignments(db, t.connectionId, [makeAssignment(1, 1), makeAssignment(2, 1), makeAssignment(3, 3)], T0);
    markMissing(db, t.connectionId, 'hits', { seenIds: [hitId(1), hitId(2), hitId(3)] }, T0 + 2);
    const risks = hitsDisposingWithin(db, t.connectionId, now, 30);
    expect(risks.map((r) => [r.hit.hitId, r.disposesAt, r.archivedAssignments, r.resultsArchived])).toEqual([
      [hitId(2), T0 + 120 * DAY, 0, false],
      [hitId(1), T0 + 121 * DAY, 2, true],
    ]);
    expect(hitsDisposingWithin(db, t.connectionId, now, 10)).toEqual([]);
  });
});
