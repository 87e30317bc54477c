import { describe, expect, it } from 'vitest';
import { fillAll, fillTemplate, needsAnswers, withoutTemplate, withTemplate, BUILT_IN_REASONS } from '../../../renderer/src/features/review/reason-templates';

const row = { workerId: 'W1', assignmentId: 'A1', hitId: 'H1', title: 'Label photos', rewardCents: 5 };
const answers = new Map([['label', ['cat']], ['boxes', ['1', '2']], ['note', []]]);

describe('rejection reason templates', () => {
  it('fills every placeholder for one assignment, old spellings too', () => {
    expect(fillTemplate('{worker_id} on {assignment_id} of {hit_id} ({hit_title}, {reward}); {worker}/{assignment}', row)).toEqual({
      text: 'W1 on A1 of H1 (Label photos, $0.05); W1/A1',
    });
  });

  it('quotes answer fields when the answers are known, joined, and says when one is empty', () => {
    expect(fillTemplate('You chose {field:label}; boxes {field: boxes}; note {field:note}', row, answers)).toEqual({ text: 'You chose cat; boxes 1, 2; note (empty)' });
    expect(needsAnswers('You chose {field:label}')).toBe(true);
    expect(needsAnswers('{worker_id} only')).toBe(false);
  });

  it('names a placeholder it cannot fill instead of sending it literally', () => {
    expect(fillTemplate('Hi {name}', row)).toEqual({ problem: expect.stringContaining('{name} is not a placeholder') });
    expect(fillTemplate('{worker_id:x}', row)).toEqual({ problem: expect.stringContaining('{worker_id:x} is not a placeholder') });
    expect(fillTemplate('You chose {field:label}', row)).toEqual({ problem: '{field:label} needs the answers of A1, which could not be read.' });
    expect(fillTemplate('You chose {field:colour}', row, answers)).toEqual({ problem: 'A1 has no answer field "colour" (it has label, boxes, note).' });
    expect(fillTemplate('{field}', row, answers)).toEqual({ problem: expect.stringContaining('needs the answer field') });
  });

  it('leaves text without placeholders alone, and does not fill worker-supplied values again', () => {
    expect(fillTemplate('  Plain reason. ', row)).toEqual({ text: 'Plain reason.' });
    const sneaky = { ...row, title: '{worker_id}' };
    expect(fillTemplate('{hit_title}', sneaky)).toEqual({ text: '{worker_id}' });
  });

  it('fills a selection per assignment, stopping at the first row that cannot be filled', () => {
    const rows = [row, { ...row, workerId: 'W2', assignmentId: 'A2' }];
    const all = fillAll('{worker_id}: {field:label}', rows, (id) => (id === 'A1' ? answers : new Map([['label', ['dog']]])));
    expect(all).toEqual({ filled: new Map([['A1', 'W1: cat'], ['A2', 'W2: dog']]) });
    expect(fillAll('{field:label}', rows, (id) => (id === 'A1' ? answers : undefined))).toEqual({ problem: '{field:label} needs the answers of A2, which could not be read.' });
  });

  it('saves a template once, never a built-in or blank one, and forgets it', () => {
    expect(withTemplate([], ' Bad {field:label} ')).toEqual(['Bad {field:label}']);
    expect(withTemplate(['Bad'], 'Bad')).toEqual(['Bad']);
    expect(withTemplate([], BUILT_IN_REASONS[0]!)).toEqual([]);
    expect(withTemplate([], '   ')).toEqual([]);
    expect(withoutTemplate(['A', 'B'], 'A')).toEqual(['B']);
  });
});
