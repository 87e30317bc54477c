/**
 * Domain types of the MTurk gateway port. Services see only these: money in integer cents,
 * times in epoch milliseconds, XML (questions, answers, tests) kept as the raw strings MTurk
 * sent. The objects themselves live in shared/domain/mturk-objects.ts, which the archive extends
 * with provenance: sync stores what the gateway returns without mapping.
 */
import type { Result } from '../../shared/result';
import type { Cents } from '../../shared/domain/money';
import type {
  AssignmentStatus,
  EpochMs,
  MTurkAssignment,
  MTurkBonusPayment,
  MTurkHit,
  MTurkQualification,
  MTurkQualificationRequest,
  MTurkQualificationType,
  MTurkWorkerBlock,
  QualificationRequirement,
} from '../../shared/domain/mturk-objects';
import type { Lane, SchedulerStats } from './scheduler';
import type { NotificationSpec, TestEventType } from '../../shared/notifications/notification-spec';

export type { Lane, SchedulerStats };

// The MTurk objects are defined once in shared/domain/mturk-objects.ts; the gateway returns them as they are.
export type {
  ActionsGuarded,
  AssignmentStatus,
  Comparator,
  EpochMs,
  HitReviewStatus,
  HitStatus,
  LocaleValue,
  QualificationRequirement,
} from '../../shared/domain/mturk-objects';
export type Hit = MTurkHit;
export type Assignment = MTurkAssignment;
export type BonusPayment = MTurkBonusPayment;
export type QualificationType = MTurkQualificationType;
/** A worker's Qualification (the archive calls it a grant). */
export type Qualification = MTurkQualification;
export type QualificationRequest = MTurkQualificationRequest;
export type WorkerBlock = MTurkWorkerBlock;

export interface NotifyFailure {
  readonly workerId: string;
  readonly code: 'SoftFailure' | 'HardFailure';
  readonly message: string;
}

/** A record in a listing that could not be read (a required field missing, a value of the wrong type). */
export interface UnreadableRecord {
  /** Its id as MTurk sent it, when it had one. */
  readonly id: string | null;
  readonly reason: string;
}

export interface Page<T> {
  readonly index: number;
  readonly items: readonly T[];
  /** Records of this page that could not be read: the rest of the page is still usable. */
  readonly unreadable: readonly UnreadableRecord[];
  readonly requestToken: string | null;
  readonly nextToken: string | null;
}

export interface PageOptions {
  /** A NextToken saved from an earlier run: continue from there instead of page one. */
  readonly resumeFrom?: string;
  /** The saved index of the page `resumeFrom` fetches, so numbering continues (default 0). */
  readonly startIndex?: number;
  /** The scheduler lane its pages wait in (default `interactive`; a sync passes `sync`). */
  readonly lane?: Lane;
  readonly signal?: AbortSignal;
  /** Called once, when the request first leaves for MTurk (after waiting in its lane): the journal's "sent". */
  readonly onSend?: () => void;
}

/** A paged listing: yields one Result per page; an error is the last thing it yields. */
export type PagedResult<T> = AsyncGenerator<Result<Page<T>>, void, undefined>;

export interface CallOptions {
  /** The scheduler lane the call waits in: `interactive` (default), `bulk` for a job, `sync` for background reads. */
  readonly lane?: Lane;
  readonly signal?: AbortSignal;
}

/**
 * How a token write ended. `alreadyDone`: MTurk answered that this UniqueRequestToken was carried
 * out before (by an earlier attempt of this call, or an earlier run that lost its answer), so
 * nothing new happened now and the intent is confirmed.
 */
export interface WriteReceipt {
  readonly alreadyDone: boolean;
}

export interface CreatedHit extends WriteReceipt {
  readonly hit: Hit;
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

/** What UpdateQualificationType changes; a name cannot change. */
export interface UpdateQualificationTypeInput {
  readonly qualificationTypeId: string;
  readonly description?: string;
  readonly status?: 'Active' | 'Inactive';
  readonly retryDelaySeconds?: number;
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

/**
 * The port services call. Every method resolves to a Result; none throws. Every error says in
 * `delivery` whether MTurk may have carried the call out (see shared/errors.ts and the README).
 */
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
  /** One worker's score on a type; `not-found` when the worker holds none. */
  getQualificationScore(qualificationTypeId: string, workerId: string, options?: CallOptions): Promise<Result<Qualification>>;
  listWorkersWithQualificationType(
    qualificationTypeId: string,
    options?: PageOptions & { status?: WorkerQualificationStatus },
  ): PagedResult<Qualification>;
  listQualificationRequests(options?: PageOptions & { qualificationTypeId?: string }): PagedResult<QualificationRequest>;
  listWorkerBlocks(options?: PageOptions): PagedResult<WorkerBlock>;

  createHitType(properties: HitTypeProperties, options?: CallOptions): Promise<Result<{ hitTypeId: string }>>;
  createHitWithHitType(input: CreateHitWithHitTypeInput, options?: CallOptions): Promise<Result<CreatedHit>>;
  approveAssignment(
    assignmentId: string,
    feedback?: string,
    options?: CallOptions & { overrideRejection?: boolean },
  ): Promise<Result<void>>;
  rejectAssignment(assignmentId: string, feedback: string, options?: CallOptions): Promise<Result<void>>;
  sendBonus(input: SendBonusInput, options?: CallOptions): Promise<Result<WriteReceipt>>;
  notifyWorkers(
    message: { subject: string; text: string; workerIds: readonly string[] },
    options?: CallOptions,
  ): Promise<Result<{ failures: readonly NotifyFailure[] }>>;
  createQualificationType(input: CreateQualificationTypeInput, options?: CallOptions): Promise<Result<QualificationType>>;
  updateQualificationType(input: UpdateQualificationTypeInput, options?: CallOptions): Promise<Result<QualificationType>>;
  deleteQualificationType(qualificationTypeId: string, options?: CallOptions): Promise<Result<void>>;
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
  ): Promise<Result<WriteReceipt>>;
  /** Reviewable → Reviewing, or back with `revert`. */
  updateHitReviewStatus(hitId: string, revert: boolean, options?: CallOptions): Promise<Result<void>>;
  updateHitTypeOfHit(hitId: string, hitTypeId: string, options?: CallOptions): Promise<Result<void>>;
  /** Replaces a HIT type's notification specification and/or switches it on or off. */
  updateNotificationSettings(
    input: { hitTypeId: string; notification?: NotificationSpec; active?: boolean },
    options?: CallOptions,
  ): Promise<Result<void>>;
  sendTestEventNotification(input: { notification: NotificationSpec; testEventType: TestEventType }, options?: CallOptions): Promise<Result<void>>;

  /** Progress figures of this connection's scheduler (for ETA displays). */
  stats(): SchedulerStats;
  /** Releases the connection's sockets; calls made afterwards fail. */
  close(): void;
}
