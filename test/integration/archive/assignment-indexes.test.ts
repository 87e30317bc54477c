import { afterEach, describe, expect, it } from 'vitest';
import { importBatchResults } from '../../../electron/archive/batch-results-csv';
import { FIXED_COLUMNS } from '../../../electron/archive/batch-results-rows';
import type { WriteDb } from '../../../electron/archive/db-types';
import { getAssignment, upsertAssignments } from '../../../electron/archive/repos/assignments';
import { pageAssignments } from '../../../electron/archive/repos/assignment-pages';
import { ASSIGNMENT_INDEXES, withIndexesRebuiltAfter, worthRebuilding } from '../../../electron/archive/repos/assignment-indexes';
import { latestRawRowForAssignment } from '../../../electron/archive/repos/csv-imports';
import { upsertHits } from '../../../electron/archive/repos/hits';
import { stringifyCsv } from '../../../shared/domain/csv';
import { makeAssignment, makeHit, openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

/** Every explicit index of `table` with the SQL it was created with, as the migrations left them. */
const indexesOf = (db: WriteDb, table: string): { name: string; sql: string }[] =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(table) as {
    name: string;
    sql: string;
  }[];

const asCreated = (list: readonly { name: string; on: string }[]): { name: string; sql: string }[] =>
  list.map((index) => ({ name: index.name, sql: `CREATE INDEX ${index.name} ON ${index.on}` })).sort((a, b) => a.name.localeCompare(b.name));

const HEADER = [...FIXED_COLUMNS, 'Answer.label'];

function websiteFile(rows: number, firstHit = 0): Buffer {
  const row = (n: number): string[] => {
    const cells: Record<string, string> = {
      HITId: `3HITBULK${String(firstHit + Math.floor(n / 5)).padStart(22, '0')}`, HITTypeId: '3TYPEBULK000000000000000000001',
      Title: 'Label a photo', Description: 'Pick the label that fits.', Keywords: 'photos', Reward: '$0.10',
      CreationTime: 'Mon Nov 02 09:15:00 PST 2026', MaxAssignments: '5', RequesterAnnotation: '',
      AssignmentDurationInSeconds: '600', AutoApprovalDelayInSeconds: '259200', Expiration: 'Mon Nov 09 09:15:00 PST 2026',
      NumberOfSimilarHITs: '', LifetimeInSeconds: '', AssignmentId: `3ASGBULK${String(firstHit * 5 + n).padStart(22, '0')}`,
      WorkerId: `AWORKER${n % 40}`, AssignmentStatus: n % 2 === 0 ? 'Approved' : 'Submitted',
      AcceptTime: 'Tue Nov 03 10:00:00 PST 2026', SubmitTime: `Tue Nov 03 10:${String(1 + (n % 50)).padStart(2, '0')}:30 PST 2026`,
      AutoApprovalTime: 'Fri Nov 06 10:01:30 PST 2026', ApprovalTime: n % 2 === 0 ? 'Wed Nov 04 12:00:00 PST 2026' : '',
      RejectionTime: '', RequesterFeedback: '', WorkTimeInSeconds: '90', LifetimeApprovalRate: '', Last30DaysApprovalRate: '',
      Last7DaysApprovalRate: '', 'Answer.label': `label ${n}`,
    };
    return HEADER.map((column) => cells[column]!);
  };
  return Buffer.from(stringifyCsv([HEADER, ...Array.from({ length: rows }, (_, n) => row(n))], { quote: 'all' }));
}

function importOk(bytes: Buffer) {
  const result = importBatchResults(t.archive.write, t.connectionId, bytes, { fileName: 'bulk.csv', now: T0, maxBytes: bytes.length + 1 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('assignment indexes rebuilt after a bulk load', () => {
  it('lists exactly the indexes the migrations create, with the same definitions', () => {
    t = openTestArchive();
    expect(indexesOf(t.archive.write, 'assignments')).toEqual(asCreated(ASSIGNMENT_INDEXES));
  });

  it('rebuilds only for a load of thousands of rows into a table no larger than the load', () => {
    t = openTestArchive();
    const db = t.archive.write;
    expect(worthRebuilding(db, 100)).toBe(false);
    expect(worthRebuilding(db, 5_000)).toBe(true);
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    upsertAssignments(db, t.connectionId, Array.from({ length: 6_000 }, (_, n) => makeAssignment(n, 1)), T0);
    expect(worthRebuilding(db, 5_999)).toBe(false);
    expect(worthRebuilding(db, 6_000)).toBe(true);
  });

  it('leaves the indexes in place when the load fails, and writes nothing', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    const before = indexesOf(db, 'assignments');
    expect(() =>
      withIndexesRebuiltAfter(db, () => {
        upsertAssignments(db, t.connectionId, [makeAssignment(1, 1)], T0);
        throw new Error('the load stopped');
      }),
    ).toThrow('the load stopped');
    expect(indexesOf(db, 'assignments')).toEqual(before);
    expect(getAssignment(db, t.connectionId, makeAssignment(1, 1).assignmentId)).toBeNull();
  });

  it('imports a large file into an empty archive with every index rebuilt and used by the grid', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const before = indexesOf(db, 'assignments');
    expect(importOk(websiteFile(6_000))).toMatchObject({ rows: 6_000, assignments: 6_000, hits: 1_200 });
    expect(indexesOf(db, 'assignments')).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The status, worker and HIT-type pages read through their named indexes (INDEXED BY would throw without them).
    const approved = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { status: 'Approved' }, sort: { column: 'workerId', direction: 'asc' }, limit: 1000 });
    expect(approved.rows).toHaveLength(1000);
    expect(approved.rows.every((a) => a.status === 'Approved')).toBe(true);
    const worker = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { workerId: 'AWORKER7' }, limit: 1000 });
    expect(worker.rows).toHaveLength(150);
    const byType = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { hitTypeId: '3TYPEBULK000000000000000000001' }, sort: { column: 'hitId', direction: 'desc' }, limit: 5 });
    expect(byType.rows.map((a) => a.hitId)).toEqual(Array.from({ length: 5 }, () => `3HITBULK${String(1_199).padStart(22, '0')}`));
    expect(latestRawRowForAssignment(t.archive.read, t.connectionId, `3ASGBULK${String(4_321).padStart(22, '0')}`)?.row.rowNumber).toBe(4_323);
  });

  it('imports a second large file into a larger archive the ordinary way, to the same result', () => {
    t = openTestArchive();
    const db = t.archive.write;
    importOk(websiteFile(6_000));
    expect(worthRebuilding(db, 5_000)).toBe(false);
    expect(importOk(websiteFile(5_000, 2_000))).toMatchObject({ rows: 5_000, assignments: 5_000 });
    expect(db.prepare('SELECT count(*) FROM assignments').pluck().get()).toBe(11_000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
