/**
 * Runs review policies with the pure evaluators: ScoreMyKnownAnswers when an assignment is submitted,
 * SimplePlurality when the HIT becomes Reviewable. The planned actions are executed here (approve, reject,
 * extend), stamped Succeeded/Failed with their CompleteTime, and stored with the results for
 * ListReviewPolicyResultsForHIT.
 */
import { parseQuestionFormAnswers, type AnswerField } from '../../../shared/mturk/answers';
import { MTurkRequestError, type OpContext } from '../ops/types';
import {
  evaluateKnownAnswers,
  evaluatePlurality,
  parseReviewPolicy,
  type PlannedAction,
  type PluralityAssignment,
  type PolicyLevel,
  type ReviewOutcome,
} from '../rules/review-policies';
import { sql } from '../store/statements';
import { approveAssignment, rejectAssignment } from './decisions';
import { refreshHit } from './hit-state';
import { findAssignment, findHit, type AssignmentRow, type HitView } from './rows';
import { epochSeconds } from './wire';

function answersOf(assignment: AssignmentRow): AnswerField[] {
  if (!assignment.answer) return [];
  try {
    return parseQuestionFormAnswers(assignment.answer);
  } catch {
    return []; // an unparsable answer simply matches nothing
  }
}

function store(ctx: OpContext, hitId: string, level: PolicyLevel, kind: 'result' | 'action', body: object): void {
  sql(ctx.db, 'INSERT INTO review_reports (hit_id, level, kind, body) VALUES (?, ?, ?, ?)').run(hitId, level, kind, JSON.stringify(body));
}

/** Raises MaxAssignments (never across the 10-assignment line) and keeps the HIT open long enough. */
function extendHit(ctx: OpContext, hitId: string, added: number, minimumSeconds: number): string {
  const hit = findHit(ctx, hitId);
  if (!hit || hit.disposed) throw new MTurkRequestError('AWS.MechanicalTurk.InvalidHITState', 'The HIT can no longer be extended.');
  const total = hit.max_assignments + added;
  if (hit.max_assignments < 10 && total >= 10) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease', 'Extension would reach 10 assignments.');
  }
  const expiration = Math.max(hit.expiration_ms, ctx.now() + minimumSeconds * 1000);
  sql(ctx.db, 'UPDATE hits SET max_assignments = ?, expiration_ms = ?, expired_noted = 0, reviewing = 0 WHERE hit_id = ?').run(
    total,
    expiration,
    hitId,
  );
  refreshHit(ctx, hitId);
  return `Extended by ${added} assignment(s)`;
}

function execute(ctx: OpContext, action: PlannedAction): string {
  const effect = action.effect;
  if (effect.kind === 'extend') return extendHit(ctx, effect.hitId, effect.additionalAssignments, effect.minimumSecondsRemaining);
  const assignment = findAssignment(ctx, effect.assignmentId);
  const hit = assignment ? findHit(ctx, assignment.hit_id) : undefined;
  if (!assignment || !hit) throw new MTurkRequestError('AWS.MechanicalTurk.AssignmentDoesNotExist', 'The assignment does not exist.');
  const wanted = effect.kind === 'approve' ? 'Approved' : 'Rejected';
  if (assignment.status === wanted) return `Already ${wanted.toLowerCase()}`;
  if (assignment.status !== 'Submitted') {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidAssignmentState', `The assignment is already ${assignment.status}.`);
  }
  if (effect.kind === 'approve') approveAssignment(ctx, assignment, hit, effect.feedback);
  else rejectAssignment(ctx, assignment, hit, effect.feedback);
  return wanted;
}

function apply(ctx: OpContext, hitId: string, level: PolicyLevel, outcome: ReviewOutcome): void {
  for (const result of outcome.results) store(ctx, hitId, level, 'result', result);
  for (const action of outcome.actions) {
    const detail = { ...action.detail, CompleteTime: epochSeconds(ctx.now()) };
    try {
      // A savepoint per action: a failed action (no funds, wrong state) is reported, the others still run.
      const result = ctx.db.transaction(() => execute(ctx, action))();
      store(ctx, hitId, level, 'action', { ...detail, Status: 'Succeeded', Result: detail.Result ?? result });
    } catch (error) {
      if (!(error instanceof MTurkRequestError)) throw error;
      store(ctx, hitId, level, 'action', { ...detail, Status: 'Failed', Result: error.message, ErrorCode: error.turkErrorCode });
    }
  }
}

export function runAssignmentReviewPolicy(ctx: OpContext, assignment: AssignmentRow, hit: HitView): void {
  if (!hit.assignment_review_policy) return;
  const policy = parseReviewPolicy(JSON.parse(hit.assignment_review_policy), 'Assignment');
  if (policy.kind !== 'ScoreMyKnownAnswers') return;
  const subject = { hitId: hit.hit_id, assignmentId: assignment.assignment_id, answers: answersOf(assignment), maxAssignments: hit.max_assignments };
  apply(ctx, hit.hit_id, 'Assignment', evaluateKnownAnswers(policy, subject, () => ctx.newId('entity')));
}

function knownAnswerScores(ctx: OpContext, hitId: string): Map<string, number> {
  const rows = sql(ctx.db, "SELECT body FROM review_reports WHERE hit_id = ? AND level = 'Assignment' AND kind = 'result'").all(hitId) as {
    body: string;
  }[];
  const scores = new Map<string, number>();
  for (const { body } of rows) {
    const result = JSON.parse(body) as { Key?: string; SubjectId?: string; Value?: string };
    if (result.Key === 'KnownAnswerScore' && result.SubjectId) scores.set(result.SubjectId, Number(result.Value));
  }
  return scores;
}

export function runHitReviewPolicy(ctx: OpContext, hit: HitView): HitView {
  if (!hit.hit_review_policy) return hit;
  const policy = parseReviewPolicy(JSON.parse(hit.hit_review_policy), 'HIT');
  if (policy.kind !== 'SimplePlurality') return hit;
  const scores = knownAnswerScores(ctx, hit.hit_id);
  const rows = sql(
    ctx.db,
    "SELECT * FROM assignments WHERE hit_id = ? AND status IN ('Submitted', 'Approved', 'Rejected') ORDER BY submit_ms, rowid",
  ).all(hit.hit_id) as AssignmentRow[];
  const assignments: PluralityAssignment[] = rows.map((row) => {
    const score = scores.get(row.assignment_id);
    return {
      assignmentId: row.assignment_id,
      workerId: row.worker_id,
      status: row.status as PluralityAssignment['status'],
      answers: answersOf(row),
      ...(score === undefined ? {} : { knownAnswerScore: score }),
    };
  });
  const outcome = evaluatePlurality(policy, { hitId: hit.hit_id, maxAssignments: hit.max_assignments, assignments }, () => ctx.newId('entity'));
  apply(ctx, hit.hit_id, 'HIT', outcome);
  return refreshHit(ctx, hit.hit_id).hit;
}
