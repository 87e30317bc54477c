/**
 * Domain types of the MTurk gateway port. Services see only these: money in integer cents,
 * times in epoch milliseconds, XML (questions, answers, tests) kept as the raw strings MTurk
 * sent. Field names match shared/domain/archive-types.ts so sync can store them as they are
 * (the gateway does not import archive types: it must not know the archive).
 */
import type { Result } from '../../shared/result';
import type { Cents } from '../../shared/domain/money';
import type { SchedulerStats } from './scheduler';

export type { SchedulerStats };

export type EpochMs = number;

export type HitStatus = 'Assignable' | 'Unassignable' | 'Reviewable' | 'Reviewing' | 'Disposed';
export type HitReviewStatus = 'NotReviewed' | 'MarkedForReview' | 'ReviewedAppropriate' | 'ReviewedInappropriate';
export type AssignmentStatus = 'Submitted' | 'Approved' | 'Rejected';
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

/** Kept in MTurk's wire shape (as the archive keeps it) so it can be sent back unchanged. */
export interface QualificationRequirement {
  readonly QualificationTypeId: string;
  readonly Comparator: Comparator;
  readonly IntegerValues?: readonly number[];
  readonly LocaleValues?: readonly LocaleValue[];
  /** Deprecated by MTurk in 2018 but still echoed back on old HITs. */
  readonly RequiredToPreview?: boolean;
  readonly ActionsGuarded?: ActionsGuarded;
}

export interface Hit {
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
  readonly status: HitStatus | null;
  readonly reviewStatus: HitReviewStatus | null;
  readonly assignmentsPending: number | null;
  readonly assignmentsAvailable: number | null;
  readonly assignmentsCompleted: number | null;
  readonly creationTime: EpochMs;
  readonly expiration: EpochMs;
}

export interface Assignment {
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
  /** QuestionFormAnswers XML exactly as MTurk returned it ('' when empty); flatten with shared/mturk/answers. */
  readonly answerXml: string;
  readonly requesterFeedback: string | null;
}

export interface BonusPayment {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: Cents;
  readonly reason: string;
  readonly grantTime: EpochMs;
}

export interface QualificationType {
  readonly qualificationTypeId: string;
  readonly name: string;
  readonly description: string;
  readonly keywords: string | null;
  readonly status: 'Active' | 'Inactive';
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

/** A worker's Qualification (the archive calls it a grant). */
export interface Qualification {
  readonly qualificationTypeId: string;
  readonly workerId: string;
  readonly integerValue: number | null;
  readonly localeValue: LocaleValue | null;
  readonly status: 'Granted' | 'Revoked';
  readonly grantTime: EpochMs;
}

export interface QualificationRequest {
  readonly qualificationRequestId: string;
  readonly qualificationTypeId: string;
  readonly workerId: string;
  readonly test: string | null;
  /** QuestionFormAnswers XML of the worker's test answers, if any. */
  readonly answer: string | null;
  readonly submitTime: EpochMs;
}

export interface WorkerBlock {
  readonly workerId: string;
  readonly reason: string;
}

export interface NotifyFailure {
  readonly workerId: string;
  readonly code: 'SoftFailure' | 'HardFailure';
  readonly message: string;
}

/** One page of a list operation; `requestToken` is what was sent, `nextToken` what to save to resume. */
export interface Page<T> {
  readonly index: number;
  readonly items: readonly T[];
  readonly requestToken: string | null;
  readonly nextToken: string | null;
}

export interface PageOptions {
  /** A NextToken saved from an earlier run: continue from there instead of page one. */
  readonly resumeFrom?: string;
  /** The saved index of the page `resumeFrom` fetches, so numbering continues (default 0). */
  readonly startIndex?: number;
  readonly signal?: AbortSignal;
}

/** A paged listing: yields one Result per page; an error is the last thing it yields. */
export type PagedResult<T> = AsyncGenerator<Result<Page<T>>, void, undefined>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface HitTypeProperties {
  readonly title: string;
  readonly description: string;
  readonly rewardCents: Cents;
  readonly assignmentDurationSeconds: number;
  readonly autoApprovalDelaySeconds?: number;
  readonly keywords?: string;
  readonly qualificationRequirements?: readonly QualificationRequirement[];
}

export interface CreateHitWithHitTypeInput {
  readonly hitTypeId: string;
  /** QuestionForm, HTMLQuestion or ExternalQuestion XML. */
  readonly question: string;
  readonly lifetimeSeconds: number;
  readonly maxAssignments?: number;
  readonly requesterAnnotation?: string;
  /** Idempotency key: MTurk refuses a second HIT with the same token for 24 h. */
  readonly uniqueRequestToken?: string;
}

export interface SendBonusInput {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: Cents;
  readonly reason: string;
  readonly uniqueRequestToken?: string;
}

export interface AssociateQualificationInput {
  readonly qualificationTypeId: string;
  readonly workerId: string;
  readonly integerValue?: number;
  readonly sendNotification?: boolean;
}

export interface CreateQualificationTypeInput {
  readonly name: string;
  readonly description: string;
  readonly keywords?: string;
  /** Default 'Active'. */
  readonly status?: 'Active' | 'Inactive';
  readonly retryDelaySeconds?: number;
  /** QuestionForm XML of a qualification test. */
  readonly test?: string;
  readonly answerKey?: string;
  readonly testDurationSeconds?: number;
  readonly autoGranted?: boolean;
  readonly autoGrantedValue?: number;
}

export type WorkerQualificationStatus = 'Granted' | 'Revoked';

export interface ConnectionCheck {
  readonly balanceCents: Cents;
  readonly endpoint: string;
  readonly latencyMs: number;
}

/** The port services call. Every method resolves to a Result; none throws. */
export interface MTurkGateway {
  readonly endpoint: string;
  testConnection(options?: CallOptions): Promise<Result<ConnectionCheck>>;
  getAccountBalance(options?: CallOptions): Promise<Result<{ availableCents: Cents; onHoldCents: Cents | null }>>;

  listHits(options?: PageOptions): PagedResult<Hit>;
  listReviewableHits(options?: PageOptions & { hitTypeId?: string; status?: 'Reviewable' | 'Reviewing' }): PagedResult<Hit>;
  getHit(hitId: string, options?: CallOptions): Promise<Result<Hit>>;
  listAssignmentsForHit(hitId: string, options?: PageOptions & { statuses?: readonly AssignmentStatus[] }): PagedResult<Assignment>;
  getAssignment(assignmentId: string, options?: CallOptions): Promise<Result<{ assignment: Assignment; hit: Hit | null }>>;
  listBonusPayments(target: { hitId: string } | { assignmentId: string }, options?: PageOptions): PagedResult<BonusPayment>;
  listQualificationTypes(options?: PageOptions & { query?: string; mustBeRequestable?: boolean }): PagedResult<QualificationType>;
  getQualificationType(qualificationTypeId: string, options?: CallOptions): Promise<Result<QualificationType>>;
  listWorkersWithQualificationType(
    qualificationTypeId: string,
    options?: PageOptions & { status?: WorkerQualificationStatus },
  ): PagedResult<Qualification>;
  listQualificationRequests(options?: PageOptions & { qualificationTypeId?: string }): PagedResult<QualificationRequest>;
  listWorkerBlocks(options?: PageOptions): PagedResult<WorkerBlock>;

  createHitType(properties: HitTypeProperties, options?: CallOptions): Promise<Result<{ hitTypeId: string }>>;
  createHitWithHitType(input: CreateHitWithHitTypeInput, options?: CallOptions): Promise<Result<Hit>>;
  approveAssignment(
    assignmentId: string,
    feedback?: string,
    options?: CallOptions & { overrideRejection?: boolean },
  ): Promise<Result<void>>;
  rejectAssignment(assignmentId: string, feedback: string, options?: CallOptions): Promise<Result<void>>;
  sendBonus(input: SendBonusInput, options?: CallOptions): Promise<Result<void>>;
  notifyWorkers(
    message: { subject: string; text: string; workerIds: readonly string[] },
    options?: CallOptions,
  ): Promise<Result<{ failures: readonly NotifyFailure[] }>>;
  createQualificationType(input: CreateQualificationTypeInput, options?: CallOptions): Promise<Result<QualificationType>>;
  acceptQualificationRequest(
    input: { qualificationRequestId: string; integerValue?: number },
    options?: CallOptions,
  ): Promise<Result<void>>;
  rejectQualificationRequest(input: { qualificationRequestId: string; reason?: string }, options?: CallOptions): Promise<Result<void>>;
  associateQualification(input: AssociateQualificationInput, options?: CallOptions): Promise<Result<void>>;
  disassociateQualification(
    input: { qualificationTypeId: string; workerId: string; reason?: string },
    options?: CallOptions,
  ): Promise<Result<void>>;
  createWorkerBlock(input: { workerId: string; reason: string }, options?: CallOptions): Promise<Result<void>>;
  deleteWorkerBlock(input: { workerId: string; reason?: string }, options?: CallOptions): Promise<Result<void>>;
  updateExpirationForHit(hitId: string, expireAt: EpochMs, options?: CallOptions): Promise<Result<void>>;
  deleteHit(hitId: string, options?: CallOptions): Promise<Result<void>>;
  createAdditionalAssignments(
    input: { hitId: string; count: number; uniqueRequestToken?: string },
    options?: CallOptions,
  ): Promise<Result<void>>;

  /** Progress figures of this connection's scheduler (for ETA displays). */
  stats(): SchedulerStats;
  /** Releases the connection's sockets; calls made afterwards fail. */
  close(): void;
}
