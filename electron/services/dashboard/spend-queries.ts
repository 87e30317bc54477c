/**
 * The archive facts the spend arithmetic needs, for one archive account: approved work and bonuses with the batch
 * each belongs to, submitted work with its auto-approval time, and open HITs with the assignments they can still get.
 */
import { requiresMasters } from '../../../shared/domain/fees';
import type { ReadDb } from '../../archive/db-types';
import { num, numOrNull, parseJson, prepared, strOrNull, type SqlRow } from '../../archive/repos/statements';
import { readBatchTag } from '../actions/batch-actions';
import type { ApprovedWork, BatchRef, HitPricing, OpenHit, PaidBonus, SubmittedWork } from './spend';

// The HIT behind a row and the recorded batch it was launched in, if any.
const HIT_AND_BATCH = `h.reward_cents, h.max_assignments, h.qualification_requirements, h.requester_annotation,
  b.id AS batch_id, b.name AS batch_name`;
const BATCH_JOIN = `LEFT JOIN batch_hits bh ON bh.hit_id = h.hit_id
  LEFT JOIN batches b ON b.id = bh.batch_id AND b.connection_id = h.connection_id`;

/** A HIT's pricing from its row; the requirements' JSON is read once per distinct text, not once per row. */
function pricingReader(): (row: SqlRow) => HitPricing {
  const masters = new Map<string | null, boolean>();
  return (row) => {
    const requirements = strOrNull(row, 'qualification_requirements');
    let isMasters = masters.get(requirements);
    if (isMasters === undefined) masters.set(requirements, (isMasters = requiresMasters(parseJson<{ QualificationTypeId: string }[]>(requirements, []))));
    return { rewardCents: num(row, 'reward_cents'), maxAssignments: num(row, 'max_assignments'), masters: isMasters };
  };
}

const DAY_MS = 86_400_000;

/** The recorded batch, else the batch tag of a HIT launched from another computer. */
function batchOf(row: SqlRow): BatchRef | null {
  const id = strOrNull(row, 'batch_id');
  if (id !== null) return { id, name: strOrNull(row, 'batch_name') ?? id };
  const tag = readBatchTag(strOrNull(row, 'requester_annotation'));
  return tag ? { id: tag.batchId, name: `Batch ${tag.batchId} (found on MTurk)` } : null;
}

/**
 * Approved work counted per HIT and UTC day (the finest bucket spend is shown in), so a large archive yields a few
 * thousand rows instead of one per assignment; the HIT and its batch are joined once per group, not per assignment.
 */
export function approvedWork(db: ReadDb, connectionId: number): ApprovedWork[] {
  const rows = prepared(
    db,
    `WITH per_day AS (
       SELECT a.hit_id, COALESCE(a.approval_time, a.submit_time, a.last_seen_at) / ${DAY_MS} AS day, COUNT(*) AS n
       FROM assignments a WHERE a.connection_id = ? AND a.status = 'Approved' GROUP BY a.hit_id, day)
     SELECT p.day, p.n, ${HIT_AND_BATCH}
     FROM per_day p JOIN hits h ON h.connection_id = ? AND h.hit_id = p.hit_id ${BATCH_JOIN}`,
  ).all(connectionId, connectionId) as SqlRow[];
  const pricing = pricingReader();
  return rows.map((row) => ({ ...pricing(row), approvedAt: num(row, 'day') * DAY_MS, batch: batchOf(row), count: num(row, 'n') }));
}

export function paidBonuses(db: ReadDb, connectionId: number): PaidBonus[] {
  const rows = prepared(
    db,
    `SELECT bo.grant_time, bo.amount_cents, ${HIT_AND_BATCH}
     FROM bonuses bo
     LEFT JOIN assignments a ON a.connection_id = bo.connection_id AND a.assignment_id = bo.assignment_id
     LEFT JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id ${BATCH_JOIN}
     WHERE bo.connection_id = ?`,
  ).all(connectionId) as SqlRow[];
  return rows.map((row) => ({ grantedAt: num(row, 'grant_time'), amountCents: num(row, 'amount_cents'), batch: batchOf(row) }));
}

/** Submitted work counted per HIT and auto-approval time, with the HIT's batch (for the deadline windows). */
export function submittedWork(db: ReadDb, connectionId: number): SubmittedWork[] {
  const rows = prepared(
    db,
    `WITH pending AS (
       SELECT a.hit_id, a.auto_approval_time, COUNT(*) AS n
       FROM assignments a WHERE a.connection_id = ? AND a.status = 'Submitted' GROUP BY a.hit_id, a.auto_approval_time)
     SELECT p.auto_approval_time, p.n, ${HIT_AND_BATCH}
     FROM pending p JOIN hits h ON h.connection_id = ? AND h.hit_id = p.hit_id ${BATCH_JOIN}`,
  ).all(connectionId, connectionId) as SqlRow[];
  const pricing = pricingReader();
  return rows.map((row) => ({ ...pricing(row), autoApprovalAt: numOrNull(row, 'auto_approval_time'), batch: batchOf(row), count: num(row, 'n') }));
}

/**
 * HITs still taking work. What they can still get is MTurk's count of assignments workers hold plus, before expiry,
 * the ones still available; a HIT synced without those counts falls back to its size less the work archived for it.
 */
export function openHits(db: ReadDb, connectionId: number, now: number): OpenHit[] {
  const rows = prepared(
    db,
    `SELECT h.reward_cents, h.max_assignments, h.qualification_requirements, h.expiration,
       h.assignments_pending, h.assignments_available,
       (SELECT COUNT(*) FROM assignments a WHERE a.connection_id = h.connection_id AND a.hit_id = h.hit_id) AS archived
     FROM hits h
     WHERE h.connection_id = ? AND h.status IN ('Assignable', 'Unassignable') AND h.remotely_disposed_at IS NULL`,
  ).all(connectionId) as SqlRow[];
  const pricing = pricingReader();
  return rows.map((row) => {
    const pending = numOrNull(row, 'assignments_pending');
    const available = numOrNull(row, 'assignments_available');
    const open = num(row, 'expiration') > now;
    const remainingAssignments =
      pending !== null && available !== null
        ? pending + (open ? available : 0)
        : open
          ? Math.max(0, num(row, 'max_assignments') - num(row, 'archived'))
          : 0;
    return { ...pricing(row), remainingAssignments };
  });
}
