import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER_FIELDS, draftCountLabel, draftLabel, filterFrom, rangeIndexes, shareLabel, UndoStack, undoCalls, windowsOfBatch } from '../../../renderer/src/features/review/review-model';

describe('review filter fields', () => {
  it('turns typed fields into a queue filter: ids upper-cased, dates as whole UTC days', () => {
    const result = filterFrom({ ...DEFAULT_FILTER_FIELDS, hitId: ' 3abc9 ', workerId: ' A1W ', submittedFrom: '2026-11-30', submittedTo: '2026-11-30' });
    expect(result).toEqual({
      filter: { status: 'Submitted', hitId: '3ABC9', workerId: 'A1W', submittedFrom: Date.UTC(2026, 10, 30), submittedTo: Date.UTC(2026, 11, 1) - 1 },
    });
  });

  it('names the field and value that is not valid', () => {
    expect(filterFrom({ ...DEFAULT_FILTER_FIELDS, hitTypeId: 'not-an-id' })).toEqual({ error: 'HIT type "not-an-id" is not an id: use capital letters and digits.' });
    expect(filterFrom({ ...DEFAULT_FILTER_FIELDS, submittedFrom: '2026-12-02', submittedTo: '2026-12-01' })).toEqual({ error: 'Submitted from is after submitted to.' });
  });

  it('reads agreement and gold thresholds as percentages', () => {
    expect(filterFrom({ ...DEFAULT_FILTER_FIELDS, agreementBelow: '60', goldBelow: ' 100% ' })).toEqual({ filter: { status: 'Submitted', agreementBelow: 0.6, goldBelow: 1 } });
    expect(filterFrom({ ...DEFAULT_FILTER_FIELDS, agreementBelow: '150' })).toEqual({ error: 'Agreement below "150" is not a percentage from 0 to 100.' });
    expect(shareLabel(2 / 3)).toBe('67%');
    expect(shareLabel(null)).toBe('');
  });

  it('leaves out what is empty, status included', () => {
    expect(filterFrom({ ...DEFAULT_FILTER_FIELDS, status: '' })).toEqual({ filter: {} });
  });
});

describe('drafting', () => {
  it('counts drafts in words', () => {
    expect(draftCountLabel({ approve: 12, reject: 3 })).toBe('12 to approve, 3 to reject');
    expect(draftCountLabel({ approve: 0, reject: 0 })).toBe('No draft verdicts');
  });

  it('labels a draft', () => {
    expect(draftLabel(null)).toBe('');
    expect(draftLabel({ verdict: 'reject', feedback: 'Empty' })).toBe('Reject: Empty');
  });

  it('selects a range in either direction, both ends included', () => {
    expect(rangeIndexes(2, 4)).toEqual([2, 3, 4]);
    expect(rangeIndexes(4, 2)).toEqual([2, 3, 4]);
    expect(rangeIndexes(3, 3)).toEqual([3]);
  });

  it('undoes the newest step by clearing new drafts and restoring earlier ones grouped by verdict and reason', () => {
    const stack = new UndoStack(2);
    stack.push('approve', [{ assignmentId: 'A0', draft: null }]);
    stack.push('reject', [
      { assignmentId: 'A1', draft: null },
      { assignmentId: 'A2', draft: { verdict: 'approve', feedback: null } },
      { assignmentId: 'A3', draft: { verdict: 'reject', feedback: 'Old' } },
      { assignmentId: 'A4', draft: { verdict: 'approve', feedback: null } },
    ]);
    stack.push('approve', [{ assignmentId: 'A5', draft: null }]);
    expect(stack.size).toBe(2);
    expect(undoCalls(stack.pop()!)).toEqual({ clear: ['A5'], restore: [] });
    expect(undoCalls(stack.pop()!)).toEqual({
      clear: ['A1'],
      restore: [
        { verdict: 'approve', feedback: null, assignmentIds: ['A2', 'A4'] },
        { verdict: 'reject', feedback: 'Old', assignmentIds: ['A3'] },
      ],
    });
    // The oldest step fell off the bounded stack.
    expect(stack.pop()).toBeUndefined();
  });
});

describe('the deadline strip narrowed to one batch', () => {
  const windows = [
    { label: 'Within 24 hours', before: 1, assignments: 3, costCents: 36, batches: [{ batchId: 'b1', name: 'One', assignments: 2 }] },
    { label: 'Within 3 days', before: 2, assignments: 9, costCents: 108, batches: [{ batchId: 'b2', name: 'Two', assignments: 4 }, { batchId: 'b1', name: 'One', assignments: 5 }] },
  ];

  it('counts only the batch, with no cost it cannot know and no per-batch chips', () => {
    expect(windowsOfBatch(windows, 'b1')).toEqual([
      { label: 'Within 24 hours', before: 1, assignments: 2, costCents: null, batches: [] },
      { label: 'Within 3 days', before: 2, assignments: 5, costCents: null, batches: [] },
    ]);
  });

  it('counts zero in a window the batch has no work in', () => {
    expect(windowsOfBatch(windows, 'b2').map((w) => w.assignments)).toEqual([0, 4]);
  });
});
