/**
 * What the worker site shows about one worker: the queue of accepted work, the dashboard figures, recent work and
 * qualifications. Read-only queries over the Local MTurk's tables.
 */
import type { AssignmentStatus } from '../domain/rows';
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';

export interface QueuedAssignment {
  assignmentId: string;
  hitId: string;
  title: string;
  requester: string;
  rewardCents: number;
  acceptMs: number;
  deadlineMs: number;
}

export function queueOf(ctx: OpContext, workerId: string): QueuedAssignment[] {
  return sql(
    ctx.db,
    `SELECT a.assignment_id AS assignmentId, a.hit_id AS hitId, t.title, h.requester, t.reward_cents AS rewardCents,
            a.accept_ms AS acceptMs, a.deadline_ms AS deadlineMs
     FROM assignments a JOIN hits h ON h.hit_id = a.hit_id JOIN hit_types t ON t.hit_type_id = h.hit_type_id
     WHERE a.worker_id = ? AND a.status = 'Accepted' ORDER BY a.deadline_ms, a.rowid`,
  ).all(workerId) as QueuedAssignment[];
}

export interface WorkDone {
  assignmentId: string;
  title: string;
  requester: string;
  rewardCents: number;
  status: AssignmentStatus;
  submitMs: number;
  feedback: string | null;
}

export interface WorkerStanding {
  submitted: number;
  pending: number;
  approved: number;
  rejected: number;
  /** Approved ÷ (approved + rejected), in percent; undefined before any decision. */
  approvalRatePercent?: number;
  approvedRewardCents: number;
  bonusCents: number;
  recent: WorkDone[];
}

export function standingOf(ctx: OpContext, workerId: string): WorkerStanding {
  const counts = sql(
    ctx.db,
    `SELECT a.status AS status, COUNT(*) AS n, SUM(t.reward_cents) AS cents
     FROM assignments a JOIN hits h ON h.hit_id = a.hit_id JOIN hit_types t ON t.hit_type_id = h.hit_type_id
     WHERE a.worker_id = ? AND a.status IN ('Submitted', 'Approved', 'Rejected') GROUP BY a.status`,
  ).all(workerId) as { status: AssignmentStatus; n: number; cents: number }[];
  const of = (status: AssignmentStatus): { n: number; cents: number } => counts.find((row) => row.status === status) ?? { n: 0, cents: 0 };
  const bonus = sql(ctx.db, 'SELECT COALESCE(SUM(amount_cents), 0) AS cents FROM bonus_payments WHERE worker_id = ?').get(workerId) as {
    cents: number;
  };
  const recent = sql(
    ctx.db,
    `SELECT a.assignment_id AS assignmentId, t.title, h.requester, t.reward_cents AS rewardCents, a.status, a.submit_ms AS submitMs,
            a.requester_feedback AS feedback
     FROM assignments a JOIN hits h ON h.hit_id = a.hit_id JOIN hit_types t ON t.hit_type_id = h.hit_type_id
     WHERE a.worker_id = ? AND a.status IN ('Submitted', 'Approved', 'Rejected') ORDER BY a.submit_ms DESC, a.rowid DESC LIMIT 20`,
  ).all(workerId) as WorkDone[];
  const approved = of('Approved').n;
  const rejected = of('Rejected').n;
  const decided = approved + rejected;
  return {
    submitted: of('Submitted').n + decided,
    pending: of('Submitted').n,
    approved,
    rejected,
    ...(decided > 0 ? { approvalRatePercent: (approved / decided) * 100 } : {}),
    approvedRewardCents: of('Approved').cents,
    bonusCents: bonus.cents,
    recent,
  };
}

export interface HeldQualification {
  typeId: string;
  name: string;
  value: number | null;
  status: 'Granted' | 'Revoked';
  grantMs: number;
}

export interface RequestableQualification {
  typeId: string;
  name: string;
  description: string;
  requester: string;
  hasTest: boolean;
  autoGranted: boolean;
  /** The worker's latest request for it, if any. */
  lastRequest?: { status: 'Pending' | 'Granted' | 'Rejected'; reason: string | null; integerValue: number | null };
}

export function heldQualificationsOf(ctx: OpContext, workerId: string): HeldQualification[] {
  return sql(
    ctx.db,
    `SELECT g.qualification_type_id AS typeId, t.name, g.integer_value AS value, g.status, g.grant_ms AS grantMs
     FROM qualification_grants g JOIN qualification_types t USING (qualification_type_id)
     WHERE g.worker_id = ? AND t.status != 'Disposing' ORDER BY t.name`,
  ).all(workerId) as HeldQualification[];
}

export function requestableQualifications(ctx: OpContext, workerId: string): RequestableQualification[] {
  const types = sql(
    ctx.db,
    `SELECT qualification_type_id AS typeId, name, description, requester, test IS NOT NULL AS hasTest, auto_granted AS autoGranted
     FROM qualification_types WHERE status = 'Active' ORDER BY name`,
  ).all() as (Omit<RequestableQualification, 'hasTest' | 'autoGranted' | 'lastRequest'> & { hasTest: number; autoGranted: number })[];
  const latest = sql(
    ctx.db,
    `SELECT status, reason, integer_value AS integerValue FROM qualification_requests
     WHERE qualification_type_id = ? AND worker_id = ? ORDER BY submit_ms DESC, seq DESC LIMIT 1`,
  );
  return types.map((type) => {
    const last = latest.get(type.typeId, workerId) as RequestableQualification['lastRequest'];
    return { ...type, hasTest: type.hasTest === 1, autoGranted: type.autoGranted === 1, ...(last ? { lastRequest: last } : {}) };
  });
}

/** The name of a live qualification type (for labelling a missing requirement). */
export function qualificationName(ctx: OpContext, typeId: string): string | undefined {
  const row = sql(ctx.db, "SELECT name FROM qualification_types WHERE qualification_type_id = ? AND status != 'Disposing'").get(typeId) as
    | { name: string }
    | undefined;
  return row?.name;
}
