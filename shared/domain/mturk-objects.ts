/**
 * MTurk's objects as Turkbench holds them, whatever their source: money in integer cents, times in epoch
 * milliseconds, XML (questions, answers, tests, answer keys) kept exactly as MTurk sent it. The gateway
 * returns these; the archive stores them and adds provenance (archive-types.ts).
 */
import type { Cents } from './money';

export type EpochMs = number;

export type HitStatus = 'Assignable' | 'Unassignable' | 'Reviewable' | 'Reviewing' | 'Disposed';
export const HIT_STATUSES: readonly HitStatus[] = ['Assignable', 'Unassignable', 'Reviewable', 'Reviewing', 'Disposed'];

export type HitReviewStatus = 'NotReviewed' | 'MarkedForReview' | 'ReviewedAppropriate' | 'ReviewedInappropriate';

export type AssignmentStatus = 'Submitted' | 'Approved' | 'Rejected';
export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['Submitted', 'Approved', 'Rejected'];

export type Comparator =
  | 'LessThan'
  | 'LessThanOrEqualTo'
  | 'GreaterThan'
  | 'GreaterThanOrEqualTo'
  | 'EqualTo'
  | 'NotEqualTo'
  | 'Exists'
  | 'DoesNotExist'
  | 'In'
  | 'NotIn';
export type ActionsGuarded = 'Accept' | 'PreviewAndAccept' | 'DiscoverPreviewAndAccept';

export interface LocaleValue {
  readonly Country: string;
  readonly Subdivision?: string;
}

/** Kept exactly in the wire shape, so it can be sent back to MTurk unchanged. */
export interface QualificationRequirement {
  readonly QualificationTypeId: string;
  readonly Comparator: Comparator;
  readonly IntegerValues?: readonly number[];
  readonly LocaleValues?: readonly LocaleValue[];
  /** Deprecated by MTurk in 2018 but still echoed back on old HITs. */
  readonly RequiredToPreview?: boolean;
  readonly ActionsGuarded?: ActionsGuarded;
}

export interface MTurkHit {
  readonly hitId: string;
  readonly hitTypeId: string;
  readonly hitGroupId: string | null;
  readonly hitLayoutId: string | null;
  readonly title: string;
  readonly description: string;
  readonly keywords: string | null;
  /** The Question XML exactly as MTurk returned it. */
  readonly question: string | null;
  readonly rewardCents: Cents;
  readonly maxAssignments: number;
  readonly assignmentDurationSeconds: number;
  readonly autoApprovalDelaySeconds: number;
  readonly requesterAnnotation: string | null;
  readonly qualificationRequirements: readonly QualificationRequirement[];
  /** Null when the source (e.g. a website results CSV) did not say. */
  readonly status: HitStatus | null;
  readonly reviewStatus: HitReviewStatus | null;
  readonly assignmentsPending: number | null;
  readonly assignmentsAvailable: number | null;
  readonly assignmentsCompleted: number | null;
  readonly creationTime: EpochMs;
  readonly expiration: EpochMs;
}

export interface MTurkAssignment {
  readonly assignmentId: string;
  readonly hitId: string;
  readonly workerId: string;
  readonly status: AssignmentStatus;
  readonly acceptTime: EpochMs | null;
  readonly submitTime: EpochMs | null;
  readonly autoApprovalTime: EpochMs | null;
  readonly approvalTime: EpochMs | null;
  readonly rejectionTime: EpochMs | null;
  readonly deadline: EpochMs | null;
  /** The QuestionFormAnswers XML exactly as MTurk returned it ('' when empty); flatten with shared/mturk/answers. */
  readonly answerXml: string;
  readonly requesterFeedback: string | null;
}

export interface MTurkBonusPayment {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: Cents;
  readonly reason: string;
  readonly grantTime: EpochMs;
}

export type QualificationTypeStatus = 'Active' | 'Inactive';

export interface MTurkQualificationType {
  readonly qualificationTypeId: string;
  readonly name: string;
  readonly description: string;
  readonly keywords: string | null;
  readonly status: QualificationTypeStatus;
  readonly creationTime: EpochMs;
  /** QuestionForm XML of the qualification test, if any. */
  readonly test: string | null;
  readonly testDurationSeconds: number | null;
  /** AnswerKey XML, if any. */
  readonly answerKey: string | null;
  readonly retryDelaySeconds: number | null;
  readonly isRequestable: boolean;
  readonly autoGranted: boolean;
  readonly autoGrantedValue: number | null;
}

export type QualificationGrantStatus = 'Granted' | 'Revoked';

/** A worker's Qualification (the archive calls it a grant). */
export interface MTurkQualification {
  readonly qualificationTypeId: string;
  readonly workerId: string;
  readonly integerValue: number | null;
  readonly localeValue: LocaleValue | null;
  readonly status: QualificationGrantStatus;
  readonly grantTime: EpochMs;
}

export interface MTurkQualificationRequest {
  readonly qualificationRequestId: string;
  readonly qualificationTypeId: string;
  readonly workerId: string;
  readonly test: string | null;
  /** QuestionFormAnswers XML of the worker's test answers, if any. */
  readonly answer: string | null;
  readonly submitTime: EpochMs;
}

export interface MTurkWorkerBlock {
  readonly workerId: string;
  readonly reason: string;
}
