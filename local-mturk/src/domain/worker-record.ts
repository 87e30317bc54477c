/**
 * A worker's record as the system qualifications read it: every approval (auto-approval included) adds to
 * Worker_NumberHITsApproved, and the approval rate is recomputed from the lifetime approved and rejected counts.
 */
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';

export type Decision = 'approved' | 'rejected' | 'rejection-overridden';

/** Whole percent, rounded down: one rejection among a thousand approvals already reads 99. */
export function approvalRate(approved: number, rejected: number): number {
  const total = approved + rejected;
  return total === 0 ? 100 : Math.floor((approved * 100) / total);
}

/**
 * Rejections implied by a worker created with an approval rate and an approved count: the most that keep the rate
 * at least as given, so the next approval never lowers it.
 */
export function impliedRejections(approvalRatePercent: number, hitsApproved: number): number {
  if (approvalRatePercent >= 100) return 0;
  if (approvalRatePercent <= 0) return Math.max(hitsApproved, 1);
  return Math.floor((hitsApproved * (100 - approvalRatePercent)) / approvalRatePercent);
}

export function recordDecision(ctx: OpContext, workerId: string, decision: Decision): void {
  const delta = { approved: [1, 0], rejected: [0, 1], 'rejection-overridden': [1, -1] }[decision];
  const row = sql(ctx.db, 'SELECT hits_approved, hits_rejected FROM workers WHERE worker_id = ?').get(workerId) as
    | { hits_approved: number; hits_rejected: number }
    | undefined;
  // Work can be submitted by worker ids the control API never created (the form target takes any assignment).
  if (!row) return;
  const approved = row.hits_approved + (delta[0] ?? 0);
  const rejected = Math.max(0, row.hits_rejected + (delta[1] ?? 0));
  sql(ctx.db, 'UPDATE workers SET hits_approved = ?, hits_rejected = ?, approval_rate = ? WHERE worker_id = ?').run(
    approved,
    rejected,
    approvalRate(approved, rejected),
    workerId,
  );
}
