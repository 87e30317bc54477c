/**
 * A compact declarative vocabulary for MTurk 2017-01-17 input shapes (botocore service model + documented limits),
 * and the shared shapes every operation reuses. validate.ts walks these descriptions; nothing here executes rules.
 */

export interface StringShape {
  readonly kind: 'string';
  readonly min?: number;
  readonly max?: number;
  /** UTF-8 byte cap (Question, Test, AnswerKey: 65,535 bytes). */
  readonly maxBytes?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface NumberShape {
  readonly kind: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** Epoch seconds as a JSON number (integer from botocore, float from the JS SDK). */
export interface TimestampShape {
  readonly kind: 'timestamp';
}
export interface ListShape {
  readonly kind: 'list';
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
}
/** Cross-member rule; returns a constraint text naming the problem, or null when the value is fine. */
export type StructureCheck = (value: Readonly<Record<string, unknown>>) => { member: string; message: string } | null;
export interface StructureShape {
  readonly kind: 'structure';
  readonly members: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
  readonly checks?: readonly StructureCheck[];
  /** Members whose problems (missing or malformed) MTurk reports in words of its own rather than AWS's generic text. */
  readonly invalidMessages?: Readonly<Record<string, string>>;
}
export type Shape = StringShape | NumberShape | BooleanShape | TimestampShape | ListShape | StructureShape;

// ---- constructors (keep the per-operation tables one line per member) ----
export const str = (c: Omit<StringShape, 'kind'> = {}): StringShape => ({ kind: 'string', ...c });
export const int = (c: Omit<NumberShape, 'kind'> = {}): NumberShape => ({ kind: 'integer', ...c });
export const long = (c: Omit<NumberShape, 'kind'> = {}): NumberShape => ({ kind: 'long', ...c });
export const bool: BooleanShape = { kind: 'boolean' };
export const timestamp: TimestampShape = { kind: 'timestamp' };
export const list = (member: Shape, c: { min?: number; max?: number } = {}): ListShape => ({ kind: 'list', member, ...c });
export const struct = (
  members: Record<string, Shape>,
  required: readonly string[] = [],
  checks: readonly StructureCheck[] = [],
  invalidMessages: Readonly<Record<string, string>> = {},
): StructureShape => ({ kind: 'structure', members, required, checks, invalidMessages });

// ---- common constrained types ----
export const ENTITY_ID = str({ min: 1, max: 64, pattern: '^[A-Z0-9]+$' });
export const CUSTOMER_ID = str({ min: 1, max: 64, pattern: '^A[A-Z0-9]+$' });
export const IDEMPOTENCY_TOKEN = str({ min: 1, max: 64 });
export const CURRENCY_AMOUNT = str({ pattern: '^[0-9]+(\\.)?[0-9]{0,2}$' });
export const PAGINATION_TOKEN = str({ min: 1, max: 255 });
export const RESULT_SIZE = int({ min: 1, max: 100 });
export const XML_DOCUMENT = str({ maxBytes: 65_535 });
/** RequesterFeedback: ≤1024 chars, ASCII 0–8, 11, 12, 14–31 forbidden. */
export const REQUESTER_FEEDBACK = str({ max: 1024, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$' });
export const QUALIFICATION_TYPE_STATUS = str({ enum: ['Active', 'Inactive'] });
export const QUALIFICATION_STATUS = str({ enum: ['Granted', 'Revoked'] });
export const ASSIGNMENT_STATUS = str({ enum: ['Submitted', 'Approved', 'Rejected'] });
export const REVIEWABLE_HIT_STATUS = str({ enum: ['Reviewable', 'Reviewing'] });
export const REVIEW_POLICY_LEVEL = str({ enum: ['Assignment', 'HIT'] });
export const COMPARATORS = [
  'LessThan',
  'LessThanOrEqualTo',
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'EqualTo',
  'NotEqualTo',
  'Exists',
  'DoesNotExist',
  'In',
  'NotIn',
] as const;
export const ACTIONS_GUARDED = ['Accept', 'PreviewAndAccept', 'DiscoverPreviewAndAccept'] as const;
export const EVENT_TYPES = [
  'AssignmentAccepted',
  'AssignmentAbandoned',
  'AssignmentReturned',
  'AssignmentSubmitted',
  'AssignmentRejected',
  'AssignmentApproved',
  'HITCreated',
  'HITExpired',
  'HITReviewable',
  'HITExtended',
  'HITDisposed',
  'Ping',
] as const;

// HIT-level limits documented on the CreateHIT pages (the model itself carries none).
export const TITLE = str({ min: 1, max: 128 });
export const DESCRIPTION = str({ min: 1, max: 2000 });
export const KEYWORDS = str({ max: 1000 });
export const REQUESTER_ANNOTATION = str({ max: 255 });
/** A year: the longest a HIT can run or an assignment last. */
export const MAX_LIFETIME_S = 31_536_000;
export const LIFETIME = long({ min: 30, max: MAX_LIFETIME_S });
export const ASSIGNMENT_DURATION = long({ min: 30, max: MAX_LIFETIME_S });
export const AUTO_APPROVAL_DELAY = long({ min: 0, max: 2_592_000 });
export const MAX_ASSIGNMENTS = int({ min: 1, max: 1_000_000_000 });
