import { describe, expect, it } from 'vitest';
import { answersText } from '../../../renderer/src/features/hits/columns';

describe('answers in the assignment grid', () => {
  it('shows a field named __proto__ like any other, as it arrives in JSON from the main process', () => {
    const answers = JSON.parse('{"__proto__":"kept","label":"cat"}') as Record<string, string>;
    expect(answersText({ answers, answersProblem: null })).toBe('__proto__: kept · label: cat');
  });

  it('says why answers could not be read instead of showing nothing', () => {
    expect(answersText({ answers: {}, answersProblem: 'QuestionFormAnswers is not well-formed XML: x' })).toBe(
      'Unreadable answer, kept raw: QuestionFormAnswers is not well-formed XML: x',
    );
  });
});
