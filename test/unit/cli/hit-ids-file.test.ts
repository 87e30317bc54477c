import { describe, expect, it } from 'vitest';
import { stringifyCsv } from '../../../shared/domain/csv';
import { hitIdsInFile } from '../../../cli/verbs/hits';

const failure = (text: string): string => {
  try {
    hitIdsInFile(text, 'ids.csv');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe('hits --from-file', () => {
  it('reads ids one per line, blank lines and CRLF included', () => {
    expect(hitIdsInFile('3AAA111\r\n\r\n3BBB222\r\n', 'ids.txt')).toEqual(['3AAA111', '3BBB222']);
  });

  it('reads the HITId column of a results file whose quoted cells hold commas and line breaks, each HIT once', () => {
    const text = stringifyCsv([
      ['Title', 'HITId', 'Answer.note'],
      ['Receipts, batch 1', '3AAA111', 'first line\nsecond, line'],
      ['Receipts, batch 1', '3AAA111', 'another "quoted" answer'],
      ['Receipts, batch 2', '3BBB222', ''],
    ]);
    expect(hitIdsInFile(`\uFEFF${text}`, 'results.csv')).toEqual(['3AAA111', '3BBB222']);
  });

  it('takes the first column of a CSV without a HITId header', () => {
    expect(hitIdsInFile('hit,reason\n3AAA111,"slow, unclear"\n', 'list.csv')).toEqual(['3AAA111']);
  });

  it('names the line (and the column) of a cell that is not a HIT id', () => {
    const text = 'Title,HITId\n"a, b",3AAA111\n"c\nd",not-an-id\n';
    expect(failure(text)).toBe('ids.csv, line 3, column HITId: "not-an-id" is not a HIT id (capital letters and digits).');
    expect(failure('3AAA111\nbad id\n')).toBe('ids.csv, line 2: "bad id" is not a HIT id (capital letters and digits).');
  });

  it('refuses a file that is not CSV, naming the line', () => {
    expect(failure('HITId\n3AAA111\n"never closed\n')).toMatch(/^ids\.csv: CSV line 3: a quoted cell starts here and is never closed/);
  });
});
