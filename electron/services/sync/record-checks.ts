/**
 * What a sync checks in each record MTurk sends before archiving it. One malformed record (a HIT whose CreationTime
 * is not a time, an assignment without a worker) must cost that record only, with its reason, never the whole sync.
 * Each check returns the problems in plain words, or an empty list.
 */
import type { Assignment, BonusPayment, Hit, Qualification, QualificationRequest, QualificationType, WorkerBlock } from '../../mturk/types';
import type { RecordKind } from './checked-writes';

/** 9999-12-31: past it a date is a unit mix-up (seconds read as milliseconds), not a time MTurk meant. */
const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

type Problems = string[];

const shown = (value: unknown): string => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? String(value));

function id(problems: Problems, value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${field} is missing`);
}

function time(problems: Problems, value: unknown, field: string, required: boolean): void {
  if (value === null || value === undefined) {
    if (required) problems.push(`${field} is missing`);
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${field} is not a valid time (MTurk sent a value no date can hold)`);
  else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LATEST_TIME)
    problems.push(`${field} is not a valid time (${shown(value)})`);
}

function whole(problems: Problems, value: unknown, field: string, nullable = false): void {
  if (value === null && nullable) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) problems.push(`${field} is not a whole number ≥ 0 (${shown(value)})`);
}

function text(problems: Problems, value: unknown, field: string, nullable = false): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') problems.push(`${field} is not text (${shown(value)})`);
}

export function hitProblems(hit: Hit): Problems {
  const p: Problems = [];
  id(p, hit.hitId, 'HITId');
  id(p, hit.hitTypeId, 'HITTypeId');
  text(p, hit.title, 'Title');
  text(p, hit.description, 'Description');
  whole(p, hit.rewardCents, 'Reward');
  whole(p, hit.maxAssignments, 'MaxAssignments');
  whole(p, hit.assignmentDurationSeconds, 'AssignmentDurationInSeconds');
  whole(p, hit.autoApprovalDelaySeconds, 'AutoApprovalDelayInSeconds');
  whole(p, hit.assignmentsPending, 'NumberOfAssignmentsPending', true);
  whole(p, hit.assignmentsAvailable, 'NumberOfAssignmentsAvailable', true);
  whole(p, hit.assignmentsCompleted, 'NumberOfAssignmentsCompleted', true);
  if (!Array.isArray(hit.qualificationRequirements)) p.push('QualificationRequirements is not a list');
  time(p, hit.creationTime, 'CreationTime', true);
  time(p, hit.expiration, 'Expiration', true);
  return p;
}

export function assignmentProblems(assignment: Assignment): Problems {
  const p: Problems = [];
  id(p, assignment.assignmentId, 'AssignmentId');
  id(p, assignment.hitId, 'HITId');
  id(p, assignment.workerId, 'WorkerId');
  id(p, assignment.status, 'AssignmentStatus');
  text(p, assignment.answerXml, 'Answer');
  time(p, assignment.acceptTime, 'AcceptTime', false);
  time(p, assignment.submitTime, 'SubmitTime', false);
  time(p, assignment.autoApprovalTime, 'AutoApprovalTime', false);
  time(p, assignment.approvalTime, 'ApprovalTime', false);
  time(p, assignment.rejectionTime, 'RejectionTime', false);
  time(p, assignment.deadline, 'Deadline', false);
  return p;
}

export function bonusProblems(bonus: BonusPayment): Problems {
  const p: Problems = [];
  id(p, bonus.assignmentId, 'AssignmentId');
  id(p, bonus.workerId, 'WorkerId');
  whole(p, bonus.amountCents, 'BonusAmount');
  time(p, bonus.grantTime, 'GrantTime', true);
  return p;
}

export function qualificationTypeProblems(type: QualificationType): Problems {
  const p: Problems = [];
  id(p, type.qualificationTypeId, 'QualificationTypeId');
  id(p, type.status, 'QualificationTypeStatus');
  time(p, type.creationTime, 'CreationTime', true);
  return p;
}

export function grantProblems(grant: Qualification): Problems {
  const p: Problems = [];
  id(p, grant.qualificationTypeId, 'QualificationTypeId');
  id(p, grant.workerId, 'WorkerId');
  id(p, grant.status, 'Status');
  time(p, grant.grantTime, 'GrantTime', true);
  return p;
}

export function requestProblems(request: QualificationRequest): Problems {
  const p: Problems = [];
  id(p, request.qualificationRequestId, 'QualificationRequestId');
  id(p, request.qualificationTypeId, 'QualificationTypeId');
  id(p, request.workerId, 'WorkerId');
  time(p, request.submitTime, 'SubmitTime', true);
  return p;
}

export function blockProblems(block: WorkerBlock): Problems {
  const p: Problems = [];
  id(p, block.workerId, 'WorkerId');
  return p;
}

export const HIT_RECORDS: RecordKind<Hit> = { name: 'HIT', idOf: (r) => r.hitId, problems: hitProblems };
export const ASSIGNMENT_RECORDS: RecordKind<Assignment> = { name: 'assignment', idOf: (r) => r.assignmentId, problems: assignmentProblems };
export const BONUS_RECORDS: RecordKind<BonusPayment> = {
  name: 'bonus',
  idOf: (r) => `${r.assignmentId} (worker ${r.workerId})`,
  problems: bonusProblems,
};
export const QUALIFICATION_TYPE_RECORDS: RecordKind<QualificationType> = {
  name: 'qualification type',
  idOf: (r) => r.qualificationTypeId,
  problems: qualificationTypeProblems,
};
export const GRANT_RECORDS: RecordKind<Qualification> = {
  name: 'qualification grant',
  idOf: (r) => `${r.qualificationTypeId} (worker ${r.workerId})`,
  problems: grantProblems,
};
export const REQUEST_RECORDS: RecordKind<QualificationRequest> = {
  name: 'qualification request',
  idOf: (r) => r.qualificationRequestId,
  problems: requestProblems,
};
export const BLOCK_RECORDS: RecordKind<WorkerBlock> = { name: 'worker block', idOf: (r) => r.workerId, problems: blockProblems };
