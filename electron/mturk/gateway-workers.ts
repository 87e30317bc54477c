/**
 * The gateway's write methods for qualifications and worker blocks. Whether a failed attempt
 * is re-sent is decided by the operation table (operations.ts): only unblocking is harmless to
 * repeat; the others would fail with a state/exists error or notify the worker twice.
 */
import type { GatewayCore } from './gateway-core';
import { nothing, toQualificationType, WireFormatError } from './mappers';
import type { CreateQualificationTypeInput, MTurkGateway, QualificationType } from './types';

type WorkerMethods = Pick<
  MTurkGateway,
  | 'createQualificationType'
  | 'updateQualificationType'
  | 'deleteQualificationType'
  | 'acceptQualificationRequest'
  | 'rejectQualificationRequest'
  | 'associateQualification'
  | 'disassociateQualification'
  | 'createWorkerBlock'
  | 'deleteWorkerBlock'
>;

type TestAndGrant = Pick<CreateQualificationTypeInput, 'retryDelaySeconds' | 'test' | 'answerKey' | 'testDurationSeconds' | 'autoGranted' | 'autoGrantedValue'>;

/** The members CreateQualificationType and UpdateQualificationType share: retry delay, test, answer key, auto-grant. */
const testAndGrantMembers = (input: TestAndGrant) => ({
  RetryDelayInSeconds: input.retryDelaySeconds,
  Test: input.test,
  AnswerKey: input.answerKey,
  TestDurationInSeconds: input.testDurationSeconds,
  AutoGranted: input.autoGranted,
  AutoGrantedValue: input.autoGrantedValue,
});

function qualificationTypeOf(out: { readonly QualificationType?: Parameters<typeof toQualificationType>[0] }): QualificationType {
  if (!out.QualificationType) throw new WireFormatError("MTurk's answer has no QualificationType.");
  return toQualificationType(out.QualificationType);
}

export function workerMethods(core: GatewayCore): WorkerMethods {
  return {
    // Names are unique per requester, so a repeat fails with QualificationTypeAlreadyExists.
    createQualificationType: (input, options = {}) =>
      core.call(
        'CreateQualificationType',
        {
          Name: input.name,
          Description: input.description,
          Keywords: input.keywords,
          QualificationTypeStatus: input.status ?? 'Active',
          ...testAndGrantMembers(input),
        },
        qualificationTypeOf,
        options,
      ),

    updateQualificationType: (input, options = {}) =>
      core.call(
        'UpdateQualificationType',
        {
          QualificationTypeId: input.qualificationTypeId,
          Description: input.description,
          QualificationTypeStatus: input.status,
          ...testAndGrantMembers(input),
        },
        qualificationTypeOf,
        options,
      ),

    deleteQualificationType: (qualificationTypeId, options = {}) =>
      core.call('DeleteQualificationType', { QualificationTypeId: qualificationTypeId }, nothing, options),

    acceptQualificationRequest: (input, options = {}) =>
      core.call(
        'AcceptQualificationRequest',
        { QualificationRequestId: input.qualificationRequestId, IntegerValue: input.integerValue },
        nothing,
        options,
      ),

    rejectQualificationRequest: (input, options = {}) =>
      core.call(
        'RejectQualificationRequest',
        { QualificationRequestId: input.qualificationRequestId, Reason: input.reason },
        nothing,
        options,
      ),

    associateQualification: (input, options = {}) =>
      core.call(
        'AssociateQualificationWithWorker',
        {
          QualificationTypeId: input.qualificationTypeId,
          WorkerId: input.workerId,
          IntegerValue: input.integerValue,
          SendNotification: input.sendNotification ?? false,
        },
        nothing,
        options,
      ),

    disassociateQualification: (input, options = {}) =>
      core.call(
        'DisassociateQualificationFromWorker',
        { QualificationTypeId: input.qualificationTypeId, WorkerId: input.workerId, Reason: input.reason },
        nothing,
        options,
      ),

    createWorkerBlock: (input, options = {}) =>
      core.call('CreateWorkerBlock', { WorkerId: input.workerId, Reason: input.reason }, nothing, options),

    deleteWorkerBlock: (input, options = {}) =>
      core.call('DeleteWorkerBlock', { WorkerId: input.workerId, Reason: input.reason }, nothing, options),
  };
}
