/**
 * Pure review-policy evaluators. They compute scores and the actions MTurk would take; the caller (the
 * domain code) executes the actions, stamps their final Status/CompleteTime/Result, persists and serves them.
 *
 * Output shapes = the model's ReviewReport members, so A can store them verbatim:
 *   ReviewResultDetail { ActionId, SubjectId, SubjectType: 'Assignment'|'HIT', QuestionId?, Key, Value }
 *   ReviewActionDetail { ActionId, ActionName: 'approve'|'reject'|'extend', TargetId, TargetType, Status, CompleteTime?,
 *                        Result?, ErrorCode? }  — evaluators emit Status 'Intended'; `effect` says what to execute.
 *
 * Result keys: assignment level `KnownAnswerCorrect` (per question, 1/0) and `KnownAnswerScore`; HIT level
 * per question `AnswerAgreementScore`, `AgreedAnswerFound` (true/false), `AgreedAnswer` (values joined by `|`),
 * `HitAgreementScore`; per assignment `AgreedWithPlurality` (per agreed question, true/false) and `WorkerAgreementScore`.
 * Scores are integer percentages, truncated (2 of 3 → 66, as in the documented worked example).
 */
import { flattenAnswers, MULTI_VALUE_SEPARATOR, type AnswerField } from '../../../shared/mturk/answers';
import type { KnownAnswersPolicy, PluralityPolicy } from './review-policy-params';

export {
  parseReviewPolicy,
  validateReviewPolicy,
  SCORE_MY_KNOWN_ANSWERS,
  SIMPLE_PLURALITY,
  type KnownAnswersPolicy,
  type ParsedPolicy,
  type PluralityPolicy,
  type PolicyLevel,
} from './review-policy-params';

export type SubjectType = 'Assignment' | 'HIT';

export interface ReviewResultDetail {
  ActionId: string;
  SubjectId: string;
  SubjectType: SubjectType;
  QuestionId?: string;
  Key: string;
  Value: string;
}

export interface ReviewActionDetail {
  ActionId: string;
  ActionName: 'approve' | 'reject' | 'extend';
  TargetId: string;
  TargetType: SubjectType;
  Status: 'Intended' | 'Succeeded' | 'Failed' | 'Cancelled';
  CompleteTime?: number;
  Result?: string;
  ErrorCode?: string;
}

export type ReviewEffect =
  | { kind: 'approve'; assignmentId: string; feedback?: string }
  | { kind: 'reject'; assignmentId: string; feedback: string }
  | { kind: 'extend'; hitId: string; additionalAssignments: number; minimumSecondsRemaining: number };

export interface PlannedAction {
  detail: ReviewActionDetail;
  effect: ReviewEffect;
}

export interface ReviewOutcome {
  results: ReviewResultDetail[];
  actions: PlannedAction[];
}

/** Answers longer than this are ignored by SimplePlurality. */
export const MAX_COMPARED_ANSWER_LENGTH = 256;
/** Review-policy extensions never take a HIT from under 10 to 10+ assignments (fee boundary). */
const FEE_BOUNDARY = 10;
const DEFAULT_REJECT_REASON = 'Your answers did not meet the quality requirements of this HIT.';

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.floor((part * 100) / whole));

/** The worker's trimmed value set for a question: a direct answer, or a (crowd-form) flattened field. */
export function answerValues(fields: readonly AnswerField[], questionId: string): string[] {
  const direct = fields.filter((f) => f.questionIdentifier === questionId);
  const values: string[] = [];
  for (const field of direct) {
    values.push(...(field.selectionIdentifiers ?? []));
    if (field.freeText !== undefined) values.push(field.freeText);
    if (field.otherSelectionText !== undefined) values.push(field.otherSelectionText);
  }
  if (direct.length === 0) {
    const flat = flattenAnswers(fields)[questionId];
    if (flat !== undefined) values.push(...flat.split(MULTI_VALUE_SEPARATOR));
  }
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
};

/** Extension limit: ExtendMaximumAssignments, capped at 9 for HITs created with fewer than 10 assignments. */
function extensionAllowed(maxAssignments: number, extendMaximum: number): boolean {
  const cap = maxAssignments < FEE_BOUNDARY ? Math.min(extendMaximum, FEE_BOUNDARY - 1) : extendMaximum;
  return maxAssignments < cap;
}

export interface KnownAnswersSubject {
  hitId: string;
  assignmentId: string;
  answers: readonly AnswerField[];
  /** The HIT's current MaxAssignments (for the extension limit). */
  maxAssignments: number;
}

/** The percentage of known answers matched exactly (after trimming; sets must be equal). */
export function knownAnswerScore(policy: KnownAnswersPolicy, answers: readonly AnswerField[]): { score: number; correct: Map<string, boolean> } {
  const correct = new Map<string, boolean>();
  for (const [questionId, expected] of policy.answerKey) correct.set(questionId, sameSet(answerValues(answers, questionId), expected));
  const right = [...correct.values()].filter(Boolean).length;
  return { score: percent(right, correct.size), correct };
}

export function evaluateKnownAnswers(policy: KnownAnswersPolicy, subject: KnownAnswersSubject, newActionId: () => string): ReviewOutcome {
  const reviewId = newActionId();
  const { score, correct } = knownAnswerScore(policy, subject.answers);
  const result = (key: string, value: string, questionId?: string): ReviewResultDetail => ({
    ActionId: reviewId,
    SubjectId: subject.assignmentId,
    SubjectType: 'Assignment',
    ...(questionId === undefined ? {} : { QuestionId: questionId }),
    Key: key,
    Value: value,
  });
  const results = [...correct].map(([questionId, ok]) => result('KnownAnswerCorrect', ok ? '1' : '0', questionId));
  results.push(result('KnownAnswerScore', String(score)));
  const right = [...correct.values()].filter(Boolean).length;
  const summary = `Reviewed ${correct.size} known answer${correct.size === 1 ? '' : 's'}; ${right}/${correct.size} correct (score ${score})`;
  const actions: PlannedAction[] = [];
  const assignmentAction = (name: 'approve' | 'reject', effect: ReviewEffect): PlannedAction => ({
    detail: { ActionId: newActionId(), ActionName: name, TargetId: subject.assignmentId, TargetType: 'Assignment', Status: 'Intended', Result: summary },
    effect,
  });
  if (policy.approveIfScoreAtLeast !== undefined && score >= policy.approveIfScoreAtLeast) {
    actions.push(assignmentAction('approve', withFeedback({ kind: 'approve', assignmentId: subject.assignmentId }, policy.approveReason)));
  } else if (policy.rejectIfScoreLessThan !== undefined && score < policy.rejectIfScoreLessThan) {
    actions.push(
      assignmentAction('reject', { kind: 'reject', assignmentId: subject.assignmentId, feedback: policy.rejectReason ?? DEFAULT_REJECT_REASON }),
    );
  }
  if (
    policy.extendIfScoreLessThan !== undefined &&
    score < policy.extendIfScoreLessThan &&
    extensionAllowed(subject.maxAssignments, policy.extendMaximumAssignments)
  ) {
    actions.push(extendAction(subject.hitId, policy.extendMinimumTimeInSeconds, newActionId, summary));
  }
  return { results, actions };
}

function withFeedback(effect: { kind: 'approve'; assignmentId: string }, reason: string | undefined): ReviewEffect {
  return reason === undefined ? effect : { ...effect, feedback: reason };
}

function extendAction(hitId: string, minimumSeconds: number, newActionId: () => string, why: string): PlannedAction {
  return {
    detail: { ActionId: newActionId(), ActionName: 'extend', TargetId: hitId, TargetType: 'HIT', Status: 'Intended', Result: why },
    effect: { kind: 'extend', hitId, additionalAssignments: 1, minimumSecondsRemaining: minimumSeconds },
  };
}

export interface PluralityAssignment {
  assignmentId: string;
  workerId: string;
  status: 'Submitted' | 'Approved' | 'Rejected';
  answers: readonly AnswerField[];
  /** KnownAnswerScore from the assignment-level policy, when one ran. */
  knownAnswerScore?: number;
}

export interface PluralitySubject {
  hitId: string;
  maxAssignments: number;
  assignments: readonly PluralityAssignment[];
}

export interface QuestionAgreement {
  questionId: string;
  /** Assignments that gave a usable answer. */
  answered: number;
  score: number;
  /** The plurality answer when it is unique and its score exceeds the threshold. */
  agreedAnswer?: readonly string[];
}

const answerKeyOf = (values: readonly string[]): string => [...new Set(values)].sort().join(MULTI_VALUE_SEPARATOR);

function usableAnswer(assignment: PluralityAssignment, questionId: string): string | undefined {
  const values = answerValues(assignment.answers, questionId).filter((v) => v.length <= MAX_COMPARED_ANSWER_LENGTH);
  return values.length === 0 ? undefined : answerKeyOf(values);
}

export function questionAgreement(policy: PluralityPolicy, assignments: readonly PluralityAssignment[], questionId: string): QuestionAgreement {
  const counts = new Map<string, number>();
  let answered = 0;
  for (const assignment of assignments) {
    const answer = usableAnswer(assignment, questionId);
    if (answer === undefined) continue;
    answered += 1;
    counts.set(answer, (counts.get(answer) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  const score = top === undefined ? 0 : percent(top[1], answered);
  const unique = top !== undefined && (second === undefined || second[1] < top[1]);
  const agreed = unique && score > policy.questionAgreementThreshold;
  return { questionId, answered, score, ...(agreed && top ? { agreedAnswer: top[0].split(MULTI_VALUE_SEPARATOR) } : {}) };
}

/** Assignments that take part in the comparison, per the Disregard… parameters. */
export function consideredAssignments(policy: PluralityPolicy, assignments: readonly PluralityAssignment[]): PluralityAssignment[] {
  return assignments.filter((a) => {
    if (policy.disregardAssignmentIfRejected && a.status === 'Rejected') return false;
    const floor = policy.disregardAssignmentIfKnownAnswerScoreIsLessThan;
    return !(floor !== undefined && a.knownAnswerScore !== undefined && a.knownAnswerScore < floor);
  });
}

export function evaluatePlurality(policy: PluralityPolicy, subject: PluralitySubject, newActionId: () => string): ReviewOutcome {
  const reviewId = newActionId();
  const considered = consideredAssignments(policy, subject.assignments);
  const agreements = policy.questionIds.map((id) => questionAgreement(policy, considered, id));
  const results: ReviewResultDetail[] = [];
  const push = (subjectType: SubjectType, subjectId: string, key: string, value: string, questionId?: string): void => {
    results.push({
      ActionId: reviewId,
      SubjectId: subjectId,
      SubjectType: subjectType,
      ...(questionId === undefined ? {} : { QuestionId: questionId }),
      Key: key,
      Value: value,
    });
  };
  for (const q of agreements) {
    if (q.answered === 0) continue;
    push('HIT', subject.hitId, 'AnswerAgreementScore', String(q.score), q.questionId);
    push('HIT', subject.hitId, 'AgreedAnswerFound', String(q.agreedAnswer !== undefined), q.questionId);
    if (q.agreedAnswer) push('HIT', subject.hitId, 'AgreedAnswer', q.agreedAnswer.join(MULTI_VALUE_SEPARATOR), q.questionId);
  }
  const evaluated = agreements.filter((q) => q.answered > 0);
  const agreedQuestions = agreements.filter((q) => q.agreedAnswer !== undefined);
  const hitScore = percent(agreedQuestions.length, evaluated.length);
  push('HIT', subject.hitId, 'HitAgreementScore', String(hitScore));

  const actions: PlannedAction[] = [];
  for (const assignment of considered) {
    if (agreedQuestions.length === 0) break;
    let matches = 0;
    for (const q of agreedQuestions) {
      const agrees = usableAnswer(assignment, q.questionId) === answerKeyOf(q.agreedAnswer ?? []);
      if (agrees) matches += 1;
      push('Assignment', assignment.assignmentId, 'AgreedWithPlurality', String(agrees), q.questionId);
    }
    const workerScore = percent(matches, agreedQuestions.length);
    push('Assignment', assignment.assignmentId, 'WorkerAgreementScore', String(workerScore));
    const why = `Worker agreement score ${workerScore}`;
    const act = (name: 'approve' | 'reject', effect: ReviewEffect): void => {
      const detail: ReviewActionDetail = {
        ActionId: newActionId(),
        ActionName: name,
        TargetId: assignment.assignmentId,
        TargetType: 'Assignment',
        Status: 'Intended',
        Result: why,
      };
      actions.push({ detail, effect });
    };
    if (policy.approveIfWorkerAgreementScoreIsAtLeast !== undefined && workerScore >= policy.approveIfWorkerAgreementScoreIsAtLeast)
      act('approve', withFeedback({ kind: 'approve', assignmentId: assignment.assignmentId }, policy.approveReason));
    else if (policy.rejectIfWorkerAgreementScoreIsLessThan !== undefined && workerScore < policy.rejectIfWorkerAgreementScoreIsLessThan)
      act('reject', { kind: 'reject', assignmentId: assignment.assignmentId, feedback: policy.rejectReason ?? DEFAULT_REJECT_REASON });
  }
  const extendBelow = policy.extendIfHitAgreementScoreIsLessThan;
  if (
    extendBelow !== undefined &&
    hitScore < extendBelow &&
    extensionAllowed(subject.maxAssignments, policy.extendMaximumAssignments ?? subject.maxAssignments)
  ) {
    actions.push(extendAction(subject.hitId, policy.extendMinimumTimeInSeconds ?? 60, newActionId, `HIT agreement score ${hitScore}`));
  }
  return { results, actions };
}
