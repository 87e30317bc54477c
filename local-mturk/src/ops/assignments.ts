/**
 * GetAssignment, ListAssignmentsForHIT, ApproveAssignment (with OverrideRejection), RejectAssignment and
 * GetFileUploadURL. Only submitted work exists for the requester.
 */
import { approveAssignment, rejectAssignment } from '../domain/decisions';
import { loadHit, loadSubmittedAssignment, type AssignmentRow } from '../domain/rows';
import { assignmentToWire, hitToWire } from '../domain/wire';
import { sql } from '../store/statements';
import { optBoolean, optString, optStringList, reqString, seqKey } from './input';
import { paginate } from './paginate';
import { MTurkRequestError, type OperationHandler } from './types';

const OVERRIDE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function invalidAssignmentState(allowed: string): MTurkRequestError {
  return new MTurkRequestError(
    'AWS.MechanicalTurk.InvalidAssignmentState',
    `This operation can be called with a status of: ${allowed}`,
  );
}

export const getAssignment: OperationHandler = (input, ctx) => {
  const { assignment, hit } = loadSubmittedAssignment(ctx, reqString(input, 'AssignmentId'));
  return { Assignment: assignmentToWire(assignment), HIT: hitToWire(hit) };
};

/** Submitted work of the HIT in submission order (legacy default: SubmitTime ascending). */
export const listAssignmentsForHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  const statuses = optStringList(input, 'AssignmentStatuses') ?? ['Submitted', 'Approved', 'Rejected'];
  const rows = sql(
    ctx.db,
    `SELECT rowid AS seq, * FROM assignments WHERE hit_id = ?
       AND status IN ('Submitted', 'Approved', 'Rejected') AND status IN (SELECT value FROM json_each(?))
     ORDER BY submit_ms, rowid`,
  ).all(hit.hit_id, JSON.stringify(statuses)) as (AssignmentRow & { seq: number; submit_ms: number })[];
  const { page, NextToken, NumResults } = paginate('ListAssignmentsForHIT', input, rows, (row) => `${seqKey(row.submit_ms)}|${seqKey(row.seq)}`);
  return { ...(NextToken ? { NextToken } : {}), NumResults, Assignments: page.map(assignmentToWire) };
};

export const approveAssignmentOp: OperationHandler = (input, ctx) => {
  const { assignment, hit } = loadSubmittedAssignment(ctx, reqString(input, 'AssignmentId'));
  const override = optBoolean(input, 'OverrideRejection') ?? false;
  if (assignment.status === 'Rejected' && override) {
    const submittedAt = assignment.submit_ms ?? 0;
    if (hit.disposed || ctx.now() - submittedAt > OVERRIDE_WINDOW_MS) {
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.InvalidAssignmentState',
        'A rejection can only be overridden within 30 days of submission and while the HIT has not been deleted.',
      );
    }
  } else if (assignment.status !== 'Submitted') {
    throw invalidAssignmentState(override ? 'Submitted, Rejected' : 'Submitted');
  }
  approveAssignment(ctx, assignment, hit, optString(input, 'RequesterFeedback'));
  return {};
};

export const rejectAssignmentOp: OperationHandler = (input, ctx) => {
  const { assignment, hit } = loadSubmittedAssignment(ctx, reqString(input, 'AssignmentId'));
  if (assignment.status !== 'Submitted') throw invalidAssignmentState('Submitted');
  rejectAssignment(ctx, assignment, hit, reqString(input, 'RequesterFeedback'));
  return {};
};

/**
 * FileUploadAnswer was withdrawn from QuestionForm in 2017, so no answer can hold an uploaded file:
 * the call is refused for any question of a real, submitted assignment.
 */
export const getFileUploadURL: OperationHandler = (input, ctx) => {
  const { assignment } = loadSubmittedAssignment(ctx, reqString(input, 'AssignmentId'));
  const question = reqString(input, 'QuestionIdentifier');
  throw new MTurkRequestError(
    'AWS.MechanicalTurk.InvalidParameterValue',
    `Assignment ${assignment.assignment_id} has no uploaded file for question ${question}.`,
  );
};
