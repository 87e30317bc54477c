/**
 * Decides, from the archive alone, what each verdict would do — or why it is left alone — before anything is sent:
 * MTurk's rules (only Submitted work is approved or rejected; a rejection is overridden only within 30 days of
 * submission and while its HIT exists) are read per assignment instead of as refusals.
 */
import { OVERRIDE_WINDOW_MS, type ReviewDecision, type ReviewPlan } from '../../../shared/contract/review';
import type { OperationKind } from '../../../shared/domain/archive-types';
import { mturkFeeCents, requiresMasters } from '../../../shared/domain/fees';
import type { ReadDb } from '../../archive/db-types';
import { assignmentForReview, rejectionsSince, type AssignmentForReview } from '../../archive/repos/review';

export interface PlannedDecision {
  readonly assignmentId: string;
  readonly kind: OperationKind;
  readonly request: { readonly assignmentId: string; readonly feedback?: string };
  /** Reward + fee an approval pays; 0 for a rejection. */
  readonly costCents: number;
}

const DAY_MS = 86_400_000;
const when = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

type Judgement = { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly reason: string };

function judge(decision: ReviewDecision, found: AssignmentForReview, now: number): Judgement {
  const { status } = found;
  switch (decision.verdict) {
    case 'approve':
      if (status === 'Approved') return { ok: false, reason: 'is already Approved' };
      if (status === 'Rejected') return { ok: false, reason: 'is Rejected: approving it means overriding the rejection (review override)' };
      return { ok: true, detail: 'Submitted → Approved' };
    case 'reject':
      if (status !== 'Submitted') return { ok: false, reason: `is already ${status}: only Submitted work can be rejected` };
      if ((decision.feedback ?? '').trim() === '') return { ok: false, reason: 'has no feedback: a rejection needs a reason the worker reads' };
      if (found.autoApprovalTime !== null && found.autoApprovalTime <= now) {
        return { ok: false, reason: `passed its auto-approval time (${when(found.autoApprovalTime)}): MTurk has approved it; sync to see` };
      }
      return { ok: true, detail: 'Submitted → Rejected' };
    case 'override': {
      if (status !== 'Rejected') return { ok: false, reason: `is ${status}, not Rejected: there is no rejection to override` };
      if (found.hitGone) return { ok: false, reason: 'belongs to a HIT deleted on MTurk: its rejection can no longer be overridden' };
      if (found.submitTime === null) return { ok: false, reason: 'has no submit time in the archive: sync first, so the 30-day window can be checked' };
      const until = found.submitTime + OVERRIDE_WINDOW_MS;
      if (until <= now) return { ok: false, reason: `was submitted ${when(found.submitTime)}: MTurk overrides a rejection only within 30 days of submission (until ${when(until)})` };
      return { ok: true, detail: `Rejected → Approved (possible until ${when(until)})` };
    }
  }
}

const KIND: Record<ReviewDecision['verdict'], OperationKind> = { approve: 'approve', reject: 'reject', override: 'override-rejection' };

function approvalCostCents(found: AssignmentForReview): { rewardCents: number; feeCents: number } {
  let requirements: { QualificationTypeId: string }[] = [];
  try {
    requirements = JSON.parse(found.qualificationRequirements) as { QualificationTypeId: string }[];
  } catch {
    // An unreadable requirement list only affects the Masters surcharge shown, never what is sent.
  }
  const feeCents = mturkFeeCents(found.rewardCents, 'reward', found.maxAssignments, { masters: requiresMasters(requirements) });
  return { rewardCents: found.rewardCents, feeCents };
}

export function planReview(
  db: ReadDb,
  connectionId: number,
  decisions: readonly ReviewDecision[],
  options: { now: number; busy: (assignmentId: string) => boolean; connectionLabel: string },
): { plan: Omit<ReviewPlan, 'connection' | 'typeToConfirm' | 'balance'>; decisions: PlannedDecision[] } {
  const planned: PlannedDecision[] = [];
  const ready: ReviewPlan['ready'][number][] = [];
  const skipped: ReviewPlan['skipped'][number][] = [];
  const counts = { approve: 0, reject: 0, override: 0 };
  const workers = new Set<string>();
  const rejectionsByWorker = new Map<string, number>();
  // Approvals are paid from the money held since the HIT was created; overrides from the available balance.
  const approvals = { rewardsCents: 0, feesCents: 0 };
  const overrides = { rewardsCents: 0, feesCents: 0 };
  const seen = new Set<string>();
  for (const decision of decisions) {
    const id = decision.assignmentId;
    if (seen.has(id)) {
      skipped.push({ assignmentId: id, reason: 'is named twice: only its first verdict is sent' });
      continue;
    }
    seen.add(id);
    const found = assignmentForReview(db, connectionId, id);
    if (!found) {
      skipped.push({ assignmentId: id, reason: `is not in the archive of ${options.connectionLabel}: sync first, or check the id` });
      continue;
    }
    if (options.busy(id)) {
      skipped.push({ assignmentId: id, reason: 'is being decided by a running send; wait for it to finish' });
      continue;
    }
    const judgement = judge(decision, found, options.now);
    if (!judgement.ok) {
      skipped.push({ assignmentId: id, reason: judgement.reason });
      continue;
    }
    const feedback = decision.feedback?.trim() ? decision.feedback : undefined;
    let costCents = 0;
    if (decision.verdict === 'reject') {
      rejectionsByWorker.set(found.workerId, (rejectionsByWorker.get(found.workerId) ?? 0) + 1);
    } else {
      const cost = approvalCostCents(found);
      const sum = decision.verdict === 'override' ? overrides : approvals;
      sum.rewardsCents += cost.rewardCents;
      sum.feesCents += cost.feeCents;
      costCents = cost.rewardCents + cost.feeCents;
    }
    counts[decision.verdict] += 1;
    workers.add(found.workerId);
    planned.push({ assignmentId: id, kind: KIND[decision.verdict], request: { assignmentId: id, ...(feedback === undefined ? {} : { feedback }) }, costCents });
    ready.push({ assignmentId: id, workerId: found.workerId, verdict: decision.verdict, detail: judgement.detail });
  }
  const startOfToday = Math.floor(options.now / DAY_MS) * DAY_MS;
  const already = rejectionsSince(db, connectionId, [...rejectionsByWorker.keys()], startOfToday);
  const rejectedWorkers = [...rejectionsByWorker.entries()]
    .map(([workerId, inThisSend]) => ({ workerId, inThisSend, todayAfter: (already.get(workerId) ?? 0) + inThisSend }))
    .sort((a, b) => b.todayAfter - a.todayAfter || a.workerId.localeCompare(b.workerId));
  return {
    plan: {
      ...counts,
      workers: workers.size,
      ready,
      skipped,
      approvalCost: { ...approvals, totalCents: approvals.rewardsCents + approvals.feesCents },
      overrideCost: { ...overrides, totalCents: overrides.rewardsCents + overrides.feesCents },
      rejectedWorkers,
    },
    decisions: planned,
  };
}
