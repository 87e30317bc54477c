import { describe, expect, it } from 'vitest';
import { checkAnswerKeyXml, scoreAgainstAnswerKey } from '../../../local-mturk/src/formats/answer-key';
import { checkQualificationTestXml } from '../../../local-mturk/src/formats/question';
import { scoreTestForm } from '../../../local-mturk/src/worker-site/test-preview';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';
import { checkTestSpec, MAX_OPTIONS_PER_QUESTION, newQuestion, type TestSpec } from '../../../shared/qualifications/test-spec';
import { buildTestXml, parseTestXml, type TestXml } from '../../../shared/qualifications/test-xml';

const SPEC: TestSpec = {
  title: 'Bird spotting <basics>',
  overview: 'Answer both. "Quotes" & ampersands are fine.',
  questions: [
    { id: 'q1', text: 'Which is a bird?', style: 'radiobutton', options: [{ id: 'robin', text: 'Robin', score: 10 }, { id: 'bat', text: 'Bat', score: 0 }, { id: 'bee', text: 'Bee', score: -5 }] },
    { id: 'q2', text: 'Which bird cannot fly?', style: 'dropdown', options: [{ id: 'kiwi', text: 'Kiwi', score: 10 }, { id: 'crow', text: 'Crow', score: 0 }] },
  ],
  mapping: { kind: 'percentage' },
};

function built(spec: TestSpec): TestXml {
  const result = buildTestXml(spec);
  if (!result.ok) throw new Error(result.error.map((p) => p.message).join(' '));
  return result.value;
}

const answers = (q1: string, q2: string): string =>
  buildQuestionFormAnswers([
    { questionIdentifier: 'q1', selectionIdentifiers: [q1] },
    { questionIdentifier: 'q2', selectionIdentifiers: [q2] },
  ]);

describe('test builder XML', () => {
  it('generates a Test and AnswerKey that pass the checks MTurk runs at CreateQualificationType', () => {
    const xml = built(SPEC);
    expect(() => checkQualificationTestXml(xml.test, true)).not.toThrow();
    expect(() => checkAnswerKeyXml(xml.answerKey, xml.test)).not.toThrow();
    expect(xml.test).toContain('Bird spotting &lt;basics&gt;');
  });

  it('round-trips: the XML read back is the spec it was built from, for every mapping', () => {
    const mappings: TestSpec['mapping'][] = [
      { kind: 'percentage' },
      { kind: 'none' },
      { kind: 'scale', multiplier: 2.5 },
      { kind: 'range', ranges: [{ lower: 0, upper: 9, value: 0 }, { lower: 10, upper: 20, value: 1 }], outOfRangeValue: -1 },
    ];
    for (const mapping of mappings) {
      const spec = { ...SPEC, mapping };
      expect(parseTestXml(built(spec))).toEqual({ ok: true, value: spec });
    }
  });

  it('scores as the spec says: percentage of the best sum, scale, ranges (negative option scores count)', () => {
    const key = (mapping: TestSpec['mapping']): string => built({ ...SPEC, mapping }).answerKey;
    expect(scoreAgainstAnswerKey(key({ kind: 'percentage' }), answers('robin', 'kiwi'))).toBe(100);
    expect(scoreAgainstAnswerKey(key({ kind: 'percentage' }), answers('robin', 'crow'))).toBe(50);
    expect(scoreAgainstAnswerKey(key({ kind: 'none' }), answers('bee', 'kiwi'))).toBe(5);
    expect(scoreAgainstAnswerKey(key({ kind: 'scale', multiplier: 3 }), answers('bee', 'crow'))).toBe(-15);
    const ranges = key({ kind: 'range', ranges: [{ lower: 0, upper: 9, value: 1 }, { lower: 10, upper: 20, value: 2 }], outOfRangeValue: 7 });
    expect(scoreAgainstAnswerKey(ranges, answers('robin', 'crow'))).toBe(2);
    expect(scoreAgainstAnswerKey(ranges, answers('bee', 'crow'))).toBe(7);
  });

  it('scores a preview form with the worker-site form reading, and lists what is missing instead of scoring', () => {
    const xml = built(SPEC);
    expect(scoreTestForm(xml.test, xml.answerKey, new URLSearchParams('answer.q1=robin&answer.q2=crow'))).toMatchObject({ score: 50 });
    expect(scoreTestForm(xml.test, xml.answerKey, new URLSearchParams('answer.q1=robin'))).toEqual({ problems: ['q2: Choose an answer.'] });
    expect(scoreTestForm(xml.test, null, new URLSearchParams('answer.q1=bat&answer.q2=kiwi'))).toMatchObject({ score: null });
  });

  it('names each problem by question, option and field, and builds nothing', () => {
    const bad: TestSpec = {
      title: ' ',
      overview: '',
      questions: [
        { id: 'q1', text: 'ok?', style: 'radiobutton', options: [{ id: 'a', text: 'A', score: 1.5 }, { id: 'a', text: '', score: 0 }] },
        { id: 'q1', text: '', style: 'radiobutton', options: [{ id: 'has space', text: 'X', score: 0 }] },
      ],
      mapping: { kind: 'range', ranges: [{ lower: 5, upper: 1, value: 1 }], outOfRangeValue: 0 },
    };
    const result = buildTestXml(bad);
    expect(result.ok).toBe(false);
    const fields = checkTestSpec(bad).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'questions.0.options.0.score', 'questions.0.options.1.id', 'questions.0.options.1.text', 'questions.1.id', 'questions.1.text', 'questions.1.options', 'questions.1.options.0.id', 'mapping.ranges.0']),
    );
    expect(checkTestSpec(bad).find((p) => p.field === 'questions.0.options.1.id')?.message).toBe('Question 1, option 2: the id "a" is used by an earlier option.');
  });

  it('enforces the limits: options per question, percentage needing a positive best score, 65,535 characters of XML', () => {
    const many = { ...SPEC.questions[0]!, options: Array.from({ length: MAX_OPTIONS_PER_QUESTION + 1 }, (_, i) => ({ id: `o${i}`, text: `Option ${i}`, score: 0 })) };
    expect(checkTestSpec({ ...SPEC, questions: [many] }).map((p) => p.message)).toEqual([
      `Question 1: ${MAX_OPTIONS_PER_QUESTION + 1} options; at most ${MAX_OPTIONS_PER_QUESTION}.`,
      'A percentage needs a best possible score above 0: give some option a positive score.',
    ]);
    const long = 'x'.repeat(1_900);
    const questions = Array.from({ length: 40 }, (_, i) => ({ ...SPEC.questions[0]!, id: `q${i}`, text: long }));
    const result = buildTestXml({ ...SPEC, questions });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]!.message).toMatch(/^The test's XML has 101,\d{3} characters; MTurk takes at most 65,535/);
  });

  it('refuses to read back a test it did not build, saying why', () => {
    const xml = built(SPEC);
    expect(parseTestXml({ ...xml, answerKey: xml.answerKey.replace('<AnswerOption><SelectionIdentifier>kiwi</SelectionIdentifier><AnswerScore>10</AnswerScore></AnswerOption>', '') })).toEqual({
      ok: false,
      error: 'The test builder cannot edit this test: The answer key does not score option "kiwi" of question "q2".',
    });
    expect(parseTestXml({ ...xml, test: '<QuestionForm>' })).toMatchObject({ ok: false, error: expect.stringMatching(/^The test is not well-formed XML/) });
  });

  it('numbers a new question after the existing ones', () => {
    expect(newQuestion(SPEC.questions).id).toBe('q3');
    expect(newQuestion([{ ...SPEC.questions[0]!, id: 'q2' }]).id).toBe('q3');
  });
});
