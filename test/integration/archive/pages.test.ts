import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssignmentsForExport, pageAssignments } from '../../../electron/archive/repos/assignment-pages';
import { ArchiveInputError } from '../../../electron/archive/repos/archive-input-error';
import { upsertAssignments } from '../../../electron/archive/repos/assignments';
import { pageHits } from '../../../electron/archive/repos/hit-pages';
import { upsertHits } from '../../../electron/archive/repos/hits';
import {
  ASSIGNMENT_SORT_COLUMNS,
  type Assignment,
  type AssignmentPageQuery,
  type SortDirection,
} from '../../../shared/domain/archive-types';
import { assignmentId, hitId, makeAssignment, makeHit, openTestArchive, T0, workerId, type TestArchive } from './fixtures';

let t: TestArchive;
let rowIds: Map<string, number>;

beforeEach(() => {
  t = openTestArchive();
  const db = t.archive.write;
  upsertHits(db, t.connectionId, Array.from({ length: 20 }, (_, i) => makeHit(i, i % 4 === 0 ? { hitTypeId: '3TYPE-OTHER' } : {})), T0);
  const statuses = ['Submitted', 'Approved', 'Rejected'] as const;
  upsertAssignments(
    db,
    t.connectionId,
    Array.from({ length: 240 }, (_, i) => {
      const status = statuses[i % 3]!;
      // Ties on submit time (every 4 share one), and NULL approval times for non-approved work.
      const submitTime = T0 + Math.floor(i / 4) * 1000;
      return makeAssignment(i, i % 20, {
        status,
        submitTime: i % 50 === 0 ? null : submitTime,
        approvalTime: status === 'Approved' ? T0 + ((i * 7919) % 240) * 10 : null,
        requesterFeedback: i === 17 ? 'Answer 100% off_topic' : null,
      });
    }),
    T0,
  );
  rowIds = new Map((db.prepare(`SELECT assignment_id, id FROM assignments`).all() as { assignment_id: string; id: number }[]).map((r) => [r.assignment_id, r.id]));
});
afterEach(() => t.archive.close());

type Key = 'submitTime' | 'approvalTime' | 'status' | 'workerId' | 'hitId' | 'assignmentId';

/**
 * SQLite's order: NULLs first ascending, BINARY string comparison, row id breaks ties; descending is the exact
 * reverse. Status sorts by submit time within each status.
 */
function expectedOrder(rows: Assignment[], column: Key, direction: SortDirection): string[] {
  const keys: Key[] = column === 'status' ? ['status', 'submitTime'] : [column];
  const sorted = [...rows].sort((a, b) => {
    for (const key of keys) {
      const va = a[key] as string | number | null;
      const vb = b[key] as string | number | null;
      if (va === vb) continue;
      if (va === null) return -1;
      if (vb === null) return 1;
      return va < vb ? -1 : 1;
    }
    return rowIds.get(a.assignmentId)! - rowIds.get(b.assignmentId)!;
  });
  if (direction === 'desc') sorted.reverse();
  return sorted.map((a) => a.assignmentId);
}

function allPages(query: Omit<AssignmentPageQuery, 'after'>): { ids: string[]; pages: number } {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page = pageAssignments(t.archive.read, { ...query, after });
    ids.push(...page.rows.map((r) => r.assignmentId));
    after = page.nextCursor;
    pages++;
  } while (after !== null && pages < 1000);
  return { ids, pages };
}

describe('pageAssignments', () => {
  const everything = (): Assignment[] =>
    getAssignmentsForExport(t.archive.read, { connectionId: t.connectionId, filter: {} }).map((r) => r.assignment);

  for (const column of ASSIGNMENT_SORT_COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages through every row exactly once sorted by ${column} ${direction}`, () => {
        const { ids, pages } = allPages({ connectionId: t.connectionId, sort: { column, direction }, limit: 7 });
        expect(ids).toEqual(expectedOrder(everything(), column, direction));
        expect(pages).toBe(Math.ceil(240 / 7));
      });
    }
  }

  it('combines filters and pages the filtered set', () => {
    const filter = { status: 'Approved' as const, hitTypeId: '3TYPE-OTHER' };
    const { ids } = allPages({ connectionId: t.connectionId, filter, sort: { column: 'submitTime', direction: 'desc' }, limit: 5 });
    const expected = everything().filter((a) => a.status === 'Approved' && Number(a.hitId.slice(4)) % 4 === 0);
    expect(expected.length).toBeGreaterThan(5);
    expect(ids).toEqual(expectedOrder(expected, 'submitTime', 'desc'));
  });

  for (const filter of [{ hitTypeId: '3TYPE-OTHER' }, { workerId: workerId(2) }, { hitId: hitId(3) }, { status: 'Submitted' as const }]) {
    it(`pages a ${Object.keys(filter)[0]} filter in every sort order through its chosen index`, () => {
      const matches = everything().filter((a) =>
        Object.entries(filter).every(([key, value]) => (key === 'hitTypeId' ? a.hitTypeId : a[key as 'workerId' | 'hitId' | 'status']) === value),
      );
      expect(matches.length).toBeGreaterThan(3);
      for (const column of ASSIGNMENT_SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          const { ids } = allPages({ connectionId: t.connectionId, filter, sort: { column, direction }, limit: 4 });
          expect(ids, `${column} ${direction}`).toEqual(expectedOrder(matches, column, direction));
        }
      }
    });
  }

  it('sorts by status within a status filter, and a page that ends exactly at a group boundary', () => {
    const filter = { status: 'Rejected' as const };
    const { ids } = allPages({ connectionId: t.connectionId, filter, sort: { column: 'status', direction: 'asc' }, limit: 9 });
    expect(ids).toEqual(expectedOrder(everything().filter((a) => a.status === 'Rejected'), 'status', 'asc'));
    // 80 Approved rows: a page of 80 ends exactly at the end of the first group.
    const first = pageAssignments(t.archive.read, { connectionId: t.connectionId, sort: { column: 'status', direction: 'asc' }, limit: 80 });
    expect(new Set(first.rows.map((r) => r.status))).toEqual(new Set(['Approved']));
    const second = pageAssignments(t.archive.read, { connectionId: t.connectionId, sort: { column: 'status', direction: 'asc' }, after: first.nextCursor, limit: 1 });
    expect(second.rows[0]?.status).toBe('Rejected');
    const onlyApproved = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { status: 'Approved' }, sort: { column: 'status', direction: 'asc' }, limit: 80 });
    expect(onlyApproved.nextCursor).toBeNull();
  });

  it('filters by worker and HIT', () => {
    const byWorker = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { workerId: workerId(3) }, limit: 1000 });
    expect(byWorker.rows.length).toBe(everything().filter((a) => a.workerId === workerId(3)).length);
    expect(new Set(byWorker.rows.map((r) => r.workerId))).toEqual(new Set([workerId(3)]));
    const byHit = pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { hitId: hitId(5) }, limit: 1000 });
    expect(byHit.rows.map((r) => r.assignmentId).sort()).toEqual(
      Array.from({ length: 12 }, (_, k) => assignmentId(5 + 20 * k)).sort(),
    );
    expect(byHit.nextCursor).toBeNull();
  });

  it('searches answers and feedback as literal, case-insensitive text', () => {
    const found = (text: string): string[] =>
      pageAssignments(t.archive.read, { connectionId: t.connectionId, filter: { text }, limit: 100 }).rows.map((r) => r.assignmentId);
    expect(found('LOOKS FINE #123')).toEqual([assignmentId(123)]);
    expect(found('100% off_topic')).toEqual([assignmentId(17)]);
    expect(found('100%_off')).toEqual([]); // % and _ are not wildcards
  });

  it('refuses a cursor made for another sort, a forged cursor and an oversized page', () => {
    const first = pageAssignments(t.archive.read, { connectionId: t.connectionId, sort: { column: 'workerId', direction: 'asc' }, limit: 10 });
    const query = { connectionId: t.connectionId, sort: { column: 'submitTime', direction: 'asc' } as const, limit: 10 };
    expect(() => pageAssignments(t.archive.read, { ...query, after: first.nextCursor })).toThrow(
      'The page cursor was made for sorting by workerId asc, not submitTime asc; start again from the first page.',
    );
    expect(() => pageAssignments(t.archive.read, { ...query, after: 'not-a-cursor' })).toThrow(ArchiveInputError);
    expect(() => pageAssignments(t.archive.read, { ...query, limit: 5000 })).toThrow(/Page size must be a whole number from 1 to 1000; got 5000/);
  });
});

describe('pageHits', () => {
  it('pages HITs by reward then id, filtered by HIT type and text', () => {
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(3, { rewardCents: 5 }), makeHit(7, { rewardCents: 500 })], T0 + 1);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = pageHits(t.archive.read, { connectionId: t.connectionId, filter: { text: 'tweet' }, sort: { column: 'rewardCents', direction: 'asc' }, after, limit: 6 });
      ids.push(...page.rows.map((h) => h.hitId));
      after = page.nextCursor;
    } while (after !== null);
    expect(ids[0]).toBe(hitId(3));
    expect(ids[ids.length - 1]).toBe(hitId(7));
    expect(new Set(ids).size).toBe(20);
    const other = pageHits(t.archive.read, { connectionId: t.connectionId, filter: { hitTypeId: '3TYPE-OTHER' }, limit: 100 });
    expect(other.rows.map((h) => h.hitId)).toEqual([16, 12, 8, 4, 0].map(hitId));
  });
});

describe('getAssignmentsForExport', () => {
  it('returns the chosen assignments with their HITs, in the order asked', () => {
    const rows = getAssignmentsForExport(t.archive.read, { connectionId: t.connectionId, assignmentIds: [assignmentId(9), assignmentId(2)] });
    expect(rows.map((r) => [r.assignment.assignmentId, r.hit.hitId, r.hit.title])).toEqual([
      [assignmentId(9), hitId(9), 'Label the sentiment of tweet 9'],
      [assignmentId(2), hitId(2), 'Label the sentiment of tweet 2'],
    ]);
    expect(() => getAssignmentsForExport(t.archive.read, { connectionId: t.connectionId, assignmentIds: ['3NOPE'] })).toThrow(
      'Assignment 3NOPE is not in the archive for this connection.',
    );
  });
});
