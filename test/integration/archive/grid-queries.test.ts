import { describe, expect, it } from 'vitest';
import { pageAssignments } from '../../../electron/archive/repos/assignment-pages';
import { upsertAssignments } from '../../../electron/archive/repos/assignments';
import { upsertBonuses } from '../../../electron/archive/repos/bonuses';
import { pageHitGrid, tallyAssignments } from '../../../electron/archive/repos/hit-grid-pages';
import { inputsForHit } from '../../../electron/archive/repos/hit-inputs';
import { upsertHits } from '../../../electron/archive/repos/hits';
import { pageBonuses, pageWorkerBlocks, pageWorkers } from '../../../electron/archive/repos/record-pages';
import { upsertWorkerBlocks } from '../../../electron/archive/repos/worker-blocks';
import { importBatchResults } from '../../../electron/archive/batch-results-csv';
import { websiteFile, websiteRow } from '../archive-service/website-file';
import { toGridRow } from '../../../electron/services/browse/browse-service';
import { assignmentId, hitId, makeAssignment, makeHit, openTestArchive, T0, workerId } from './fixtures';

function seeded() {
  const t = openTestArchive();
  const db = t.archive.write;
  upsertHits(db, t.connectionId, Array.from({ length: 12 }, (_, i) => makeHit(i, i === 5 ? { title: 'Find the café', requesterAnnotation: 'pilot' } : {})), T0);
  // Assignment n belongs to HIT n % 12 and worker n % 7; 0–4 are approved or rejected.
  upsertAssignments(
    db,
    t.connectionId,
    Array.from({ length: 24 }, (_, n) => makeAssignment(n, n % 12, n < 3 ? { status: 'Approved' } : n < 5 ? { status: 'Rejected' } : {})),
    T0,
  );
  return t;
}

function allPages<T>(fetch: (after: string | null) => { rows: readonly T[]; nextCursor: string | null }): T[] {
  const rows: T[] = [];
  let after: string | null = null;
  do {
    const page = fetch(after);
    rows.push(...page.rows);
    after = page.nextCursor;
  } while (after);
  return rows;
}

describe('the HITs grid query', () => {
  it('finds the HITs a worker worked on when the search is that worker id (any case)', () => {
    const t = seeded();
    const page = pageHitGrid(t.archive.read, { connectionId: t.connectionId, limit: 50, filter: { text: workerId(3).toLowerCase() } });
    // Worker 3 did assignments 3, 10 and 17: HITs 3, 10 and 5.
    expect(page.rows.map((h) => h.hitId).sort()).toEqual([hitId(3), hitId(5), hitId(10)].sort());
  });

  it('finds the HIT of an assignment id', () => {
    const t = seeded();
    const page = pageHitGrid(t.archive.read, { connectionId: t.connectionId, limit: 50, filter: { text: assignmentId(14) } });
    expect(page.rows.map((h) => h.hitId)).toEqual([hitId(2)]);
  });

  it('filters by column, combined with the search, and pages every match once', () => {
    const t = seeded();
    const byTitle = pageHitGrid(t.archive.read, { connectionId: t.connectionId, limit: 50, filter: { columns: { title: 'CAFÉ'.toLowerCase() } } });
    expect(byTitle.rows.map((h) => h.hitId)).toEqual([hitId(5)]);
    const none = pageHitGrid(t.archive.read, { connectionId: t.connectionId, limit: 50, filter: { text: 'sentiment of tweet', columns: { requesterAnnotation: 'pilot' } } });
    expect(none.rows).toEqual([]);
    const rows = allPages((after) =>
      pageHitGrid(t.archive.read, { connectionId: t.connectionId, limit: 5, after, filter: { columns: { requesterAnnotation: 'batch-7' } }, sort: { column: 'title', direction: 'asc' } }),
    );
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((h) => h.hitId)).size).toBe(11);
  });

  it('tallies archived assignments by status for a page of HITs', () => {
    const t = seeded();
    const tallies = tallyAssignments(t.archive.read, t.connectionId, [hitId(0), hitId(3), hitId(11)]);
    expect(tallies.get(hitId(0))).toEqual({ submitted: 1, approved: 1, rejected: 0 });
    expect(tallies.get(hitId(3))).toEqual({ submitted: 1, approved: 0, rejected: 1 });
    expect(tallies.get(hitId(11))).toEqual({ submitted: 2, approved: 0, rejected: 0 });
  });
});

describe('a HIT\u2019s inputs', () => {
  it('are the Input.* cells of the results file it was imported from, and null for a synced HIT', () => {
    const t = seeded();
    const imported = importBatchResults(t.archive.write, t.connectionId, new TextEncoder().encode(websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)])), { fileName: 'Batch_77_batch_results.csv', now: T0 });
    expect(imported.ok).toBe(true);
    const inputs = inputsForHit(t.archive.read, t.connectionId, '3ARCHIVESVCHIT0000000000000B');
    expect(inputs).toMatchObject({ origin: { kind: 'import', fileName: 'Batch_77_batch_results.csv' }, fields: [{ name: 'tweet', value: '"Quoted", with a comma\nand a second line 2' }] });
    expect(inputsForHit(t.archive.read, t.connectionId, hitId(1))).toBeNull();
  });
});

describe('record pages', () => {
  it('page workers by id and bonuses and blocks newest first, each row once', () => {
    const t = seeded();
    upsertBonuses(t.archive.write, t.connectionId, Array.from({ length: 7 }, (_, i) => ({ workerId: workerId(i), assignmentId: assignmentId(i), amountCents: 10 + i, reason: `r${i}`, grantTime: T0 + i, uniqueRequestToken: null })), T0);
    upsertWorkerBlocks(t.archive.write, t.connectionId, [{ workerId: workerId(1), reason: 'spam' }, { workerId: workerId(2), reason: 'bots' }], T0);
    const workers = allPages((after) => pageWorkers(t.archive.read, { connectionId: t.connectionId, limit: 3, after }));
    expect(workers.map((w) => w.workerId)).toEqual(Array.from({ length: 7 }, (_, i) => workerId(i)));
    const bonuses = allPages((after) => pageBonuses(t.archive.read, { connectionId: t.connectionId, limit: 2, after }));
    expect(bonuses.map((b) => b.reason)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
    expect(pageWorkerBlocks(t.archive.read, { connectionId: t.connectionId, limit: 10 }).rows.map((b) => b.reason)).toEqual(['bots', 'spam']);
  });
});

describe('assignments as a grid page carries them', () => {
  it('cut each long answer to 10,000 characters, say its full length, and leave the raw XML out', () => {
    const t = seeded();
    const huge = 'z'.repeat(20_000_000);
    upsertAssignments(t.archive.write, t.connectionId, [{ ...makeAssignment(99, 1), answers: { essay: huge, label: 'cat' } }], T0);
    const page = pageAssignments(t.archive.read, { connectionId: t.connectionId, limit: 10, filter: { hitId: hitId(1) } });
    const row = toGridRow(page.rows.find((a) => a.assignmentId === assignmentId(99))!);
    expect(row.answers).toEqual({ essay: 'z'.repeat(10_000), label: 'cat' });
    expect(row.cutAnswers).toEqual({ essay: 20_000_000 });
    expect(row).not.toHaveProperty('answerXml');
    expect(JSON.stringify(row).length).toBeLessThan(12_000);
  });
});
