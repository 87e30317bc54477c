import { describe, expect, it } from 'vitest';
import { describeRowProblem, parseWebsiteReview } from '../../../shared/domain/website-review';

const HEADER = 'HITId,AssignmentId,WorkerId,Answer.label,Approve,Reject';

describe("the website's review format", () => {
  it('reads x in Approve as an approval and a Reject text as a rejection with that reason; unmarked rows are undecided', () => {
    const file = [HEADER, 'H1,A1,W1,cat,x,', 'H1,A2,W2,dog,,"Wrong animal, see the instructions"', 'H2,A3,W1,cat,X,', 'H2,A4,W3,cat,,', ',,,,,', ''].join('\r\n');
    expect(parseWebsiteReview(file)).toEqual({
      decisions: [
        { row: 2, assignmentId: 'A1', verdict: 'approve' },
        { row: 3, assignmentId: 'A2', verdict: 'reject', feedback: 'Wrong animal, see the instructions' },
        { row: 4, assignmentId: 'A3', verdict: 'approve' },
      ],
      undecided: 1,
      problems: [],
    });
  });

  it('reads a reason Turkbench exported formula-safe back as the worker should read it', () => {
    const parsed = parseWebsiteReview(`${HEADER}\nH1,A1,W1,cat,,'-1 for copying\n`);
    expect(parsed.decisions).toEqual([{ row: 2, assignmentId: 'A1', verdict: 'reject', feedback: '-1 for copying' }]);
  });

  it('names the row and column of every bad row, and keeps none of a bad row', () => {
    const file = [HEADER, 'H1,A1,W1,cat,yes,', 'H1,A2,W2,dog,x,Bad', 'H1,a3,W3,dog,x,', 'H1,A1,W1,cat,,Again', `H2,A5,W1,cat,,${'r'.repeat(1025)}`, 'H2,A6,W1,cat,,ding\u0007'].join('\n');
    const parsed = parseWebsiteReview(file);
    expect(parsed.decisions).toEqual([]);
    expect(parsed.problems.map(describeRowProblem)).toEqual([
      'Row 2, column Approve: "yes": mark x to approve, or leave it empty.',
      'Row 3, column Approve: marked to approve and given a Reject reason: keep one.',
      'Row 4, column AssignmentId: "a3" is not an assignment id (1–64 capital letters and digits).',
      'Row 5, column AssignmentId: A1 is decided again (first on row 2).',
      'Row 6, column Reject: MTurk would refuse the reason — at most 1024 characters (this is 1025).',
      'Row 7, column Reject: MTurk would refuse the reason — control character 7 at character 5 is not allowed (only tab and line breaks are).',
    ]);
  });

  it('refuses a file without the columns it needs, naming them', () => {
    expect(parseWebsiteReview('HITId,WorkerId\nH1,W1\n').problems.map(describeRowProblem)).toEqual([
      "Row 1, column AssignmentId: the header has no AssignmentId column: this is not a results file in the website's review format.",
      "Row 1, column Approve or Reject: the header has no Approve or Reject column: this is not a results file in the website's review format.",
    ]);
  });

  it('refuses a row with more cells than the header rather than dropping the rest of an unquoted reason', () => {
    const file = [HEADER, 'H1,A1,W1,cat,x,', 'H1,A2,W2,dog,,Did not follow the instructions, sorry', 'H1,A3,W3,dog,,"Did not follow the instructions, sorry"'].join('\n');
    const parsed = parseWebsiteReview(file);
    expect(parsed.decisions).toEqual([
      { row: 2, assignmentId: 'A1', verdict: 'approve' },
      { row: 4, assignmentId: 'A3', verdict: 'reject', feedback: 'Did not follow the instructions, sorry' },
    ]);
    expect(parsed.problems.map(describeRowProblem)).toEqual([
      'Row 3: has 7 cells but the header names 6 columns (cell 7 is past the last column, Reject): a cell with a comma in it, such as a Reject reason, must be wrapped in double quotes.',
    ]);
  });

  it('names the row, line and column of a CSV syntax error, with one full stop', () => {
    const unclosed = parseWebsiteReview([HEADER, 'H1,A1,W1,cat,x,', '', 'H1,A2,W2,dog,,"Never closed', 'H1,A3,W3,cat,x,'].join('\n'));
    expect(unclosed.decisions).toEqual([]);
    expect(unclosed.problems.map(describeRowProblem)).toEqual(['Row 4, column Reject: CSV line 4: a quoted cell starts here and is never closed (missing ").']);
    const stray = parseWebsiteReview(`${HEADER}\nH1,A1,W1,say "hi",x,\n`);
    expect(stray.problems.map(describeRowProblem)).toEqual(['Row 2, column Answer.label: CSV line 2: a double quote inside an unquoted cell; wrap the cell in quotes.']);
    expect(parseWebsiteReview('Assignment"Id,Approve\nA1,x\n').problems.map(describeRowProblem)).toEqual(['Row 1: CSV line 1: a double quote inside an unquoted cell; wrap the cell in quotes.']);
  });

  it.each(['Approve', 'Reject', 'AssignmentId'])('refuses a header that names %s twice, since only one of the two would be read', (column) => {
    const header = `${HEADER},${column}`;
    const parsed = parseWebsiteReview(`${header}\nH1,A1,W1,cat,,,x\n`);
    expect(parsed.decisions).toEqual([]);
    expect(parsed.undecided).toBe(0);
    const first = header.split(',').indexOf(column) + 1;
    expect(parsed.problems.map(describeRowProblem)).toEqual([`Row 1, column ${column}: the header names ${column} twice (columns ${first} and 7): keep one.`]);
  });
});
