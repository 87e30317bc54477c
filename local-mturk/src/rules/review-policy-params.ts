/**
 * Parsing and validation of review-policy parameters. All values arrive as strings inside
 * `Parameters: [{Key, Values: [...]} | {Key: 'AnswerKey', MapEntries: [{Key, Values}]}]`.
 * Errors are MTurkRequestError InvalidParameterValue (ParameterOutOfRange for numbers outside the documented range)
 * naming the policy, the parameter and the problem.
 */
import { MTurkRequestError } from '../ops/types';

export const SCORE_MY_KNOWN_ANSWERS = 'ScoreMyKnownAnswers/2011-09-01';
export const SIMPLE_PLURALITY = 'SimplePlurality/2011-09-01';
export type PolicyLevel = 'Assignment' | 'HIT';

export interface KnownAnswersPolicy {
  readonly kind: 'ScoreMyKnownAnswers';
  /** question id → accepted values (the worker's set must equal it) */
  readonly answerKey: ReadonlyMap<string, readonly string[]>;
  readonly approveIfScoreAtLeast?: number;
  readonly approveReason?: string;
  readonly rejectIfScoreLessThan?: number;
  readonly rejectReason?: string;
  readonly extendIfScoreLessThan?: number;
  readonly extendMaximumAssignments: number;
  readonly extendMinimumTimeInSeconds: number;
}

export interface PluralityPolicy {
  readonly kind: 'SimplePlurality';
  readonly questionIds: readonly string[];
  readonly questionAgreementThreshold: number;
  readonly disregardAssignmentIfRejected: boolean;
  readonly disregardAssignmentIfKnownAnswerScoreIsLessThan?: number;
  readonly extendIfHitAgreementScoreIsLessThan?: number;
  readonly extendMaximumAssignments?: number;
  readonly extendMinimumTimeInSeconds?: number;
  readonly approveIfWorkerAgreementScoreIsAtLeast?: number;
  readonly approveReason?: string;
  readonly rejectIfWorkerAgreementScoreIsLessThan?: number;
  readonly rejectReason?: string;
}

export type ParsedPolicy = KnownAnswersPolicy | PluralityPolicy;

const DEFAULT_EXTEND_MAXIMUM_ASSIGNMENTS = 5;
const DEFAULT_EXTEND_MINIMUM_TIME_S = 60;
const YEAR_S = 31_536_000;

interface RawParameter {
  readonly values: readonly string[];
  readonly mapEntries?: readonly { key: string; values: readonly string[] }[];
}

const invalid = (message: string): MTurkRequestError => new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', message);

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Collects parameters by key; duplicate or unknown keys are refused. `QuestionIDs` is an accepted spelling of `QuestionIds`. */
function collectParameters(policyName: string, parameters: unknown, allowed: readonly string[]): Map<string, RawParameter> {
  const out = new Map<string, RawParameter>();
  for (const entry of Array.isArray(parameters) ? parameters : []) {
    const record = asRecord(entry) ?? {};
    const rawKey = typeof record.Key === 'string' ? record.Key : '';
    const key = rawKey === 'QuestionIDs' ? 'QuestionIds' : rawKey;
    if (!allowed.includes(key))
      throw invalid(`'${rawKey}' is not a parameter of the ${policyName} review policy. Valid parameters: ${allowed.join(', ')}.`);
    if (out.has(key)) throw invalid(`Parameter '${key}' of the ${policyName} review policy is given more than once.`);
    const mapEntries = Array.isArray(record.MapEntries)
      ? record.MapEntries.map((m) => {
          const map = asRecord(m) ?? {};
          return { key: typeof map.Key === 'string' ? map.Key : '', values: stringList(map.Values) };
        })
      : undefined;
    out.set(key, { values: stringList(record.Values), ...(mapEntries ? { mapEntries } : {}) });
  }
  return out;
}

function single(policyName: string, params: Map<string, RawParameter>, key: string): string | undefined {
  const param = params.get(key);
  if (param === undefined) return undefined;
  const [value, ...rest] = param.values;
  if (value === undefined || rest.length > 0)
    throw invalid(`Parameter '${key}' of the ${policyName} review policy needs exactly one value.`);
  return value.trim();
}

function integer(policyName: string, params: Map<string, RawParameter>, key: string, min: number, max: number): number | undefined {
  const raw = single(policyName, params, key);
  if (raw === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(raw)) throw invalid(`Parameter '${key}' of the ${policyName} review policy must be an integer (got '${raw}').`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new MTurkRequestError(
      'AWS.ParameterOutOfRange',
      `Parameter '${key}' of the ${policyName} review policy must be between ${min} and ${max} (got '${raw}').`,
    );
  return value;
}

function boolean(policyName: string, params: Map<string, RawParameter>, key: string): boolean | undefined {
  const raw = single(policyName, params, key);
  if (raw === undefined) return undefined;
  const normalized = raw.toLowerCase();
  if (['true', 't', '1'].includes(normalized)) return true;
  if (['false', 'f', '0'].includes(normalized)) return false;
  throw invalid(`Parameter '${key}' of the ${policyName} review policy must be true or false (got '${raw}').`);
}

function required<T>(policyName: string, key: string, value: T | undefined): T {
  if (value === undefined) throw invalid(`The ${policyName} review policy requires the parameter '${key}'.`);
  return value;
}

const withOptional = <T extends object>(base: T, extras: Record<string, unknown>): T => {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extras)) if (value !== undefined) out[key] = value;
  return out as T;
};

function parseKnownAnswers(parameters: unknown): KnownAnswersPolicy {
  const name = SCORE_MY_KNOWN_ANSWERS;
  const params = collectParameters(name, parameters, [
    'AnswerKey',
    'ApproveIfKnownAnswerScoreIsAtLeast',
    'ApproveReason',
    'RejectIfKnownAnswerScoreIsLessThan',
    'RejectReason',
    'ExtendIfKnownAnswerScoreIsLessThan',
    'ExtendMaximumAssignments',
    'ExtendMinimumTimeInSeconds',
  ]);
  const entries = required(name, 'AnswerKey', params.get('AnswerKey'))?.mapEntries ?? [];
  if (entries.length === 0) throw invalid(`Parameter 'AnswerKey' of the ${name} review policy needs MapEntries (question id → values).`);
  const answerKey = new Map<string, readonly string[]>();
  for (const entry of entries) {
    if (entry.key === '') throw invalid(`Every AnswerKey MapEntry of the ${name} review policy needs a Key (a question id).`);
    if (answerKey.has(entry.key)) throw invalid(`AnswerKey of the ${name} review policy lists question '${entry.key}' twice.`);
    // A key value of '' means "no answer expected": the empty set.
    answerKey.set(entry.key, entry.values.map((v) => v.trim()).filter((v) => v !== ''));
  }
  return withOptional<KnownAnswersPolicy>(
    {
      kind: 'ScoreMyKnownAnswers',
      answerKey,
      extendMaximumAssignments: integer(name, params, 'ExtendMaximumAssignments', 2, 25) ?? DEFAULT_EXTEND_MAXIMUM_ASSIGNMENTS,
      extendMinimumTimeInSeconds: integer(name, params, 'ExtendMinimumTimeInSeconds', 60, YEAR_S) ?? DEFAULT_EXTEND_MINIMUM_TIME_S,
    },
    {
      approveIfScoreAtLeast: integer(name, params, 'ApproveIfKnownAnswerScoreIsAtLeast', 0, 101),
      approveReason: single(name, params, 'ApproveReason'),
      rejectIfScoreLessThan: integer(name, params, 'RejectIfKnownAnswerScoreIsLessThan', 0, 101),
      rejectReason: single(name, params, 'RejectReason'),
      extendIfScoreLessThan: integer(name, params, 'ExtendIfKnownAnswerScoreIsLessThan', 0, 101),
    },
  );
}

function parsePlurality(parameters: unknown): PluralityPolicy {
  const name = SIMPLE_PLURALITY;
  const params = collectParameters(name, parameters, [
    'QuestionIds',
    'QuestionAgreementThreshold',
    'DisregardAssignmentIfRejected',
    'DisregardAssignmentIfKnownAnswerScoreIsLessThan',
    'ExtendIfHITAgreementScoreIsLessThan',
    'ExtendMaximumAssignments',
    'ExtendMinimumTimeInSeconds',
    'ApproveIfWorkerAgreementScoreIsAtLeast',
    'ApproveReason',
    'RejectIfWorkerAgreementScoreIsLessThan',
    'RejectReason',
  ]);
  // Both forms are seen: one comma-separated value, or one value per question id.
  const questionIds = required(name, 'QuestionIds', params.get('QuestionIds'))
    .values.flatMap((v) => v.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (questionIds.length === 0) throw invalid(`Parameter 'QuestionIds' of the ${name} review policy names no question.`);
  const extendBelow = integer(name, params, 'ExtendIfHITAgreementScoreIsLessThan', 1, 100);
  const extendMaximumAssignments = integer(name, params, 'ExtendMaximumAssignments', 2, 25);
  const extendMinimumTimeInSeconds = integer(name, params, 'ExtendMinimumTimeInSeconds', 60, YEAR_S);
  if (extendBelow !== undefined) {
    required(name, 'ExtendMaximumAssignments', extendMaximumAssignments);
    required(name, 'ExtendMinimumTimeInSeconds', extendMinimumTimeInSeconds);
  }
  return withOptional<PluralityPolicy>(
    {
      kind: 'SimplePlurality',
      questionIds,
      questionAgreementThreshold: required(name, 'QuestionAgreementThreshold', integer(name, params, 'QuestionAgreementThreshold', 0, 100)),
      // Marked required in the doc table but absent from several published examples: default false.
      disregardAssignmentIfRejected: boolean(name, params, 'DisregardAssignmentIfRejected') ?? false,
    },
    {
      disregardAssignmentIfKnownAnswerScoreIsLessThan: integer(name, params, 'DisregardAssignmentIfKnownAnswerScoreIsLessThan', 0, 101),
      extendIfHitAgreementScoreIsLessThan: extendBelow,
      extendMaximumAssignments,
      extendMinimumTimeInSeconds,
      approveIfWorkerAgreementScoreIsAtLeast: integer(name, params, 'ApproveIfWorkerAgreementScoreIsAtLeast', 0, 101),
      approveReason: single(name, params, 'ApproveReason'),
      rejectIfWorkerAgreementScoreIsLessThan: integer(name, params, 'RejectIfWorkerAgreementScoreIsLessThan', 0, 101),
      rejectReason: single(name, params, 'RejectReason'),
    },
  );
}

/** Parses a ReviewPolicy (wire shape) for its level; throws MTurkRequestError naming what is wrong. */
export function parseReviewPolicy(policy: unknown, level: PolicyLevel): ParsedPolicy {
  const record = asRecord(policy);
  const policyName = typeof record?.PolicyName === 'string' ? record.PolicyName : '';
  const expected = level === 'Assignment' ? SCORE_MY_KNOWN_ANSWERS : SIMPLE_PLURALITY;
  if (policyName !== expected)
    throw invalid(
      `'${policyName}' is not a valid ${level === 'Assignment' ? 'AssignmentReviewPolicy' : 'HITReviewPolicy'} PolicyName; expected ${expected}.`,
    );
  return level === 'Assignment' ? parseKnownAnswers(record?.Parameters) : parsePlurality(record?.Parameters);
}

/** CreateHIT-time check of AssignmentReviewPolicy / HITReviewPolicy. */
export function validateReviewPolicy(policy: unknown, level: PolicyLevel): void {
  parseReviewPolicy(policy, level);
}
