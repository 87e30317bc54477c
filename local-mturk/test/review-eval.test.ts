import { describe, expect, it } from 'vitest';
import type { AnswerField } from '../../shared/mturk/answers';
import { MTurkRequestError } from '../src/ops/types';
import {
  SCORE_MY_KNOWN_ANSWERS,
  SIMPLE_PLURALITY,
  evaluateKnownAnswers,
  evaluatePlurality,
  parseReviewPolicy,
  validateReviewPolicy,
  type KnownAnswersPolicy,
  type PluralityAssignment,
  type PluralityPolicy,
} from '../src/rules/review-policies';

const param = (Key: string, ...Values: string[]): Record<string, unknown> => ({ Key, Values });
const answerKeyParam = (entries: Record<string, string[]>): Record<string, unknown> => ({
  Key: 'AnswerKey',
  MapEntries: Object.entries(entries).map(([Key, Values]) => ({ Key, Values })),
});
const knownPolicy = (...params: Record<string, unknown>[]): KnownAnswersPolicy =>
  parseReviewPolicy({ PolicyName: SCORE_MY_KNOWN_ANSWERS, Parameters: params }, 'Assignment') as KnownAnswersPolicy;
const pluralityPolicy = (...params: Record<string, unknown>[]): PluralityPolicy =>
  parseReviewPolicy({ PolicyName: SIMPLE_PLURALITY, Parameters: params }, 'HIT') as PluralityPolicy;

function ids(): () => string {
  let n = 0;
  return () => `ACTION${++n}`;
}

function failure(run: () => unknown): MTurkRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof MTurkRequestError) return error;
    throw error;
  }
  throw new Error('accepted');
}

const free = (questionIdentifier: string, freeText: string): AnswerField => ({ questionIdentifier, freeText });

describe('validateReviewPolicy', () => {
  it('accepts well-formed policies of each level', () => {
    expect(() =>
      validateReviewPolicy({ PolicyName: SCORE_MY_KNOWN_ANSWERS, Parameters: [answerKeyParam({ q1: ['a'] }), param('ApproveIfKnownAnswerScoreIsAtLeast', '80')] }, 'Assignment'),
    ).not.toThrow();
    expect(() => validateReviewPolicy({ PolicyName: SIMPLE_PLURALITY, Parameters: [param('QuestionIds', 'q1,q2'), param('QuestionAgreementThreshold', '49')] }, 'HIT')).not.toThrow();
  });

  it('requires the policy that belongs to the level', () => {
    expect(failure(() => validateReviewPolicy({ PolicyName: SIMPLE_PLURALITY }, 'Assignment')).message).toContain(
      `'${SIMPLE_PLURALITY}' is not a valid AssignmentReviewPolicy PolicyName; expected ${SCORE_MY_KNOWN_ANSWERS}`,
    );
    expect(failure(() => validateReviewPolicy({ PolicyName: 'Majority/2020' }, 'HIT')).message).toContain('HITReviewPolicy');
  });

  it('names missing, unknown, duplicated and malformed parameters', () => {
    expect(failure(() => knownPolicy(param('ApproveReason', 'ok'))).message).toContain("requires the parameter 'AnswerKey'");
    expect(failure(() => knownPolicy(answerKeyParam({}))).message).toContain('needs MapEntries');
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('Bogus', '1'))).message).toContain("'Bogus' is not a parameter");
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('ApproveReason', 'a'), param('ApproveReason', 'b'))).message).toContain(
      'more than once',
    );
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('ApproveIfKnownAnswerScoreIsAtLeast', 'high'))).message).toContain(
      "must be an integer (got 'high')",
    );
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('ApproveReason'))).message).toContain('exactly one value');
    expect(failure(() => pluralityPolicy(param('QuestionIds', 'q'))).message).toContain("'QuestionAgreementThreshold'");
    expect(failure(() => pluralityPolicy(param('QuestionIds', 'q'), param('QuestionAgreementThreshold', '50'), param('DisregardAssignmentIfRejected', 'maybe'))).message).toContain(
      'must be true or false',
    );
  });

  it('enforces the documented ranges with ParameterOutOfRange', () => {
    const ext = failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('ExtendMaximumAssignments', '30')));
    expect(ext.turkErrorCode).toBe('AWS.ParameterOutOfRange');
    expect(ext.message).toContain('between 2 and 25');
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('ExtendMinimumTimeInSeconds', '59'))).message).toContain('between 60 and 31536000');
    expect(failure(() => knownPolicy(answerKeyParam({ q: ['a'] }), param('RejectIfKnownAnswerScoreIsLessThan', '102'))).message).toContain('between 0 and 101');
    expect(failure(() => pluralityPolicy(param('QuestionIds', 'q'), param('QuestionAgreementThreshold', '50'), param('ExtendIfHITAgreementScoreIsLessThan', '0'))).message).toContain(
      'between 1 and 100',
    );
  });

  it('requires ExtendMaximumAssignments and ExtendMinimumTimeInSeconds when SimplePlurality extends', () => {
    expect(
      failure(() => pluralityPolicy(param('QuestionIds', 'q'), param('QuestionAgreementThreshold', '50'), param('ExtendIfHITAgreementScoreIsLessThan', '60'))).message,
    ).toContain("'ExtendMaximumAssignments'");
  });

  it('accepts QuestionIds as one comma list or one value per id, and the QuestionIDs spelling', () => {
    expect(pluralityPolicy(param('QuestionIds', 'a, b'), param('QuestionAgreementThreshold', '49')).questionIds).toEqual(['a', 'b']);
    expect(pluralityPolicy(param('QuestionIDs', 'a', 'b'), param('QuestionAgreementThreshold', '49')).questionIds).toEqual(['a', 'b']);
  });
});

describe('ScoreMyKnownAnswers', () => {
  const policy = knownPolicy(
    answerKeyParam({ q1: ['cat'], q2: ['red', 'blue'], q3: ['yes'], q4: [''] }),
    param('ApproveIfKnownAnswerScoreIsAtLeast', '75'),
    param('ApproveReason', 'Good work'),
    param('RejectIfKnownAnswerScoreIsLessThan', '50'),
    param('RejectReason', 'Too many wrong answers'),
    param('ExtendIfKnownAnswerScoreIsLessThan', '75'),
    param('ExtendMaximumAssignments', '3'),
    param('ExtendMinimumTimeInSeconds', '3600'),
  );
  const subject = (answers: AnswerField[], maxAssignments = 1) => ({ hitId: '3HIT', assignmentId: '3ASG', answers, maxAssignments });

  it('scores exact matches after trimming; sets must match; empty vs empty matches', () => {
    const outcome = evaluateKnownAnswers(
      policy,
      subject([free('q1', '  cat '), { questionIdentifier: 'q2', selectionIdentifiers: ['blue', 'red'] }, free('q3', 'Yes')]),
      ids(),
    );
    expect(outcome.results).toEqual([
      { ActionId: 'ACTION1', SubjectId: '3ASG', SubjectType: 'Assignment', QuestionId: 'q1', Key: 'KnownAnswerCorrect', Value: '1' },
      { ActionId: 'ACTION1', SubjectId: '3ASG', SubjectType: 'Assignment', QuestionId: 'q2', Key: 'KnownAnswerCorrect', Value: '1' },
      { ActionId: 'ACTION1', SubjectId: '3ASG', SubjectType: 'Assignment', QuestionId: 'q3', Key: 'KnownAnswerCorrect', Value: '0' },
      { ActionId: 'ACTION1', SubjectId: '3ASG', SubjectType: 'Assignment', QuestionId: 'q4', Key: 'KnownAnswerCorrect', Value: '1' },
      { ActionId: 'ACTION1', SubjectId: '3ASG', SubjectType: 'Assignment', Key: 'KnownAnswerScore', Value: '75' },
    ]);
    expect(outcome.actions).toEqual([
      {
        detail: { ActionId: 'ACTION2', ActionName: 'approve', TargetId: '3ASG', TargetType: 'Assignment', Status: 'Intended', Result: 'Reviewed 4 known answers; 3/4 correct (score 75)' },
        effect: { kind: 'approve', assignmentId: '3ASG', feedback: 'Good work' },
      },
    ]);
  });

  it('rejects and extends below the thresholds', () => {
    const outcome = evaluateKnownAnswers(policy, subject([free('q1', 'dog'), free('q4', 'something')]), ids());
    expect(outcome.results.at(-1)).toMatchObject({ Key: 'KnownAnswerScore', Value: '0' });
    expect(outcome.actions.map((a) => a.effect)).toEqual([
      { kind: 'reject', assignmentId: '3ASG', feedback: 'Too many wrong answers' },
      { kind: 'extend', hitId: '3HIT', additionalAssignments: 1, minimumSecondsRemaining: 3600 },
    ]);
    expect(outcome.actions[1]?.detail).toMatchObject({ ActionName: 'extend', TargetId: '3HIT', TargetType: 'HIT' });
  });

  it('stops extending at ExtendMaximumAssignments and never crosses 10 assignments', () => {
    const atCap = evaluateKnownAnswers(policy, subject([], 3), ids());
    expect(atCap.actions.map((a) => a.effect.kind)).toEqual(['reject']);
    const big = knownPolicy(answerKeyParam({ q: ['a'] }), param('ExtendIfKnownAnswerScoreIsLessThan', '101'), param('ExtendMaximumAssignments', '25'));
    expect(evaluateKnownAnswers(big, subject([], 9), ids()).actions).toEqual([]);
    expect(evaluateKnownAnswers(big, subject([], 8), ids()).actions.map((a) => a.effect.kind)).toEqual(['extend']);
    expect(evaluateKnownAnswers(big, subject([], 12), ids()).actions.map((a) => a.effect.kind)).toEqual(['extend']);
  });

  it('takes no action without approve/reject/extend parameters (assignment stays Submitted)', () => {
    const scoreOnly = knownPolicy(answerKeyParam({ q: ['a'] }));
    expect(evaluateKnownAnswers(scoreOnly, subject([free('q', 'b')]), ids()).actions).toEqual([]);
  });

  it('reads crowd-html-elements answers through their flattened field names', () => {
    const crowd = knownPolicy(answerKeyParam({ 'sentiment.label': ['positive'], animal: ['cat'] }), param('ApproveIfKnownAnswerScoreIsAtLeast', '100'));
    const answers = [free('taskAnswers', JSON.stringify([{ sentiment: { label: 'positive' }, animal: { cat: true, dog: false } }]))];
    expect(evaluateKnownAnswers(crowd, subject(answers), ids()).actions.map((a) => a.effect.kind)).toEqual(['approve']);
  });
});

describe('SimplePlurality', () => {
  // The documented worked example: 3 workers, 4 questions ⇒ question scores 66/66/100/none, HIT 75 %, workers 100/66/66.
  const assignment = (id: string, answers: string[], status: PluralityAssignment['status'] = 'Submitted', knownAnswerScore?: number): PluralityAssignment => ({
    assignmentId: id,
    workerId: `AW${id}`,
    status,
    answers: answers.map((a, i) => free(`q${i + 1}`, a)),
    ...(knownAnswerScore === undefined ? {} : { knownAnswerScore }),
  });
  const example = [assignment('A1', ['A', 'X', 'Z', 'P']), assignment('A2', ['A', 'Y', 'Z', 'Q']), assignment('A3', ['B', 'X', 'Z', 'R'])];
  const policy = pluralityPolicy(
    param('QuestionIds', 'q1,q2,q3,q4'),
    param('QuestionAgreementThreshold', '49'),
    param('ApproveIfWorkerAgreementScoreIsAtLeast', '100'),
    param('RejectIfWorkerAgreementScoreIsLessThan', '50'),
    param('RejectReason', 'Disagreed with the others'),
  );
  const value = (results: { SubjectId: string; QuestionId?: string; Key: string; Value: string }[], subject: string, key: string, question?: string): string | undefined =>
    results.find((r) => r.SubjectId === subject && r.Key === key && r.QuestionId === question)?.Value;

  it('reproduces the documented scores', () => {
    const { results } = evaluatePlurality(policy, { hitId: '3HIT', maxAssignments: 3, assignments: example }, ids());
    expect(['q1', 'q2', 'q3', 'q4'].map((q) => value(results, '3HIT', 'AnswerAgreementScore', q))).toEqual(['66', '66', '100', '33']);
    expect(['q1', 'q2', 'q3', 'q4'].map((q) => value(results, '3HIT', 'AgreedAnswerFound', q))).toEqual(['true', 'true', 'true', 'false']);
    expect(value(results, '3HIT', 'AgreedAnswer', 'q1')).toBe('A');
    expect(value(results, '3HIT', 'HitAgreementScore')).toBe('75');
    expect(['A1', 'A2', 'A3'].map((a) => value(results, a, 'WorkerAgreementScore'))).toEqual(['100', '66', '66']);
    expect(value(results, 'A2', 'AgreedWithPlurality', 'q2')).toBe('false');
  });

  it('approves and rejects on worker agreement', () => {
    const lenient = pluralityPolicy(param('QuestionIds', 'q1,q2,q3,q4'), param('QuestionAgreementThreshold', '49'), param('ApproveIfWorkerAgreementScoreIsAtLeast', '100'), param('RejectIfWorkerAgreementScoreIsLessThan', '67'), param('RejectReason', 'Disagreed'));
    const { actions } = evaluatePlurality(lenient, { hitId: '3HIT', maxAssignments: 3, assignments: example }, ids());
    expect(actions.map((a) => a.effect)).toEqual([
      { kind: 'approve', assignmentId: 'A1' },
      { kind: 'reject', assignmentId: 'A2', feedback: 'Disagreed' },
      { kind: 'reject', assignmentId: 'A3', feedback: 'Disagreed' },
    ]);
    expect(evaluatePlurality(policy, { hitId: '3HIT', maxAssignments: 3, assignments: example }, ids()).actions.map((a) => a.effect.kind)).toEqual(['approve']);
  });

  it('agreement must exceed the threshold, and ties have no agreed answer', () => {
    const strict = pluralityPolicy(param('QuestionIds', 'q1'), param('QuestionAgreementThreshold', '66'));
    const { results } = evaluatePlurality(strict, { hitId: 'H', maxAssignments: 3, assignments: example }, ids());
    expect(value(results, 'H', 'AgreedAnswerFound', 'q1')).toBe('false');
    const tie = [assignment('T1', ['A']), assignment('T2', ['B'])];
    const zero = pluralityPolicy(param('QuestionIds', 'q1'), param('QuestionAgreementThreshold', '0'));
    expect(value(evaluatePlurality(zero, { hitId: 'H', maxAssignments: 2, assignments: tie }, ids()).results, 'H', 'AgreedAnswerFound', 'q1')).toBe('false');
  });

  it('disregards rejected assignments and low known-answer scores when asked', () => {
    const withRejected = [...example, assignment('A4', ['B', 'Y', 'Z', 'P'], 'Rejected'), assignment('A5', ['B', 'Y', 'Z', 'P'], 'Submitted', 10)];
    const base = [param('QuestionIds', 'q1'), param('QuestionAgreementThreshold', '49')];
    const counting = evaluatePlurality(pluralityPolicy(...base), { hitId: 'H', maxAssignments: 5, assignments: withRejected }, ids());
    expect(value(counting.results, 'H', 'AgreedAnswer', 'q1')).toBe('B'); // B ×3 of 5
    const disregarding = evaluatePlurality(
      pluralityPolicy(...base, param('DisregardAssignmentIfRejected', 'true'), param('DisregardAssignmentIfKnownAnswerScoreIsLessThan', '50')),
      { hitId: 'H', maxAssignments: 5, assignments: withRejected },
      ids(),
    );
    expect(value(disregarding.results, 'H', 'AgreedAnswer', 'q1')).toBe('A');
    expect(value(disregarding.results, 'A4', 'WorkerAgreementScore')).toBeUndefined();
  });

  it('ignores answers longer than 256 characters and compares multi-selections as sets', () => {
    const long = 'x'.repeat(257);
    const assignments: PluralityAssignment[] = [
      { assignmentId: 'L1', workerId: 'AW1', status: 'Submitted', answers: [free('q1', long)] },
      { assignmentId: 'L2', workerId: 'AW2', status: 'Submitted', answers: [{ questionIdentifier: 'q1', selectionIdentifiers: ['a', 'b'] }] },
      { assignmentId: 'L3', workerId: 'AW3', status: 'Submitted', answers: [{ questionIdentifier: 'q1', selectionIdentifiers: ['b', 'a'] }] },
    ];
    const { results } = evaluatePlurality(pluralityPolicy(param('QuestionIds', 'q1'), param('QuestionAgreementThreshold', '50')), { hitId: 'H', maxAssignments: 3, assignments }, ids());
    expect(value(results, 'H', 'AnswerAgreementScore', 'q1')).toBe('100');
    expect(value(results, 'H', 'AgreedAnswer', 'q1')).toBe('a|b');
  });

  it('extends the HIT while agreement is low, up to ExtendMaximumAssignments', () => {
    const extending = pluralityPolicy(
      param('QuestionIds', 'q1,q2,q3,q4'),
      param('QuestionAgreementThreshold', '49'),
      param('ExtendIfHITAgreementScoreIsLessThan', '80'),
      param('ExtendMaximumAssignments', '5'),
      param('ExtendMinimumTimeInSeconds', '3600'),
    );
    const below = evaluatePlurality(extending, { hitId: '3HIT', maxAssignments: 3, assignments: example }, ids());
    expect(below.actions.map((a) => a.effect)).toEqual([{ kind: 'extend', hitId: '3HIT', additionalAssignments: 1, minimumSecondsRemaining: 3600 }]);
    expect(evaluatePlurality(extending, { hitId: '3HIT', maxAssignments: 5, assignments: example }, ids()).actions).toEqual([]);
  });
});
