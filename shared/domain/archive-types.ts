/**
 * What the local archive keeps, as the renderer and services see it.
 * Money is integer cents; every time is epoch milliseconds (UTC); absent values are null.
 */
import type { Cents } from './money';
import type {
  AssignmentStatus,
  EpochMs,
  HitStatus,
  MTurkAssignment,
  MTurkBonusPayment,
  MTurkHit,
  MTurkQualification,
  MTurkQualificationRequest,
  MTurkQualificationType,
  MTurkWorkerBlock,
  QualificationRequirement,
} from './mturk-objects';

// The MTurk object vocabulary is defined once, in mturk-objects.ts; re-exported so archive users need one import.
export {
  ASSIGNMENT_STATUSES,
  HIT_STATUSES,
  type ActionsGuarded,
  type AssignmentStatus,
  type Comparator,
  type EpochMs,
  type HitReviewStatus,
  type HitStatus,
  type LocaleValue,
  type QualificationGrantStatus,
  type QualificationRequirement,
  type QualificationTypeStatus,
} from './mturk-objects';

export type ArchiveConnectionKind = 'local' | 'sandbox' | 'production' | 'custom';

/** One MTurk account at one endpoint: everything else in the archive hangs off one of these. */
export interface ArchiveConnection {
  readonly id: number;
  readonly kind: ArchiveConnectionKind;
  readonly endpoint: string;
  readonly label: string;
  /** Identifies the account (e.g. a hash of the access key id); null for the Local MTurk. */
  readonly accountFingerprint: string | null;
  readonly createdAt: EpochMs;
}

/** When the archive first and last saw an object in an MTurk response, and when MTurk stopped returning it. */
export interface Provenance {
  readonly connectionId: number;
  readonly firstSeenAt: EpochMs;
  readonly lastSeenAt: EpochMs;
  /** Set when a full listing no longer returned the object (MTurk disposed or removed it). */
  readonly goneAt: EpochMs | null;
}

/** What a HIT type is: the properties every HIT of the type shares (MTurk identifies a type by them). */
export interface HitType extends Provenance {
  readonly hitTypeId: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: string | null;
  readonly rewardCents: Cents;
  readonly assignmentDurationSeconds: number;
  readonly autoApprovalDelaySeconds: number;
  readonly qualificationRequirements: readonly QualificationRequirement[];
}

export interface Hit extends MTurkHit, Provenance {}

export interface Assignment extends MTurkAssignment, Provenance {
  readonly hitTypeId: string | null;
  /** Answers flattened to field → text (multi-selections joined with '|'). */
  readonly answers: Readonly<Record<string, string>>;
  /** Why the answer XML could not be read (then `answers` is empty and `answerXml` holds everything); null when read. */
  readonly answersProblem: string | null;
}

export interface Bonus extends MTurkBonusPayment {
  readonly connectionId: number;
  /** Only known for bonuses Turkbench sent itself. */
  readonly uniqueRequestToken: string | null;
  readonly firstSeenAt: EpochMs;
}

export interface QualificationType extends MTurkQualificationType, Provenance {}

export interface QualificationGrant extends MTurkQualification, Provenance {}

export interface QualificationRequest extends MTurkQualificationRequest, Provenance {}

export interface WorkerBlock extends MTurkWorkerBlock, Provenance {}

/** `Unknown`: the call's answer was lost; MTurk offers no way to ask, and it is never sent twice. */
export type MessageDelivery = 'Sent' | 'SoftFailure' | 'HardFailure' | 'Unknown';

export interface WorkerMessage {
  readonly id: number;
  readonly connectionId: number;
  readonly subject: string;
  readonly body: string;
  readonly sentAt: EpochMs;
  readonly recipients: readonly { readonly workerId: string; readonly delivery: MessageDelivery; readonly failureMessage: string | null }[];
}

/** Derived from everything the archive knows about one worker on one connection. */
export interface WorkerSummary {
  readonly connectionId: number;
  readonly workerId: string;
  readonly firstSeenAt: EpochMs;
  readonly lastSeenAt: EpochMs;
  readonly assignments: number;
  readonly approved: number;
  readonly rejected: number;
  readonly bonuses: number;
  readonly bonusCents: Cents;
}

/** `interrupted`: the app stopped (killed, crashed) while the run was going; the next sync resumes it. */
export type SyncStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** Something a sync could not archive as MTurk sent it: a record it skipped, or answers it kept raw only. */
export interface SyncProblem {
  /** What kind of object: 'HIT', 'assignment', 'bonus', … */
  readonly objectKind: string;
  readonly objectId: string;
  readonly problem: string;
  /** True when the record was not archived at all; false when it was archived with something kept raw. */
  readonly skipped: boolean;
}

export interface SyncState {
  readonly connectionId: number;
  readonly resource: string;
  readonly checkpoint: unknown;
  readonly status: SyncStatus;
  readonly startedAt: EpochMs | null;
  readonly finishedAt: EpochMs | null;
  readonly items: number;
}

export interface SyncRun {
  readonly id: number;
  readonly connectionId: number;
  readonly resource: string;
  readonly startedAt: EpochMs;
  readonly finishedAt: EpochMs | null;
  readonly status: SyncStatus;
  readonly items: number;
  readonly pages: number;
  readonly errors: number;
  readonly lastError: string | null;
  /** Full or incremental; null for runs logged before the archive recorded it. */
  readonly mode: 'full' | 'incremental' | null;
  /** Records MTurk sent that this run could not archive (each is in `problems`). */
  readonly skipped: number;
  /** The run's problems, oldest first, at most SYNC_PROBLEMS_SHOWN of them. */
  readonly problems: readonly SyncProblem[];
}

/** How many problems a sync run lists; the rest are counted in `skipped`. */
export const SYNC_PROBLEMS_SHOWN = 50;

export type OperationKind =
  | 'create-hit-type'
  | 'create-hit'
  | 'create-additional-assignments'
  | 'send-bonus'
  | 'approve'
  | 'reject'
  | 'override-rejection'
  | 'create-qualification-type'
  | 'update-qualification-type'
  | 'delete-qualification-type'
  | 'accept-qualification-request'
  | 'reject-qualification-request'
  | 'grant-qualification'
  | 'revoke-qualification'
  | 'block-worker'
  | 'unblock-worker'
  | 'notify-workers'
  | 'update-notification-settings'
  | 'send-test-event'
  | 'expire-hit'
  | 'extend-hit'
  | 'set-hit-reviewing'
  | 'change-hit-type'
  | 'delete-hit'
  | 'create-compensation-hit';

export type OperationState = 'pending' | 'sent' | 'confirmed' | 'failed' | 'unknown';

export interface JournalEntry {
  readonly id: number;
  readonly connectionId: number;
  readonly kind: OperationKind;
  readonly idempotencyToken: string;
  /** The job this call belongs to, if any. */
  readonly jobId: string | null;
  /** The object acted on (HIT id, assignment id, worker id…). */
  readonly target: string | null;
  readonly request: unknown;
  readonly state: OperationState;
  readonly outcome: unknown;
  readonly costCents: Cents | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

export interface ArchiveCounts {
  readonly hitTypes: number;
  readonly hits: number;
  readonly assignments: number;
  readonly bonuses: number;
  readonly qualificationTypes: number;
  readonly qualificationGrants: number;
  readonly qualificationRequests: number;
  readonly workerBlocks: number;
  readonly messages: number;
  readonly workers: number;
}

/** A HIT that MTurk will dispose of soon, and whether its results are safely archived. */
export interface DisposalRisk {
  readonly hit: Hit;
  readonly disposesAt: EpochMs;
  readonly archivedAssignments: number;
  /** True when the archive holds at least as many assignments as MTurk reported completed. */
  readonly resultsArchived: boolean;
}

export interface Page<T> {
  readonly rows: readonly T[];
  /** Opaque; pass back as `after` for the next page. Null on the last page. */
  readonly nextCursor: string | null;
}

export type SortDirection = 'asc' | 'desc';

/**
 * Each is served by an index under every filter (sorting 1M rows per page is not an option); status sorts by
 * submit time within a status. Opaque ids (AssignmentId) are searchable, not sortable.
 */
export const ASSIGNMENT_SORT_COLUMNS = ['submitTime', 'status', 'workerId', 'hitId'] as const;
export type AssignmentSortColumn = (typeof ASSIGNMENT_SORT_COLUMNS)[number];

export interface AssignmentPageQuery {
  readonly connectionId: number;
  readonly filter?: {
    readonly status?: AssignmentStatus;
    readonly workerId?: string;
    readonly hitId?: string;
    readonly hitTypeId?: string;
    /** Case-insensitive substring of the answers, feedback or ids. */
    readonly text?: string;
  };
  readonly sort?: { readonly column: AssignmentSortColumn; readonly direction: SortDirection };
  readonly after?: string | null;
  readonly limit: number;
}

export const HIT_SORT_COLUMNS = ['creationTime', 'expiration', 'status', 'title', 'rewardCents', 'hitId'] as const;
export type HitSortColumn = (typeof HIT_SORT_COLUMNS)[number];

export interface HitPageQuery {
  readonly connectionId: number;
  readonly filter?: {
    readonly status?: HitStatus;
    readonly hitTypeId?: string;
    /** Case-insensitive substring of title, annotation or ids. */
    readonly text?: string;
    /** true: only HITs MTurk no longer returns; false: only live ones; absent: both. */
    readonly gone?: boolean;
  };
  readonly sort?: { readonly column: HitSortColumn; readonly direction: SortDirection };
  readonly after?: string | null;
  readonly limit: number;
}
