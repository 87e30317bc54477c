/**
 * The archive facts the spend arithmetic needs, for one archive account: approved work and bonuses with the batch
 * each belongs to, submitted work with its auto-approval time, and open HITs with the assignments they can still get.
 */
import { requiresMasters } from '../../../shared/domain/fees';
import type { ReadDb } from '../../archive/db-types';
import { num, numOrNull, parseJson, prepared, str, strOrNull, type SqlRow } from '../../archive/repos/statements';
import { readBatchTag } from '../actions/batch-actions';
import type { ApprovedWork, BatchRef, HitPricing, OpenHit, PaidBonus, SubmittedWork } from './spend';

/** What the spend arithmetic needs of each HIT: its pricing and the batch it belongs to. */
export type HitFacts = ReadonlyMap<string, { readonly pricing: HitPricing; readonly batch: BatchRef | null }>;

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
/**
 * The UTC day work counts on, written exactly as `assignments_for_spend` indexes it (migration 280): SQLite uses an
 * index on an expression only for the same expression.
 */
const SPEND_DAY = `(COALESCE(a.approval_time, a.submit_time, a.last_seen_at) / ${DAY_MS})`;

/** The recorded batch, else the batch tag of a HIT launched from another computer. */
function batchOf(row: SqlRow): BatchRef | null {
  const id = strOrNull(row, 'batch_id');
  if (id !== null) return { id, name: strOrNull(row, 'batch_name') ?? id };
  const tag = readBatchTag(strOrNull(row, 'requester_annotation'));
  return tag ? { id: tag.batchId, name: `Batch ${tag.batchId} (found on MTurk)` } : null;
}

/**
 * Every HIT of the account once, with its recorded batch. Read once per summary and shared by its reads: joining the
 * HIT to each group in SQL read the HIT's whole row (its question included) once per group.
 */
export function hitFacts(db: ReadDb, connectionId: number): HitFacts {
  const rows = prepared(
    db,
    `SELECT h.hit_id, h.reward_cents, h.max_assignments, h.qualification_requirements, h.requester_annotation,
       b.id AS batch_id, b.name AS batch_name
     FROM hits h
     LEFT JOIN batch_hits bh ON bh.hit_id = h.hit_id
     LEFT JOIN batches b ON b.id = bh.batch_id AND b.connection_id = h.connection_id
     WHERE h.connection_id = ?`,
  ).all(connectionId) as SqlRow[];
  const pricing = pricingReader();
  return new Map(rows.map((row) => [str(row, 'hit_id'), { pricing: pricing(row), batch: batchOf(row) }]));
}

/**
 * Approved work per HIT and day; exported for the test that keeps its plan an index-only read in index order.
 * MIN(day) rather than day itself: SQLite takes an aggregate's argument from the index, but reads the table row for
 * a bare expression in the result (87,000 lookups at 120,000 assignments).
 */
export const APPROVED_WORK_SQL = `SELECT a.hit_id, MIN(${SPEND_DAY}) AS day, COUNT(*) AS n
  FROM assignments a INDEXED BY assignments_for_spend
  WHERE a.connection_id = ? AND a.status = 'Approved'
  GROUP BY a.hit_id, ${SPEND_DAY}`;

/** Submitted work per HIT and deadline (see submittedWork). */
export const SUBMITTED_WORK_SQL = `SELECT a.hit_id, a.auto_approval_time, COUNT(*) AS n
  FROM assignments a INDEXED BY assignments_for_spend
  WHERE a.connection_id = ? AND a.status = 'Submitted'
  GROUP BY a.hit_id, ${SPEND_DAY}, a.auto_approval_time`;

/**
 * Approved work counted per HIT and UTC day (the finest bucket spend is shown in), so a large archive yields a few
 * thousand rows instead of one per assignment, read in the order of `assignments_for_spend` (no sort).
 */
export function approvedWork(db: ReadDb, connectionId: number, hits: HitFacts = hitFacts(db, connectionId)): ApprovedWork[] {
  const rows = prepared(db, APPROVED_WORK_SQL).all(connectionId) as SqlRow[];
  return rows.flatMap((row) => {
    const hit = hits.get(str(row, 'hit_id'));
    return hit ? [{ ...hit.pricing, approvedAt: num(row, 'day') * DAY_MS, batch: hit.batch, count: num(row, 'n') }] : [];
  });
}

export function paidBonuses(db: ReadDb, connectionId: number, hits: HitFacts = hitFacts(db, connectionId)): PaidBonus[] {
  const rows = prepared(
    db,
    `SELECT bo.grant_time, bo.amount_cents, a.hit_id
     FROM bonuses bo
     LEFT JOIN assignments a ON a.connection_id = bo.connection_id AND a.assignment_id = bo.assignment_id
     WHERE bo.connection_id = ?`,
  ).all(connectionId) as SqlRow[];
  return rows.map((row) => {
    const hitId = strOrNull(row, 'hit_id');
    const batch = hitId === null ? null : (hits.get(hitId)?.batch ?? null);
    return { grantedAt: num(row, 'grant_time'), amountCents: num(row, 'amount_cents'), batch };
  });
}

/**
 * Submitted work counted per HIT and auto-approval time, with the HIT's batch (for the deadline windows). Grouping by
 * the index's day as well lets SQLite read the groups in index order; it changes nothing in practice (a deadline is
 * the submission plus the HIT's delay, so one deadline has one day), and a group split in two would only be counted
 * in two rows: every reader adds the counts up.
 */
export function submittedWork(db: ReadDb, connectionId: number, hits: HitFacts = hitFacts(db, connectionId)): SubmittedWork[] {
  const rows = prepared(db, SUBMITTED_WORK_SQL).all(connectionId) as SqlRow[];
  return rows.flatMap((row) => {
    const hit = hits.get(str(row, 'hit_id'));
    return hit ? [{ ...hit.pricing, autoApprovalAt: numOrNull(row, 'auto_approval_time'), batch: hit.batch, count: num(row, 'n') }] : [];
  });
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
