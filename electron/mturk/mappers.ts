/**
 * Wire shapes (plain SDK outputs) ↔ domain types. Money strings become integer cents and
 * back; absent optional members become null; a member MTurk must send but did not is a
 * WireFormatError, which surfaces as an internal AppError instead of a half-filled row.
 */
import { parseMoney, type Cents } from '../../shared/domain/money';
import type { OperationInput, OperationOutput } from './sdk';
import type {
  Assignment,
  BonusPayment,
  Hit,
  NotifyFailure,
  Qualification,
  QualificationRequest,
  QualificationRequirement,
  QualificationType,
  WorkerBlock,
} from './types';

type WireHit = NonNullable<OperationOutput<'GetHIT'>['HIT']>;
type WireAssignment = NonNullable<OperationOutput<'GetAssignment'>['Assignment']>;
type WireBonus = NonNullable<OperationOutput<'ListBonusPayments'>['BonusPayments']>[number];
type WireQualificationType = NonNullable<OperationOutput<'GetQualificationType'>['QualificationType']>;
type WireQualification = NonNullable<OperationOutput<'ListWorkersWithQualificationType'>['Qualifications']>[number];
type WireQualificationRequest = NonNullable<OperationOutput<'ListQualificationRequests'>['QualificationRequests']>[number];
type WireWorkerBlock = NonNullable<OperationOutput<'ListWorkerBlocks'>['WorkerBlocks']>[number];
type WireNotifyFailure = NonNullable<OperationOutput<'NotifyWorkers'>['NotifyWorkersFailureStatuses']>[number];
type WireRequirement = NonNullable<OperationInput<'CreateHITType'>['QualificationRequirements']>[number];

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw new WireFormatError(`MTurk's answer has no ${what}.`);
  return value;
}

export function toCents(text: string | undefined, what: string): Cents {
  const cents = parseMoney(required(text, what).trim());
  if (cents === null) throw new WireFormatError(`MTurk sent an unreadable ${what}: '${text}'.`);
  return cents;
}

export function toHit(wire: WireHit): Hit {
  return {
    hitId: required(wire.HITId, 'HITId'),
    hitTypeId: required(wire.HITTypeId, 'HITTypeId'),
    hitGroupId: wire.HITGroupId ?? null,
    hitLayoutId: wire.HITLayoutId ?? null,
    creationTime: wire.CreationTime ?? null,
    title: wire.Title ?? '',
    description: wire.Description ?? '',
    questionXml: wire.Question ?? '',
    keywords: wire.Keywords ?? '',
    status: wire.HITStatus ?? null,
    maxAssignments: wire.MaxAssignments ?? 0,
    rewardCents: toCents(wire.Reward, 'HIT Reward'),
    autoApprovalDelaySeconds: wire.AutoApprovalDelayInSeconds ?? 0,
    expiration: wire.Expiration ?? null,
    assignmentDurationSeconds: wire.AssignmentDurationInSeconds ?? 0,
    requesterAnnotation: wire.RequesterAnnotation ?? null,
    qualificationRequirements: (wire.QualificationRequirements ?? []).map(toRequirement),
    reviewStatus: wire.HITReviewStatus ?? null,
    assignmentsPending: wire.NumberOfAssignmentsPending ?? 0,
    assignmentsAvailable: wire.NumberOfAssignmentsAvailable ?? 0,
    assignmentsCompleted: wire.NumberOfAssignmentsCompleted ?? 0,
  };
}

function toRequirement(wire: WireRequirement): QualificationRequirement {
  return {
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    comparator: required(wire.Comparator, 'Comparator'),
    ...(wire.IntegerValues ? { integerValues: wire.IntegerValues } : {}),
    ...(wire.LocaleValues
      ? {
          localeValues: wire.LocaleValues.map((l) => ({
            country: required(l.Country, 'Locale Country'),
            ...(l.Subdivision ? { subdivision: l.Subdivision } : {}),
          })),
        }
      : {}),
    ...(wire.ActionsGuarded ? { actionsGuarded: wire.ActionsGuarded } : {}),
    ...(wire.RequiredToPreview !== undefined ? { requiredToPreview: wire.RequiredToPreview } : {}),
  };
}

export function fromRequirement(requirement: QualificationRequirement): WireRequirement {
  return {
    QualificationTypeId: requirement.qualificationTypeId,
    Comparator: requirement.comparator,
    IntegerValues: requirement.integerValues ? [...requirement.integerValues] : undefined,
    LocaleValues: requirement.localeValues?.map((l) => ({ Country: l.country, Subdivision: l.subdivision })),
    ActionsGuarded: requirement.actionsGuarded,
    RequiredToPreview: requirement.requiredToPreview,
  };
}

export function toAssignment(wire: WireAssignment): Assignment {
  return {
    assignmentId: required(wire.AssignmentId, 'AssignmentId'),
    workerId: required(wire.WorkerId, 'WorkerId'),
    hitId: required(wire.HITId, 'HITId'),
    status: required(wire.AssignmentStatus, 'AssignmentStatus'),
    autoApprovalTime: wire.AutoApprovalTime ?? null,
    acceptTime: wire.AcceptTime ?? null,
    submitTime: wire.SubmitTime ?? null,
    approvalTime: wire.ApprovalTime ?? null,
    rejectionTime: wire.RejectionTime ?? null,
    deadline: wire.Deadline ?? null,
    answerXml: wire.Answer ?? '',
    requesterFeedback: wire.RequesterFeedback ?? null,
  };
}

export function toBonusPayment(wire: WireBonus): BonusPayment {
  return {
    workerId: required(wire.WorkerId, 'WorkerId'),
    assignmentId: required(wire.AssignmentId, 'AssignmentId'),
    amountCents: toCents(wire.BonusAmount, 'BonusAmount'),
    reason: wire.Reason ?? '',
    grantTime: wire.GrantTime ?? null,
  };
}

export function toQualificationType(wire: WireQualificationType): QualificationType {
  return {
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    creationTime: wire.CreationTime ?? null,
    name: wire.Name ?? '',
    description: wire.Description ?? '',
    keywords: wire.Keywords ?? null,
    status: wire.QualificationTypeStatus ?? null,
    testXml: wire.Test ?? null,
    testDurationSeconds: wire.TestDurationInSeconds ?? null,
    answerKeyXml: wire.AnswerKey ?? null,
    retryDelaySeconds: wire.RetryDelayInSeconds ?? null,
    isRequestable: wire.IsRequestable ?? false,
    autoGranted: wire.AutoGranted ?? false,
    autoGrantedValue: wire.AutoGrantedValue ?? null,
  };
}

export function toQualification(wire: WireQualification): Qualification {
  return {
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    workerId: required(wire.WorkerId, 'WorkerId'),
    grantTime: wire.GrantTime ?? null,
    integerValue: wire.IntegerValue ?? null,
    localeValue: wire.LocaleValue
      ? {
          country: required(wire.LocaleValue.Country, 'Locale Country'),
          ...(wire.LocaleValue.Subdivision ? { subdivision: wire.LocaleValue.Subdivision } : {}),
        }
      : null,
    status: wire.Status ?? null,
  };
}

export function toQualificationRequest(wire: WireQualificationRequest): QualificationRequest {
  return {
    qualificationRequestId: required(wire.QualificationRequestId, 'QualificationRequestId'),
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    workerId: required(wire.WorkerId, 'WorkerId'),
    testXml: wire.Test ?? null,
    answerXml: wire.Answer ?? null,
    submitTime: wire.SubmitTime ?? null,
  };
}

export function toWorkerBlock(wire: WireWorkerBlock): WorkerBlock {
  return { workerId: required(wire.WorkerId, 'WorkerId'), reason: wire.Reason ?? '' };
}

export function toNotifyFailure(wire: WireNotifyFailure): NotifyFailure {
  return {
    workerId: required(wire.WorkerId, 'WorkerId'),
    code: wire.NotifyWorkersFailureCode ?? 'HardFailure',
    message: wire.NotifyWorkersFailureMessage ?? '',
  };
}
