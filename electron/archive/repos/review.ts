/**
 * The review queue and what a sent verdict changes: queue pages in auto-approval order, draft verdicts, and the
 * assignment + HIT update a confirmed approval or rejection writes at once (a sync later agrees with it).
 */
import { OVERRIDE_WINDOW_MS, type DraftCounts, type ReviewFilter, type ReviewGrouping, type ReviewQueueRow, type ReviewSortColumn, type ReviewVerdict } from '../../../shared/contract/review';
import type { AssignmentStatus, SortDirection } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { keysetPage } from './keyset';
import { num, numOrNull, prepared, str, strOrNull, type SqlRow } from './statements';

const SORT_SQL: Record<ReviewSortColumn, string> = { autoApprovalTime: 'a.auto_approval_time', submitTime: 'a.submit_time' };

/**
 * The index each filter + sort uses, chosen here rather than by the planner (as for the assignments grid): the most
 * selective equality filter wins and its few rows are sorted; otherwise an index that returns rows in queue order.
 */
export function queueIndexFor(filter: ReviewFilter, sort: ReviewSortColumn): string {
  if (filter.hitId !== undefined) return 'assignments_by_hit';
  if (filter.workerId !== undefined) return 'assignments_by_worker';
  if (filter.hitTypeId !== undefined) return filter.status !== undefined && sort === 'autoApprovalTime' ? 'assignments_by_type_auto_approval' : 'assignments_by_type';
  if (sort === 'submitTime') return filter.status !== undefined ? 'assignments_by_status' : 'assignments_by_submit';
  return filter.status !== undefined ? 'assignments_by_auto_approval' : 'assignments_by_auto_approval_any';
}

/**
 * A grouped queue sorts on "group key, then deadline" as one text value (the deadline zero-padded so text order is
 * time order; a missing deadline sorts first in its group). The filter's index narrows the rows, which are then
 * sorted: grouping is for a batch's worth of submitted work, not the whole archive.
 */
const GROUP_SQL: Record<ReviewGrouping, string> = {
  hit: `a.hit_id || char(31) || printf('%015d', COALESCE(a.auto_approval_time, 0))`,
  worker: `a.worker_id || char(31) || printf('%015d', COALESCE(a.auto_approval_time, 0))`,
};

export function groupedQueueIndexFor(filter: ReviewFilter, group: ReviewGrouping): string {
  if (filter.hitId !== undefined) return 'assignments_by_hit';
  if (filter.workerId !== undefined) return 'assignments_by_worker';
  if (filter.status !== undefined) return 'assignments_by_auto_approval';
  return group === 'hit' ? 'assignments_by_hit' : 'assignments_by_worker';
}

function filterSql(connectionId: number, filter: ReviewFilter): { where: string; params: unknown[] } {
  const clauses = ['a.connection_id = ?'];
  const params: unknown[] = [connectionId];
  const add = (clause: string, value: unknown): void => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('a.status = ?', filter.status);
  add('a.hit_type_id = ?', filter.hitTypeId);
  add('a.hit_id = ?', filter.hitId);
  add('a.worker_id = ?', filter.workerId);
  add('a.submit_time >= ?', filter.submittedFrom);
  add('a.submit_time < ?', filter.submittedTo);
  add('a.auto_approval_time < ?', filter.autoApprovalBefore);
  if (filter.batchId !== undefined) {
    // The same membership the Dashboard reads: a recorded batch row, else the batch tag in the HIT's annotation.
    clauses.push(`(a.hit_id IN (SELECT bh.hit_id FROM batch_hits bh JOIN batches b ON b.id = bh.batch_id WHERE b.id = ? AND b.connection_id = a.connection_id)
      OR a.hit_id IN (SELECT h.hit_id FROM hits h WHERE h.connection_id = a.connection_id AND (' ' || h.requester_annotation) GLOB ?))`);
    params.push(filter.batchId, `* tb:${filter.batchId}:r*`);
  }
  return { where: clauses.join(' AND '), params };
}

function toRow(row: SqlRow): ReviewQueueRow {
  const status = str(row, 'status') as AssignmentStatus;
  const submitTime = numOrNull(row, 'submit_time');
  const verdict = strOrNull(row, 'draft_verdict') as ReviewVerdict | null;
  return {
    assignmentId: str(row, 'assignment_id'),
    hitId: str(row, 'hit_id'),
    hitTypeId: strOrNull(row, 'hit_type_id'),
    workerId: str(row, 'worker_id'),
    status,
    title: str(row, 'title'),
    rewardCents: num(row, 'reward_cents'),
    submitTime,
    autoApprovalTime: numOrNull(row, 'auto_approval_time'),
    approvalTime: numOrNull(row, 'approval_time'),
    rejectionTime: numOrNull(row, 'rejection_time'),
    requesterFeedback: strOrNull(row, 'requester_feedback'),
    overridableUntil: status === 'Rejected' && submitTime !== null && numOrNull(row, 'hit_gone') === null ? submitTime + OVERRIDE_WINDOW_MS : null,
    draft: verdict === null ? null : { verdict, feedback: strOrNull(row, 'draft_feedback') },
    workerHistory: { assignments: numOrNull(row, 'worker_assignments') ?? 0, approved: numOrNull(row, 'worker_approved') ?? 0, rejected: numOrNull(row, 'worker_rejected') ?? 0 },
  };
}

/**
 * One keyset page of the queue; sorted by auto-approval deadline, soonest first, unless told otherwise — or, grouped,
 * by HIT or worker and then deadline.
 */
export function reviewQueuePage(
  db: ReadDb,
  connectionId: number,
  query: { filter?: ReviewFilter; group?: ReviewGrouping; sort?: { column: ReviewSortColumn; direction: SortDirection }; after?: string | null; limit: number },
): { rows: ReviewQueueRow[]; nextCursor: string | null } {
  const sort = query.sort ?? { column: 'autoApprovalTime', direction: 'asc' };
  const filter = query.filter ?? {};
  const sortSql = query.group ? GROUP_SQL[query.group] : SORT_SQL[sort.column];
  const index = query.group ? groupedQueueIndexFor(filter, query.group) : queueIndexFor(filter, sort.column);
  const { where, params } = filterSql(connectionId, filter);
  const page = keysetPage(db, {
    baseSql: `SELECT a.*, h.title, h.reward_cents, h.remotely_disposed_at AS hit_gone, d.verdict AS draft_verdict, d.feedback AS draft_feedback,
        w.assignments AS worker_assignments, w.approved AS worker_approved, w.rejected AS worker_rejected,
        ${sortSql} AS sort_value, a.id AS row_id
      FROM assignments a INDEXED BY ${index}
      JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id
      LEFT JOIN review_drafts d ON d.connection_id = a.connection_id AND d.assignment_id = a.assignment_id
      LEFT JOIN workers w ON w.connection_id = a.connection_id AND w.worker_id = a.worker_id
      WHERE ${where}`,
    params,
    sortSql,
    idSql: 'a.id',
    column: query.group ? `group:${query.group}` : sort.column,
    direction: query.group ? 'asc' : sort.direction,
    after: query.after,
    limit: query.limit,
  });
  return { rows: page.rows.map(toRow), nextCursor: page.nextCursor };
}

/** The ids the archive does not hold, in the order given. */
export function missingAssignments(db: ReadDb, connectionId: number, assignmentIds: readonly string[]): string[] {
  const exists = prepared(db, `SELECT 1 FROM assignments WHERE connection_id = ? AND assignment_id = ?`).pluck();
  return assignmentIds.filter((id) => exists.get(connectionId, id) === undefined);
}

export function setDrafts(db: WriteDb, connectionId: number, assignmentIds: readonly string[], verdict: ReviewVerdict, feedback: string | null, now: number): void {
  const upsert = prepared(
    db,
    `INSERT INTO review_drafts (connection_id, assignment_id, verdict, feedback, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, assignment_id) DO UPDATE SET verdict = excluded.verdict, feedback = excluded.feedback, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const id of assignmentIds) upsert.run(connectionId, id, verdict, feedback, now);
  })();
}

/** Removes the drafts of these assignments, or every draft of the connection when `assignmentIds` is null. */
export function clearDrafts(db: WriteDb, connectionId: number, assignmentIds: readonly string[] | null): void {
  if (assignmentIds === null) {
    prepared(db, `DELETE FROM review_drafts WHERE connection_id = ?`).run(connectionId);
    return;
  }
  const remove = prepared(db, `DELETE FROM review_drafts WHERE connection_id = ? AND assignment_id = ?`);
  db.transaction(() => {
    for (const id of assignmentIds) remove.run(connectionId, id);
  })();
}

export function draftCounts(db: ReadDb, connectionId: number): DraftCounts {
  const row = prepared(
    db,
    `SELECT COALESCE(SUM(verdict = 'approve'), 0) AS approve, COALESCE(SUM(verdict = 'reject'), 0) AS reject FROM review_drafts WHERE connection_id = ?`,
  ).get(connectionId) as DraftCounts;
  return row;
}

export function listDrafts(db: ReadDb, connectionId: number): { assignmentId: string; verdict: ReviewVerdict; feedback: string | null }[] {
  const rows = prepared(db, `SELECT assignment_id, verdict, feedback FROM review_drafts WHERE connection_id = ? ORDER BY assignment_id`).all(connectionId) as SqlRow[];
  return rows.map((r) => ({ assignmentId: str(r, 'assignment_id'), verdict: str(r, 'verdict') as ReviewVerdict, feedback: strOrNull(r, 'feedback') }));
}

/** What planning a verdict needs of one archived assignment and its HIT. */
export interface AssignmentForReview {
  readonly assignmentId: string;
  readonly hitId: string;
  readonly workerId: string;
  readonly status: AssignmentStatus;
  readonly submitTime: number | null;
  readonly autoApprovalTime: number | null;
  readonly rewardCents: number;
  readonly maxAssignments: number;
  readonly qualificationRequirements: string;
  readonly hitGone: boolean;
}

export function assignmentForReview(db: ReadDb, connectionId: number, assignmentId: string): AssignmentForReview | null {
  const row = prepared(
    db,
    `SELECT a.assignment_id, a.hit_id, a.worker_id, a.status, a.submit_time, a.auto_approval_time,
       h.reward_cents, h.max_assignments, h.qualification_requirements, (h.remotely_disposed_at IS NOT NULL OR h.status = 'Disposed') AS hit_gone
     FROM assignments a JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id
     WHERE a.connection_id = ? AND a.assignment_id = ?`,
  ).get(connectionId, assignmentId) as SqlRow | undefined;
  if (!row) return null;
  return {
    assignmentId: str(row, 'assignment_id'),
    hitId: str(row, 'hit_id'),
    workerId: str(row, 'worker_id'),
    status: str(row, 'status') as AssignmentStatus,
    submitTime: numOrNull(row, 'submit_time'),
    autoApprovalTime: numOrNull(row, 'auto_approval_time'),
    rewardCents: num(row, 'reward_cents'),
    maxAssignments: num(row, 'max_assignments'),
    qualificationRequirements: strOrNull(row, 'qualification_requirements') ?? '[]',
    hitGone: num(row, 'hit_gone') === 1,
  };
}

/** Rejections the archive holds per worker since `since` (the start of today, UTC). */
export function rejectionsSince(db: ReadDb, connectionId: number, workerIds: readonly string[], since: number): Map<string, number> {
  const count = prepared(db, `SELECT COUNT(*) FROM assignments WHERE connection_id = ? AND worker_id = ? AND status = 'Rejected' AND rejection_time >= ?`).pluck();
  return new Map(workerIds.map((id) => [id, count.get(connectionId, id, since) as number]));
}

/**
 * A confirmed approval or rejection, written at once: the assignment's status, time and feedback, the HIT's completed
 * count when known (only when the assignment leaves Submitted — an override moves Rejected to Approved, both
 * completed), and the assignment's draft, now sent. An assignment the archive does not hold changes nothing here; a sync brings it.
 */
export function recordReviewOutcome(
  db: WriteDb,
  connectionId: number,
  outcome: { assignmentId: string; status: 'Approved' | 'Rejected'; feedback: string | null; at: number },
): void {
  const before = prepared(db, `SELECT status, hit_id FROM assignments WHERE connection_id = ? AND assignment_id = ?`).get(connectionId, outcome.assignmentId) as
    | { status: AssignmentStatus; hit_id: string }
    | undefined;
  prepared(db, `DELETE FROM review_drafts WHERE connection_id = ? AND assignment_id = ?`).run(connectionId, outcome.assignmentId);
  if (!before || before.status === outcome.status) return;
  const approved = outcome.status === 'Approved';
  prepared(
    db,
    `UPDATE assignments SET status = ?, last_seen_at = ?,
       approval_time = CASE WHEN ? THEN ? ELSE approval_time END,
       rejection_time = CASE WHEN ? THEN rejection_time ELSE ? END,
       requester_feedback = COALESCE(?, requester_feedback)
     WHERE connection_id = ? AND assignment_id = ?`,
  ).run(outcome.status, outcome.at, approved ? 1 : 0, outcome.at, approved ? 1 : 0, outcome.at, outcome.feedback, connectionId, outcome.assignmentId);
  if (before.status === 'Submitted') {
    prepared(db, `UPDATE hits SET assignments_completed = assignments_completed + 1, last_seen_at = ? WHERE connection_id = ? AND hit_id = ?`).run(
      outcome.at,
      connectionId,
      before.hit_id,
    );
  }
}
