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
    expect(parseWebsiteReview('AssignmentId,Approve\n"A1\n').problems[0]).toMatchObject({ row: 1 });
  });
});
