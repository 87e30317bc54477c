import { describe, expect, it } from 'vitest';
import { buildQuestionFormAnswers, type AnswerField } from '../../shared/mturk/answers';
import { ANSWER_KEY_NAMESPACE, checkAnswerKeyXml, parseAnswerKey, scoreAgainstAnswerKey } from '../src/formats/answer-key';
import { QUESTION_FORM_NAMESPACES } from '../src/formats/question';
import { MTurkRequestError } from '../src/ops/types';

const option = (selections: string[], score: number): string =>
  `<AnswerOption>${selections.map((s) => `<SelectionIdentifier>${s}</SelectionIdentifier>`).join('')}<AnswerScore>${score}</AnswerScore></AnswerOption>`;
const keyQuestion = (id: string, options: string, defaultScore?: number): string =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier>${options}${defaultScore === undefined ? '' : `<DefaultScore>${defaultScore}</DefaultScore>`}</Question>`;
const answerKey = (questions: string, mapping = ''): string =>
  `<AnswerKey xmlns="${ANSWER_KEY_NAMESPACE}">${questions}${mapping ? `<QualificationValueMapping>${mapping}</QualificationValueMapping>` : ''}</AnswerKey>`;
const answers = (fields: AnswerField[]): string => buildQuestionFormAnswers(fields);
const pick = (id: string, ...selections: string[]): AnswerField => ({ questionIdentifier: id, selectionIdentifiers: selections });

// The developer guide's tic-tac-toe style key: 3 questions worth 5 each.
const THREE = keyQuestion('q1', option(['a'], 5)) + keyQuestion('q2', option(['b'], 5)) + keyQuestion('q3', option(['c', 'd'], 5) + option(['c'], 2));

describe('scoreAgainstAnswerKey', () => {
  it('sums option scores when there is no mapping', () => {
    expect(scoreAgainstAnswerKey(answerKey(THREE), answers([pick('q1', 'a'), pick('q2', 'b'), pick('q3', 'd', 'c')]))).toBe(15);
    expect(scoreAgainstAnswerKey(answerKey(THREE), answers([pick('q1', 'a'), pick('q2', 'x'), pick('q3', 'c')]))).toBe(7);
  });

  it('requires exactly the option set: a superset or subset does not match', () => {
    const key = answerKey(keyQuestion('q', option(['a', 'b'], 10)));
    expect(scoreAgainstAnswerKey(key, answers([pick('q', 'a')]))).toBe(0);
    expect(scoreAgainstAnswerKey(key, answers([pick('q', 'a', 'b', 'c')]))).toBe(0);
    expect(scoreAgainstAnswerKey(key, answers([pick('q', 'b', 'a')]))).toBe(10);
  });

  it('uses DefaultScore (which may be negative) for unanswered or unmatched questions', () => {
    const key = answerKey(keyQuestion('q1', option(['a'], 3), -1) + keyQuestion('q2', option(['b'], 3), 1));
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'z')]))).toBe(0); // -1 + 1
    expect(scoreAgainstAnswerKey(key, '')).toBe(0);
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a'), pick('q2', 'b')]))).toBe(6);
  });

  it('applies PercentageMapping with rounding', () => {
    const key = answerKey(THREE, '<PercentageMapping><MaximumSummedScore>15</MaximumSummedScore></PercentageMapping>');
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a'), pick('q2', 'b'), pick('q3', 'c')]))).toBe(80); // 12/15
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a'), pick('q3', 'c')]))).toBe(47); // 7/15 = 46.67
  });

  it('applies ScaleMapping', () => {
    const key = answerKey(THREE, '<ScaleMapping><SummedScoreMultiplier>2.5</SummedScoreMultiplier></ScaleMapping>');
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a')]))).toBe(13); // 12.5 → 13
  });

  it('applies RangeMapping, with the out-of-range value otherwise', () => {
    const ranges =
      '<RangeMapping>' +
      '<SummedScoreRange><InclusiveLowerBound>0</InclusiveLowerBound><InclusiveUpperBound>5</InclusiveUpperBound><QualificationValue>1</QualificationValue></SummedScoreRange>' +
      '<SummedScoreRange><InclusiveLowerBound>6</InclusiveLowerBound><InclusiveUpperBound>10</InclusiveUpperBound><QualificationValue>50</QualificationValue></SummedScoreRange>' +
      '<OutOfRangeQualificationValue>99</OutOfRangeQualificationValue></RangeMapping>';
    const key = answerKey(THREE, ranges);
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a')]))).toBe(1);
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a'), pick('q2', 'b')]))).toBe(50);
    expect(scoreAgainstAnswerKey(key, answers([pick('q1', 'a'), pick('q2', 'b'), pick('q3', 'c', 'd')]))).toBe(99);
  });

  it('reports unparsable answers as XMLParseError', () => {
    try {
      scoreAgainstAnswerKey(answerKey(THREE), '<QuestionFormAnswers><Answer>');
      throw new Error('accepted');
    } catch (error) {
      expect((error as MTurkRequestError).turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    }
  });
});

describe('parseAnswerKey / checkAnswerKeyXml', () => {
  const code = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      return `${(error as MTurkRequestError).turkErrorCode}: ${(error as Error).message}`;
    }
    return 'accepted';
  };

  it('parses options, defaults and mapping', () => {
    const key = parseAnswerKey(answerKey(keyQuestion('q', option(['a'], 2), -3), '<PercentageMapping><MaximumSummedScore>2</MaximumSummedScore></PercentageMapping>'));
    expect(key).toEqual({
      questions: [{ questionIdentifier: 'q', options: [{ selections: ['a'], score: 2 }], defaultScore: -3 }],
      mapping: { kind: 'percentage', maximumSummedScore: 2 },
    });
  });

  it('rejects malformed keys precisely', () => {
    expect(code(() => parseAnswerKey('<AnswerKey>'))).toMatch(/^AWS.MechanicalTurk.XMLParseError/);
    expect(code(() => parseAnswerKey('<AnswerKey/>'))).toContain('must declare the namespace');
    expect(code(() => parseAnswerKey(answerKey('')))).toContain('at least one Question');
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', ''))))).toContain("question 'q' has no AnswerOption");
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', '<AnswerOption><AnswerScore>1</AnswerScore></AnswerOption>'))))).toContain('no SelectionIdentifier');
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', option(['a'], 1)).replace('<AnswerScore>1', '<AnswerScore>one'))))).toContain("'one' is not a number");
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', option(['a'], 1)) + keyQuestion('q', option(['b'], 1)))))).toContain('duplicate');
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', option(['a'], 1)), '<PercentageMapping><MaximumSummedScore>0</MaximumSummedScore></PercentageMapping>')))).toContain(
      'greater than 0',
    );
    expect(code(() => parseAnswerKey(answerKey(keyQuestion('q', option(['a'], 1)), '<Other/>')))).toContain('PercentageMapping, ScaleMapping or RangeMapping');
  });

  it('refuses keys that name questions the test does not have', () => {
    const test = `<QuestionForm xmlns="${QUESTION_FORM_NAMESPACES[0]}"><Question><QuestionIdentifier>q1</QuestionIdentifier><QuestionContent><Text>?</Text></QuestionContent><AnswerSpecification><SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>a</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question></QuestionForm>`;
    expect(code(() => checkAnswerKeyXml(answerKey(keyQuestion('q1', option(['a'], 1))), test))).toBe('accepted');
    expect(code(() => checkAnswerKeyXml(answerKey(keyQuestion('q9', option(['a'], 1))), test))).toContain(
      "AWS.MechanicalTurk.InvalidParameterValue: The AnswerKey refers to question 'q9'",
    );
    expect(code(() => checkAnswerKeyXml(answerKey(keyQuestion('q1', option(['a'], 1) + option(['zz'], 2))), test))).toContain(
      "The AnswerKey option 'zz' of question 'q1' is not a selection of that question in the Test.",
    );
  });
});
