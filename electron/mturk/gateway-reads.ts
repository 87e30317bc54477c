/** The gateway's read methods: all retried as reads (5 attempts) and paged at 100. */
import type { GatewayCore } from './gateway-core';
import {
  toAssignment,
  toBonusPayment,
  toCents,
  toHit,
  toQualification,
  toQualificationRequest,
  toQualificationType,
  toWorkerBlock,
  WireFormatError,
} from './mappers';
import type { MTurkGateway } from './types';
import { err, type Result } from '../../shared/result';

const ALL_ASSIGNMENT_STATUSES = ['Submitted', 'Approved', 'Rejected'] as const;

type ReadMethods = Pick<
  MTurkGateway,
  | 'getAccountBalance'
  | 'listHits'
  | 'listReviewableHits'
  | 'getHit'
  | 'listAssignmentsForHit'
  | 'getAssignment'
  | 'listBonusPayments'
  | 'listQualificationTypes'
  | 'getQualificationType'
  | 'getQualificationScore'
  | 'listWorkersWithQualificationType'
  | 'listQualificationRequests'
  | 'listWorkerBlocks'
>;

export function readMethods(core: GatewayCore): ReadMethods {
  return {
    getAccountBalance: (options = {}) =>
      core.call(
        'GetAccountBalance',
        {},
        (out) => ({
          availableCents: toCents(out.AvailableBalance, 'AvailableBalance'),
          onHoldCents: out.OnHoldBalance === undefined ? null : toCents(out.OnHoldBalance, 'OnHoldBalance'),
        }),
        options,
      ),

    listHits: (options = {}) => core.paged('ListHITs', {}, (out) => out.HITs, toHit, options),

    listReviewableHits: (options = {}) =>
      core.paged(
        'ListReviewableHITs',
        { HITTypeId: options.hitTypeId, Status: options.status },
        (out) => out.HITs,
        toHit,
        options,
      ),

    getHit: (hitId, options = {}) =>
      core.call('GetHIT', { HITId: hitId }, (out) => toHit(present(out.HIT, 'HIT')), options),

    // MTurk lists only Submitted and Approved when no status is given; a sync needs rejected ones too.
    listAssignmentsForHit: (hitId, options = {}) =>
      core.paged(
        'ListAssignmentsForHIT',
        { HITId: hitId, AssignmentStatuses: [...(options.statuses ?? ALL_ASSIGNMENT_STATUSES)] },
        (out) => out.Assignments,
        toAssignment,
        options,
      ),

    getAssignment: (assignmentId, options = {}) =>
      core.call(
        'GetAssignment',
        { AssignmentId: assignmentId },
        (out) => ({
          assignment: toAssignment(present(out.Assignment, 'Assignment')),
          hit: out.HIT ? toHit(out.HIT) : null,
        }),
        options,
      ),

    listBonusPayments: (target, options = {}) =>
      core.paged(
        'ListBonusPayments',
        'hitId' in target ? { HITId: target.hitId } : { AssignmentId: target.assignmentId },
        (out) => out.BonusPayments,
        toBonusPayment,
        options,
      ),

    listQualificationTypes: (options = {}) =>
      core.paged(
        'ListQualificationTypes',
        { MustBeOwnedByCaller: true, MustBeRequestable: options.mustBeRequestable ?? false, Query: options.query },
        (out) => out.QualificationTypes,
        toQualificationType,
        options,
      ),

    getQualificationType: (qualificationTypeId, options = {}) =>
      core.call(
        'GetQualificationType',
        { QualificationTypeId: qualificationTypeId },
        (out) => toQualificationType(present(out.QualificationType, 'QualificationType')),
        options,
      ),

    getQualificationScore: async (qualificationTypeId, workerId, options = {}) =>
      revokedAsNotHeld(
        await core.call(
          'GetQualificationScore',
          { QualificationTypeId: qualificationTypeId, WorkerId: workerId },
          (out) => toQualification(present(out.Qualification, 'Qualification')),
          options,
        ),
      ),

    listWorkersWithQualificationType: (qualificationTypeId, options = {}) =>
      core.paged(
        'ListWorkersWithQualificationType',
        { QualificationTypeId: qualificationTypeId, Status: options.status },
        (out) => out.Qualifications,
        toQualification,
        options,
      ),

    listQualificationRequests: (options = {}) =>
      core.paged(
        'ListQualificationRequests',
        { QualificationTypeId: options.qualificationTypeId },
        (out) => out.QualificationRequests,
        toQualificationRequest,
        options,
      ),

    listWorkerBlocks: (options = {}) => core.paged('ListWorkerBlocks', {}, (out) => out.WorkerBlocks, toWorkerBlock, options),
  };
}

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new WireFormatError(`MTurk's answer has no ${what}.`);
  return value;
}

/**
 * MTurk answers a score request for a revoked qualification with a refusal ("…can be called with a status of:
 * Granted") instead of the record; the worker holds none, which callers know as `not-found`.
 */
function revokedAsNotHeld<T>(result: Result<T>): Result<T> {
  if (result.ok || !/status of:\s*Granted/i.test(result.error.message)) return result;
  return err({ ...result.error, kind: 'not-found', message: 'The worker no longer holds this qualification: it was revoked.' });
}
