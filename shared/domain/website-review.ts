/**
 * The Requester website's review format: its batch results CSV, edited in a spreadsheet, with `x` in the `Approve`
 * column to approve an assignment and the reason (which the worker reads) in the `Reject` column to reject it.
 * Rows with neither are left undecided. Every problem names the spreadsheet row (the header is row 1) and the column.
 */
import { parseCsv, restoreFormula } from './csv';
import { feedbackProblem } from './requester-feedback';

export interface WebsiteDecision {
  readonly row: number;
  readonly assignmentId: string;
  readonly verdict: 'approve' | 'reject';
  /** The Reject column's reason (rejections only). */
  readonly feedback?: string;
}

export interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export interface WebsiteReview {
  readonly decisions: readonly WebsiteDecision[];
  /** Data rows with neither an Approve mark nor a Reject reason. */
  readonly undecided: number;
  readonly problems: readonly RowProblem[];
}

const ID = /^[A-Z0-9]{1,64}$/;
const quoted = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

export function parseWebsiteReview(text: string): WebsiteReview {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { decisions: [], undecided: 0, problems: [{ row: 1, column: '', message: parsed.error.message }] };
  const [header, ...rows] = parsed.value.records.map((r) => r.cells.map(restoreFormula));
  const names = (header ?? []).map((c) => c.trim());
  const at = (name: string): number => names.indexOf(name);
  const missing: string[] = [];
  if (at('AssignmentId') < 0) missing.push('AssignmentId');
  if (at('Approve') < 0 && at('Reject') < 0) missing.push('Approve or Reject');
  if (missing.length > 0) {
    return { decisions: [], undecided: 0, problems: missing.map((column) => ({ row: 1, column, message: `the header has no ${column} column: this is not a results file in the website's review format` })) };
  }
  const decisions: WebsiteDecision[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let undecided = 0;
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return; // a blank line, not a row
    const cell = (name: string): string => (at(name) < 0 ? '' : (cells[at(name)] ?? ''));
    const approve = cell('Approve').trim();
    const reason = cell('Reject');
    if (approve === '' && reason.trim() === '') {
      undecided += 1;
      return;
    }
    const problem = (column: string, message: string): void => void problems.push({ row, column, message });
    const assignmentId = cell('AssignmentId').trim();
    if (!ID.test(assignmentId)) return problem('AssignmentId', `${quoted(assignmentId)} is not an assignment id (1–64 capital letters and digits)`);
    const earlier = seen.get(assignmentId);
    if (earlier !== undefined) return problem('AssignmentId', `${assignmentId} is decided again (first on row ${earlier})`);
    seen.set(assignmentId, row);
    if (approve !== '' && reason.trim() !== '') return problem('Approve', 'marked to approve and given a Reject reason: keep one');
    if (approve !== '') {
      if (approve.toLowerCase() !== 'x') return problem('Approve', `${quoted(approve)}: mark x to approve, or leave it empty`);
      decisions.push({ row, assignmentId, verdict: 'approve' });
      return;
    }
    const bad = feedbackProblem(reason);
    if (bad !== null) return problem('Reject', `MTurk would refuse the reason — ${bad}`);
    decisions.push({ row, assignmentId, verdict: 'reject', feedback: reason.trim() });
  });
  return { decisions, undecided, problems };
}

export function describeRowProblem(p: RowProblem): string {
  return `Row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}.`;
}
