/**
 * The gateway's write methods for HITs, assignments, bonuses and messages, kept thin: their
 * callers journal intent and outcome. Whether a failed attempt is re-sent is decided by the
 * operation table (operations.ts), not here. Token writes report MTurk's "this token was
 * already carried out" answer as success with `alreadyDone: true`.
 */
import { appError, type AppError } from '../../shared/errors';
import { formatMoney } from '../../shared/domain/money';
import { err, ok, type Result } from '../../shared/result';
import type { GatewayCore } from './gateway-core';
import { fromRequirement, nothing, toHit, toNotifyFailure, WireFormatError } from './mappers';
import type { CallOptions, CreatedHit, MTurkGateway, WriteReceipt } from './types';

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

const sent = (): WriteReceipt => ({ alreadyDone: false });
const alreadyDone = (): Promise<Result<WriteReceipt>> => Promise.resolve(ok({ alreadyDone: true }));

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
        (out) => {
          if (!out.HITTypeId) throw new WireFormatError("MTurk's answer has no HITTypeId.");
          return { hitTypeId: out.HITTypeId };
        },
        options,
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
        (out): CreatedHit => {
          if (!out.HIT) throw new WireFormatError("MTurk's answer has no HIT.");
          return { hit: toHit(out.HIT), alreadyDone: false };
        },
        { ...options, alreadyDone: (repeat) => existingHit(core, repeat, options) },
      ),

    // A repeat fails with InvalidAssignmentState: never re-sent once it may have gone through.
    approveAssignment: (assignmentId, feedback, options = {}) =>
      core.call(
        'ApproveAssignment',
        { AssignmentId: assignmentId, RequesterFeedback: feedback, OverrideRejection: options.overrideRejection },
        nothing,
        options,
      ),

    rejectAssignment: (assignmentId, feedback, options = {}) =>
      core.call(
        'RejectAssignment',
        { AssignmentId: assignmentId, RequesterFeedback: feedback },
        nothing,
        options,
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
        sent,
        { ...options, alreadyDone },
      ),

    notifyWorkers: (message, options = {}) =>
      core.call(
        'NotifyWorkers',
        { Subject: message.subject, MessageText: message.text, WorkerIds: [...message.workerIds] },
        (out) => ({ failures: (out.NotifyWorkersFailureStatuses ?? []).map(toNotifyFailure) }),
        options,
      ),

    updateExpirationForHit: (hitId, expireAt, options = {}) =>
      core.call(
        'UpdateExpirationForHIT',
        { HITId: hitId, ExpireAt: new Date(expireAt) },
        nothing,
        options,
      ),

    deleteHit: (hitId, options = {}) =>
      core.call('DeleteHIT', { HITId: hitId }, nothing, options),

    createAdditionalAssignments: (input, options = {}) =>
      core.call(
        'CreateAdditionalAssignmentsForHIT',
        {
          HITId: input.hitId,
          NumberOfAdditionalAssignments: input.count,
          UniqueRequestToken: input.uniqueRequestToken,
        },
        sent,
        { ...options, alreadyDone },
      ),

    updateHitReviewStatus: (hitId, revert, options = {}) => core.call('UpdateHITReviewStatus', { HITId: hitId, Revert: revert }, nothing, options),

    updateHitTypeOfHit: (hitId, hitTypeId, options = {}) => core.call('UpdateHITTypeOfHIT', { HITId: hitId, HITTypeId: hitTypeId }, nothing, options),
  };
}

/**
 * CreateHIT's answer to a repeated token names the HIT it made ("The HIT with ID "3X…" already
 * exists"): fetch it, in the same lane, so the caller gets the HIT either way.
 */
async function existingHit(core: GatewayCore, repeat: AppError, options: CallOptions): Promise<Result<CreatedHit>> {
  const hitId = (/HIT with ID "?([A-Z0-9]+)/i.exec(repeat.message) ?? /\b([A-Z0-9]{20,64})\b/.exec(repeat.message))?.[1];
  if (hitId === undefined) {
    return err(
      appError('conflict', `MTurk says a HIT with this UniqueRequestToken already exists but did not name it: ${repeat.message}`, {
        mturkCode: repeat.mturkCode,
        delivery: 'maybe-executed',
      }),
    );
  }
  const hit = await core.call('GetHIT', { HITId: hitId }, (out) => out.HIT, options);
  if (!hit.ok) return err({ ...hit.error, delivery: 'maybe-executed' });
  if (hit.value === undefined) return err(appError('internal', "MTurk's answer has no HIT.", { delivery: 'maybe-executed' }));
  return ok({ hit: toHit(hit.value), alreadyDone: true });
}
