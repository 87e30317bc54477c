/**
 * Approve / reject, shared by the requester operations, auto-approval and review policies. Approval pays the
 * reward plus the MTurk fee from the HIT owner's balance; rejection costs nothing and frees no slot.
 */
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { emitEvent } from './events';
import { refreshHit, rewardFeeCents } from './hit-state';
import { debit, requireAvailable } from './ledger';
import type { AssignmentRow, HitView } from './rows';
import { recordDecision } from './worker-record';

/** The same context acting for another requester (the clock sweep settles every account's work). */
export function asRequester(ctx: OpContext, requester: string): OpContext {
  return requester === ctx.accessKeyId ? ctx : { ...ctx, accessKeyId: requester };
}

export function approveAssignment(
  ctx: OpContext,
  assignment: AssignmentRow,
  hit: HitView,
  feedback: string | undefined,
): void {
  const owner = asRequester(ctx, hit.requester);
  // A rejection released this assignment's hold, so overriding it is new spending: only money not held for other
  // work may pay for it, or approving that work later (and its auto-approval) would find the balance spent.
  if (assignment.status === 'Rejected') requireAvailable(owner, hit.reward_cents + rewardFeeCents(hit));
  debit(owner, 'reward', hit.reward_cents, assignment.assignment_id);
  debit(owner, 'reward-fee', rewardFeeCents(hit), assignment.assignment_id);
  sql(
    ctx.db,
    `UPDATE assignments SET status = 'Approved', approval_ms = ?, rejection_ms = NULL,
       requester_feedback = COALESCE(?, requester_feedback) WHERE assignment_id = ?`,
  ).run(ctx.now(), feedback ?? null, assignment.assignment_id);
  recordDecision(ctx, assignment.worker_id, assignment.status === 'Rejected' ? 'rejection-overridden' : 'approved');
  emitEvent(owner, 'AssignmentApproved', {
    hitTypeId: hit.hit_type_id,
    hitId: hit.hit_id,
    assignmentId: assignment.assignment_id,
  });
  refreshHit(owner, hit.hit_id);
}

export function rejectAssignment(ctx: OpContext, assignment: AssignmentRow, hit: HitView, feedback: string): void {
  const owner = asRequester(ctx, hit.requester);
  sql(
    ctx.db,
    "UPDATE assignments SET status = 'Rejected', rejection_ms = ?, requester_feedback = ? WHERE assignment_id = ?",
  ).run(ctx.now(), feedback, assignment.assignment_id);
  recordDecision(ctx, assignment.worker_id, 'rejected');
  emitEvent(owner, 'AssignmentRejected', {
    hitTypeId: hit.hit_type_id,
    hitId: hit.hit_id,
    assignmentId: assignment.assignment_id,
  });
  refreshHit(owner, hit.hit_id);
}
