/**
 * HIT status and counters, recomputed from the assignments after every change. Expiring and entering Reviewable emit their events.
 */
import { mturkFeeCents, type FeeOptions } from '../../../shared/domain/fees';
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { emitEvent } from './events';
import { adjustHold } from './ledger';
import { requiresMasters, type QualificationRequirement } from '../rules/requirements';
import { findHit, parseJsonList, type HitStatus, type HitView } from './rows';

export interface RefreshResult {
  hit: HitView;
  /** True when this refresh moved the HIT into Reviewable (the HIT review policy runs then). */
  becameReviewable: boolean;
}

interface Counts {
  pending: number;
  submitted: number;
  decided: number;
}

function countAssignments(ctx: OpContext, hitId: string): Counts {
  const row = sql(
    ctx.db,
    `SELECT COALESCE(SUM(status = 'Accepted'), 0) AS pending, COALESCE(SUM(status = 'Submitted'), 0) AS submitted,
            COALESCE(SUM(status IN ('Approved', 'Rejected')), 0) AS decided
     FROM assignments WHERE hit_id = ?`,
  ).get(hitId) as Counts;
  return row;
}

/** Fee options of a HIT: a Masters requirement adds 5 % to the reward commission. */
export function feeOptionsOf(requirementsJson: string): FeeOptions {
  return { masters: requiresMasters(parseJsonList(requirementsJson) as QualificationRequirement[]) };
}

export function rewardFeeCents(hit: Pick<HitView, 'reward_cents' | 'max_assignments' | 'qualification_requirements'>): number {
  return mturkFeeCents(hit.reward_cents, 'reward', hit.max_assignments, feeOptionsOf(hit.qualification_requirements));
}

export function costPerAssignmentCents(hit: Pick<HitView, 'reward_cents' | 'max_assignments' | 'qualification_requirements'>): number {
  return hit.reward_cents + rewardFeeCents(hit);
}

function deriveStatus(hit: HitView, counts: Counts, expired: boolean, available: number): HitStatus {
  const submittedTotal = counts.submitted + counts.decided;
  if (hit.disposed) return 'Disposed';
  if (hit.reviewing) return 'Reviewing';
  if (counts.pending === 0 && (expired || submittedTotal >= hit.max_assignments)) return 'Reviewable';
  if (!expired && available > 0) return 'Assignable';
  return 'Unassignable';
}

/** Recomputes and stores the HIT's status, counters and money on hold; returns the fresh view. */
export function refreshHit(ctx: OpContext, hitId: string): RefreshResult {
  const hit = findHit(ctx, hitId);
  if (!hit) throw new Error(`refreshHit: no HIT ${hitId}`);
  const counts = countAssignments(ctx, hitId);
  const expired = ctx.now() >= hit.expiration_ms;
  const submittedTotal = counts.submitted + counts.decided;
  const available = expired || hit.disposed ? 0 : Math.max(0, hit.max_assignments - counts.pending - submittedTotal);
  const status = deriveStatus(hit, counts, expired, available);
  // Liability still to be paid: every undecided slot while live; only work in hand once expired.
  const outstanding = hit.disposed ? 0 : expired ? counts.pending + counts.submitted : hit.max_assignments - counts.decided;
  const hold = Math.max(0, outstanding) * costPerAssignmentCents(hit);
  if (hold !== hit.hold_cents) adjustHold(ctx.db, hit.requester, hold - hit.hold_cents);
  const newlyExpired = expired && !hit.expired_noted;
  sql(
    ctx.db,
    `UPDATE hits SET status = ?, pending = ?, available = ?, completed = ?, submitted_total = ?, hold_cents = ?,
       expired_noted = ? WHERE hit_id = ?`,
  ).run(status, counts.pending, available, counts.decided, submittedTotal, hold, expired ? 1 : 0, hitId);
  const subject = { hitTypeId: hit.hit_type_id, hitId };
  if (newlyExpired && submittedTotal < hit.max_assignments) emitEvent(ctx, 'HITExpired', subject);
  const fresh: HitView = {
    ...hit,
    status,
    pending: counts.pending,
    available,
    completed: counts.decided,
    submitted_total: submittedTotal,
    hold_cents: hold,
    expired_noted: expired ? 1 : 0,
  };
  const becameReviewable = status === 'Reviewable' && hit.status !== 'Reviewable' && hit.status !== 'Reviewing';
  if (becameReviewable) emitEvent(ctx, 'HITReviewable', subject);
  return { hit: fresh, becameReviewable };
}
