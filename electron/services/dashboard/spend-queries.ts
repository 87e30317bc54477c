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

function pricing(row: SqlRow): HitPricing {
  return {
    rewardCents: num(row, 'reward_cents'),
    maxAssignments: num(row, 'max_assignments'),
    masters: requiresMasters(parseJson<{ QualificationTypeId: string }[]>(strOrNull(row, 'qualification_requirements'), [])),
  };
}

/** The recorded batch, else the batch tag of a HIT launched from another computer. */
function batchOf(row: SqlRow): BatchRef | null {
  const id = strOrNull(row, 'batch_id');
  if (id !== null) return { id, name: strOrNull(row, 'batch_name') ?? id };
  const tag = readBatchTag(strOrNull(row, 'requester_annotation'));
  return tag ? { id: tag.batchId, name: `Batch ${tag.batchId} (found on MTurk)` } : null;
}

export function approvedWork(db: ReadDb, connectionId: number): ApprovedWork[] {
  const rows = prepared(
    db,
    `SELECT COALESCE(a.approval_time, a.submit_time, a.last_seen_at) AS approved_at, ${HIT_AND_BATCH}
     FROM assignments a JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id ${BATCH_JOIN}
     WHERE a.connection_id = ? AND a.status = 'Approved'`,
  ).all(connectionId) as SqlRow[];
  return rows.map((row) => ({ ...pricing(row), approvedAt: num(row, 'approved_at'), batch: batchOf(row) }));
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

export function submittedWork(db: ReadDb, connectionId: number): SubmittedWork[] {
  const rows = prepared(
    db,
    `SELECT a.auto_approval_time, ${HIT_AND_BATCH}
     FROM assignments a JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id ${BATCH_JOIN}
     WHERE a.connection_id = ? AND a.status = 'Submitted'`,
  ).all(connectionId) as SqlRow[];
  return rows.map((row) => ({ ...pricing(row), autoApprovalAt: numOrNull(row, 'auto_approval_time'), batch: batchOf(row) }));
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
