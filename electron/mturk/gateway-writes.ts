/**
 * The gateway's write methods for HITs, assignments, bonuses and messages, kept thin: their
 * callers journal intent and outcome.
 * Retry policy follows what a duplicate would do: calls that are harmless to repeat (or
 * carry a UniqueRequestToken) are idempotent writes; a bonus, an extra assignment or an
 * email without a token could happen twice, so those are never re-sent.
 */
import { formatMoney } from '../../shared/domain/money';
import type { GatewayCore } from './gateway-core';
import { fromRequirement, nothing, toHit, toNotifyFailure, WireFormatError } from './mappers';
import type { RetryPolicy } from './scheduler';
import type { MTurkGateway } from './types';

type WriteMethods = Pick<
  MTurkGateway,
  | 'createHitType'
  | 'createHitWithHitType'
  | 'approveAssignment'
  | 'rejectAssignment'
  | 'sendBonus'
  | 'notifyWorkers'
  | 'updateExpirationForHit'
  | 'deleteHit'
  | 'createAdditionalAssignments'
  | 'updateHitReviewStatus'
  | 'updateHitTypeOfHit'
>;

const tokenPolicy = (token: string | undefined): RetryPolicy => (token ? 'idempotent-write' : 'non-idempotent');

export function writeMethods(core: GatewayCore): WriteMethods {
  return {
    // MTurk returns the same HITTypeId for identical properties, so repeating is harmless.
    createHitType: (p, options = {}) =>
      core.call(
        'CreateHITType',
        {
          Title: p.title,
          Description: p.description,
          Reward: formatMoney(p.rewardCents),
          AssignmentDurationInSeconds: p.assignmentDurationSeconds,
          AutoApprovalDelayInSeconds: p.autoApprovalDelaySeconds,
          Keywords: p.keywords,
          QualificationRequirements: p.qualificationRequirements?.map(fromRequirement),
        },
        'idempotent-write',
        (out) => {
          if (!out.HITTypeId) throw new WireFormatError("MTurk's answer has no HITTypeId.");
          return { hitTypeId: out.HITTypeId };
        },
        options.signal,
      ),

    createHitWithHitType: (input, options = {}) =>
      core.call(
        'CreateHITWithHITType',
        {
          HITTypeId: input.hitTypeId,
          Question: input.question,
          LifetimeInSeconds: input.lifetimeSeconds,
          MaxAssignments: input.maxAssignments,
          RequesterAnnotation: input.requesterAnnotation,
          UniqueRequestToken: input.uniqueRequestToken,
        },
        tokenPolicy(input.uniqueRequestToken),
        (out) => {
          if (!out.HIT) throw new WireFormatError("MTurk's answer has no HIT.");
          return toHit(out.HIT);
        },
        options.signal,
      ),

    // A repeat fails with InvalidAssignmentState instead of acting twice.
    approveAssignment: (assignmentId, feedback, options = {}) =>
      core.call(
        'ApproveAssignment',
        { AssignmentId: assignmentId, RequesterFeedback: feedback, OverrideRejection: options.overrideRejection },
        'idempotent-write',
        nothing,
        options.signal,
      ),

    rejectAssignment: (assignmentId, feedback, options = {}) =>
      core.call(
        'RejectAssignment',
        { AssignmentId: assignmentId, RequesterFeedback: feedback },
        'idempotent-write',
        nothing,
        options.signal,
      ),

    sendBonus: (input, options = {}) =>
      core.call(
        'SendBonus',
        {
          WorkerId: input.workerId,
          AssignmentId: input.assignmentId,
          BonusAmount: formatMoney(input.amountCents),
          Reason: input.reason,
          UniqueRequestToken: input.uniqueRequestToken,
        },
        tokenPolicy(input.uniqueRequestToken),
        nothing,
        options.signal,
      ),

    notifyWorkers: (message, options = {}) =>
      core.call(
        'NotifyWorkers',
        { Subject: message.subject, MessageText: message.text, WorkerIds: [...message.workerIds] },
        'non-idempotent',
        (out) => ({ failures: (out.NotifyWorkersFailureStatuses ?? []).map(toNotifyFailure) }),
        options.signal,
      ),

    updateExpirationForHit: (hitId, expireAt, options = {}) =>
      core.call(
        'UpdateExpirationForHIT',
        { HITId: hitId, ExpireAt: new Date(expireAt) },
        'idempotent-write',
        nothing,
        options.signal,
      ),

    deleteHit: (hitId, options = {}) =>
      core.call('DeleteHIT', { HITId: hitId }, 'idempotent-write', nothing, options.signal),

    createAdditionalAssignments: (input, options = {}) =>
      core.call(
        'CreateAdditionalAssignmentsForHIT',
        {
          HITId: input.hitId,
          NumberOfAdditionalAssignments: input.count,
          UniqueRequestToken: input.uniqueRequestToken,
        },
        tokenPolicy(input.uniqueRequestToken),
        nothing,
        options.signal,
      ),

    // Setting a status or a type to a value is the same the second time.
    updateHitReviewStatus: (hitId, revert, options = {}) =>
      core.call('UpdateHITReviewStatus', { HITId: hitId, Revert: revert }, 'idempotent-write', nothing, options.signal),

    updateHitTypeOfHit: (hitId, hitTypeId, options = {}) =>
      core.call('UpdateHITTypeOfHIT', { HITId: hitId, HITTypeId: hitTypeId }, 'idempotent-write', nothing, options.signal),
  };
}
