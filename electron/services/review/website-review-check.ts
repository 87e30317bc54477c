/**
 * A website-format review file checked against the archive: each decided row must name an assignment of this
 * connection that is still Submitted (only those can be approved or rejected), else the row is reported.
 */
import type { WebsiteReviewCheck } from '../../../shared/contract/review-file';
import { parseWebsiteReview, type RowProblem } from '../../../shared/domain/website-review';
import type { ReadDb } from '../../archive/db-types';
import { assignmentForReview } from '../../archive/repos/review';

export function checkWebsiteReview(db: ReadDb, connectionId: number, text: string, label: string): WebsiteReviewCheck {
  const parsed = parseWebsiteReview(text);
  const problems: RowProblem[] = [...parsed.problems];
  for (const d of parsed.decisions) {
    const assignment = assignmentForReview(db, connectionId, d.assignmentId);
    if (!assignment) problems.push({ row: d.row, column: 'AssignmentId', message: `${d.assignmentId} is not an assignment of ${label} in the archive (sync first, or check the id)` });
    else if (assignment.status !== 'Submitted') problems.push({ row: d.row, column: 'AssignmentId', message: `${d.assignmentId} is ${assignment.status}, not Submitted: it cannot be ${d.verdict === 'approve' ? 'approved' : 'rejected'}` });
  }
  problems.sort((a, b) => a.row - b.row);
  return { decisions: parsed.decisions, undecided: parsed.undecided, problems };
}
