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
  LocaleValue,
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

/** The mapping of operations whose answer carries nothing. */
export const nothing = (): void => undefined;

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
    title: wire.Title ?? '',
    description: wire.Description ?? '',
    keywords: wire.Keywords ?? null,
    question: wire.Question ?? null,
    rewardCents: toCents(wire.Reward, 'HIT Reward'),
    maxAssignments: wire.MaxAssignments ?? 0,
    assignmentDurationSeconds: wire.AssignmentDurationInSeconds ?? 0,
    autoApprovalDelaySeconds: wire.AutoApprovalDelayInSeconds ?? 0,
    requesterAnnotation: wire.RequesterAnnotation ?? null,
    qualificationRequirements: (wire.QualificationRequirements ?? []).map(toRequirement),
    status: wire.HITStatus ?? null,
    reviewStatus: wire.HITReviewStatus ?? null,
    assignmentsPending: wire.NumberOfAssignmentsPending ?? null,
    assignmentsAvailable: wire.NumberOfAssignmentsAvailable ?? null,
    assignmentsCompleted: wire.NumberOfAssignmentsCompleted ?? null,
    creationTime: required(wire.CreationTime, 'HIT CreationTime'),
    expiration: required(wire.Expiration, 'HIT Expiration'),
  };
}

/** Drops absent members so the archived JSON holds only what MTurk sent. */
function toRequirement(wire: WireRequirement): QualificationRequirement {
  return {
    QualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    Comparator: required(wire.Comparator, 'Comparator'),
    ...(wire.IntegerValues ? { IntegerValues: wire.IntegerValues } : {}),
    ...(wire.LocaleValues ? { LocaleValues: wire.LocaleValues.map(toLocale) } : {}),
    ...(wire.RequiredToPreview !== undefined ? { RequiredToPreview: wire.RequiredToPreview } : {}),
    ...(wire.ActionsGuarded ? { ActionsGuarded: wire.ActionsGuarded } : {}),
  };
}

function toLocale(wire: { Country?: string; Subdivision?: string }): LocaleValue {
  return {
    Country: required(wire.Country, 'Locale Country'),
    ...(wire.Subdivision ? { Subdivision: wire.Subdivision } : {}),
  };
}

export function fromRequirement(requirement: QualificationRequirement): WireRequirement {
  return {
    ...requirement,
    IntegerValues: requirement.IntegerValues ? [...requirement.IntegerValues] : undefined,
    LocaleValues: requirement.LocaleValues?.map((locale) => ({ ...locale })),
  };
}

export function toAssignment(wire: WireAssignment): Assignment {
  return {
    assignmentId: required(wire.AssignmentId, 'AssignmentId'),
    hitId: required(wire.HITId, 'HITId'),
    workerId: required(wire.WorkerId, 'WorkerId'),
    status: required(wire.AssignmentStatus, 'AssignmentStatus'),
    acceptTime: wire.AcceptTime ?? null,
    submitTime: wire.SubmitTime ?? null,
    autoApprovalTime: wire.AutoApprovalTime ?? null,
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
    grantTime: required(wire.GrantTime, 'bonus GrantTime'),
  };
}

export function toQualificationType(wire: WireQualificationType): QualificationType {
  return {
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    name: wire.Name ?? '',
    description: wire.Description ?? '',
    keywords: wire.Keywords ?? null,
    status: required(wire.QualificationTypeStatus, 'QualificationTypeStatus'),
    creationTime: required(wire.CreationTime, 'qualification type CreationTime'),
    test: wire.Test ?? null,
    testDurationSeconds: wire.TestDurationInSeconds ?? null,
    answerKey: wire.AnswerKey ?? null,
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
    integerValue: wire.IntegerValue ?? null,
    localeValue: wire.LocaleValue ? toLocale(wire.LocaleValue) : null,
    status: required(wire.Status, 'Qualification Status'),
    grantTime: required(wire.GrantTime, 'Qualification GrantTime'),
  };
}

export function toQualificationRequest(wire: WireQualificationRequest): QualificationRequest {
  return {
    qualificationRequestId: required(wire.QualificationRequestId, 'QualificationRequestId'),
    qualificationTypeId: required(wire.QualificationTypeId, 'QualificationTypeId'),
    workerId: required(wire.WorkerId, 'WorkerId'),
    test: wire.Test ?? null,
    answer: wire.Answer ?? null,
    submitTime: required(wire.SubmitTime, 'QualificationRequest SubmitTime'),
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
