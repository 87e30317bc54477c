import { describe, expect, it } from 'vitest';
import { readInputRows } from '../../../shared/batch/input-rows';
import { addRow, deleteRow, inputCsv, setCell } from '../../../renderer/src/features/batch-editor/rows-model';

const table = () => {
  const read = readInputRows('sentence,label\nfirst,a\n"second, with comma",b\nthird,c\n', 'csv');
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
};

describe('editing the input rows', () => {
  it('edits a cell, adds an empty row and deletes a row, numbering the rows 1…n', () => {
    const edited = deleteRow(addRow(setCell(table(), 2, 'label', 'B')), 1);
    expect(edited.rows.map((r) => [r.number, r.values])).toEqual([
      [1, { sentence: 'second, with comma', label: 'B' }],
      [2, { sentence: 'third', label: 'c' }],
      [3, { sentence: '', label: '' }],
    ]);
  });

  it('writes input.csv that reads back to the same rows, quotes, line breaks, edge spaces and leading = kept exactly', () => {
    const tricky = setCell(setCell(table(), 1, 'sentence', 'He said "hi",\nthen left '), 3, 'label', '=SUM(A1)');
    const text = inputCsv(tricky);
    expect(text.split('\r\n')[0]).toBe('sentence,label');
    const back = readInputRows(text, 'csv');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.columns).toEqual(['sentence', 'label']);
    expect(back.value.rows.map((r) => r.values)).toEqual(tricky.rows.map((r) => r.values));
  });
});
