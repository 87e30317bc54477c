/**
 * What a worker does: discover, preview, accept, submit, return, abandon. Blocks and qualification
 * requirements are enforced for the action being taken, by ActionsGuarded.
 */
import { buildQuestionFormAnswers, type AnswerField } from '../../../shared/mturk/answers';
import { approveAssignment, asRequester } from '../domain/decisions';
import { emitEvent, type EventType } from '../domain/events';
import { settleHit } from '../domain/lifecycle';
import { runAssignmentReviewPolicy } from '../domain/review';
import { findAssignment, findHit, hitViews, parseJsonList, type AssignmentRow, type HitRow, type HitView } from '../domain/rows';
import { epochSeconds, hitToWire } from '../domain/wire';
import type { OpContext } from '../ops/types';
import { checkRequirements, type QualificationRequirement } from '../rules/requirements';
import { sql } from '../store/statements';
import { ControlError } from './errors';
import { loadWorker } from './workers';

type Action = 'Discover' | 'Preview' | 'Accept';

export function refusal(ctx: OpContext, hit: HitView, workerId: string, action: Action): string | undefined {
  if (sql(ctx.db, 'SELECT 1 FROM worker_blocks WHERE requester = ? AND worker_id = ?').get(hit.requester, workerId)) {
    return `Worker ${workerId} is blocked by the requester of HIT ${hit.hit_id}.`;
  }
  const requirements = parseJsonList(hit.qualification_requirements) as QualificationRequirement[];
  const owner = asRequester(ctx, hit.requester);
  const check = checkRequirements(owner, requirements, loadWorker(ctx, workerId), action);
  return check.allowed ? undefined : check.failures.join(' ');
}

function liveHit(ctx: OpContext, hitId: string): HitView {
  const hit = findHit(ctx, hitId);
  if (!hit || hit.disposed) throw new ControlError(404, 'HITNotFound', `HIT ${hitId} does not exist.`);
  return hit;
}

/** HITs the worker can find: Assignable, not blocked, passing every requirement that guards discovery. */
export function listVisibleHits(ctx: OpContext, workerId: string): Record<string, unknown>[] {
  loadWorker(ctx, workerId);
  const hits = hitViews(ctx, sql(ctx.db, "SELECT * FROM hits WHERE status = 'Assignable' ORDER BY rowid").all() as HitRow[]);
  return hits.filter((hit) => refusal(ctx, hit, workerId, 'Discover') === undefined).map(hitToWire);
}

export function previewHit(ctx: OpContext, workerId: string, hitId: string): Record<string, unknown> {
  const hit = liveHit(ctx, hitId);
  const refused = refusal(ctx, hit, workerId, 'Preview');
  if (refused) throw new ControlError(403, 'NotQualified', refused);
  return hitToWire(hit);
}

export interface AcceptedAssignment {
  AssignmentId: string;
  HITId: string;
  WorkerId: string;
  AcceptTime: number;
  Deadline: number;
}

function emitFor(ctx: OpContext, type: EventType, hit: HitView, assignmentId: string): void {
  emitEvent(asRequester(ctx, hit.requester), type, { hitTypeId: hit.hit_type_id, hitId: hit.hit_id, assignmentId });
}

/** MTurk's cap on a worker's queue: HITs accepted and not yet submitted, returned or abandoned. */
export const MAX_ACCEPTED_UNSUBMITTED = 25;

export function acceptHit(ctx: OpContext, workerId: string, hitId: string): AcceptedAssignment {
  const hit = liveHit(ctx, hitId);
  if (hit.status !== 'Assignable') {
    throw new ControlError(409, 'HITNotAssignable', `HIT ${hitId} is ${hit.status}; only Assignable HITs can be accepted.`);
  }
  const refused = refusal(ctx, hit, workerId, 'Accept');
  if (refused) throw new ControlError(403, 'NotQualified', refused);
  const held = sql(
    ctx.db,
    "SELECT 1 FROM assignments WHERE hit_id = ? AND worker_id = ? AND status NOT IN ('Returned', 'Abandoned')",
  ).get(hitId, workerId);
  if (held) throw new ControlError(409, 'AlreadyAccepted', `Worker ${workerId} already has an assignment for HIT ${hitId}.`);
  const queued = sql(ctx.db, "SELECT COUNT(*) AS n FROM assignments WHERE worker_id = ? AND status = 'Accepted'").get(workerId) as { n: number };
  if (queued.n >= MAX_ACCEPTED_UNSUBMITTED) {
    throw new ControlError(
      409,
      'TooManyAcceptedHITs',
      `You have already accepted the maximum number of HITs (${MAX_ACCEPTED_UNSUBMITTED}). Submit or return one of them before accepting another.`,
    );
  }
  const now = ctx.now();
  const assignmentId = ctx.newId('entity');
  const deadline = now + hit.assignment_duration_s * 1000;
  sql(
    ctx.db,
    "INSERT INTO assignments (assignment_id, hit_id, worker_id, status, accept_ms, deadline_ms) VALUES (?, ?, ?, 'Accepted', ?, ?)",
  ).run(assignmentId, hitId, workerId, now, deadline);
  emitFor(ctx, 'AssignmentAccepted', hit, assignmentId);
  settleHit(asRequester(ctx, hit.requester), hitId);
  return { AssignmentId: assignmentId, HITId: hitId, WorkerId: workerId, AcceptTime: epochSeconds(now), Deadline: epochSeconds(deadline) };
}

function inFlight(ctx: OpContext, assignmentId: string): { assignment: AssignmentRow; hit: HitView } {
  const assignment = findAssignment(ctx, assignmentId);
  const hit = assignment ? findHit(ctx, assignment.hit_id) : undefined;
  if (!assignment || !hit) throw new ControlError(404, 'AssignmentNotFound', `Assignment ${assignmentId} does not exist.`);
  if (assignment.status !== 'Accepted') {
    throw new ControlError(409, 'AssignmentNotInProgress', `Assignment ${assignmentId} is ${assignment.status}, not in progress.`);
  }
  return { assignment, hit };
}

/** Answers: a QuestionFormAnswers document, answer fields, or a plain map (string → FreeText, string[] → selections). */
export type SubmittedAnswers = string | readonly AnswerField[] | Readonly<Record<string, string | readonly string[]>>;

export function answersXml(answers: SubmittedAnswers): string {
  if (typeof answers === 'string') return answers;
  if (Array.isArray(answers)) return buildQuestionFormAnswers(answers as readonly AnswerField[]);
  const fields = Object.entries(answers as Record<string, string | readonly string[]>).map(
    ([questionIdentifier, value]): AnswerField =>
      typeof value === 'string' ? { questionIdentifier, freeText: value } : { questionIdentifier, selectionIdentifiers: [...value] },
  );
  return buildQuestionFormAnswers(fields);
}

/** Allowed until the assignment's deadline, even after the HIT expired. */
export function submitAssignment(ctx: OpContext, assignmentId: string, answers: SubmittedAnswers): void {
  const { assignment, hit } = inFlight(ctx, assignmentId);
  const now = ctx.now();
  const autoApprovalAt = now + hit.auto_approval_delay_s * 1000;
  sql(
    ctx.db,
    "UPDATE assignments SET status = 'Submitted', submit_ms = ?, auto_approval_ms = ?, answer = ? WHERE assignment_id = ?",
  ).run(now, autoApprovalAt, answersXml(answers), assignmentId);
  emitFor(ctx, 'AssignmentSubmitted', hit, assignmentId);
  const owner = asRequester(ctx, hit.requester);
  const submitted = findAssignment(ctx, assignmentId) ?? assignment;
  if (hit.assignment_review_policy) runAssignmentReviewPolicy(owner, submitted, hit);
  const current = findAssignment(ctx, assignmentId);
  // A zero auto-approval delay approves at submission.
  if (current?.status === 'Submitted' && hit.auto_approval_delay_s === 0) approveAssignment(owner, current, hit, undefined);
  settleHit(owner, hit.hit_id);
}

function release(ctx: OpContext, assignmentId: string, status: 'Returned' | 'Abandoned'): void {
  const { hit } = inFlight(ctx, assignmentId);
  sql(ctx.db, 'UPDATE assignments SET status = ? WHERE assignment_id = ?').run(status, assignmentId);
  emitFor(ctx, status === 'Returned' ? 'AssignmentReturned' : 'AssignmentAbandoned', hit, assignmentId);
  settleHit(asRequester(ctx, hit.requester), hit.hit_id);
}

export const returnAssignment = (ctx: OpContext, assignmentId: string): void => release(ctx, assignmentId, 'Returned');

/** Lets the assignment lapse now, as if its deadline had passed. */
export const abandonAssignment = (ctx: OpContext, assignmentId: string): void => release(ctx, assignmentId, 'Abandoned');
