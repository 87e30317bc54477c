/**
 * The Requester website's review format: its batch results CSV, edited in a spreadsheet, with `x` in the `Approve`
 * column to approve an assignment and the reason (which the worker reads) in the `Reject` column to reject it.
 * Rows with neither are left undecided. Every problem names the spreadsheet row (the header is row 1) and the column.
 */
import { parseCsv, restoreFormula, type CsvFailure } from './csv';
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

/** A CSV syntax error as a row problem: the spreadsheet row it is in (counted like data rows, blank lines included) and its column. */
function syntaxProblem(failure: CsvFailure, message: string): RowProblem {
  const [header] = failure.recordsBefore;
  // parseCsv's message is a sentence; describeRowProblem adds the full stop.
  const what = message.replace(/\.$/, '');
  const name = header ? restoreFormula(header.cells[failure.cell] ?? '').trim() : '';
  return { row: failure.recordsBefore.length + 1, column: name, message: what };
}

const NEEDED = ['AssignmentId', 'Approve', 'Reject'] as const;

export function parseWebsiteReview(text: string): WebsiteReview {
  let failure: CsvFailure | null = null;
  const parsed = parseCsv(text, (at) => (failure = at));
  if (!parsed.ok) {
    const problem = failure ? syntaxProblem(failure, parsed.error.message) : { row: 1, column: '', message: parsed.error.message.replace(/\.$/, '') };
    return { decisions: [], undecided: 0, problems: [problem] };
  }
  const [header, ...rows] = parsed.value.records.map((r) => r.cells.map(restoreFormula));
  const names = (header ?? []).map((c) => c.trim());
  const at = (name: string): number => names.indexOf(name);
  const missing: string[] = [];
  if (at('AssignmentId') < 0) missing.push('AssignmentId');
  if (at('Approve') < 0 && at('Reject') < 0) missing.push('Approve or Reject');
  const headerProblems: RowProblem[] = missing.map((column) => ({ row: 1, column, message: `the header has no ${column} column: this is not a results file in the website's review format` }));
  // Only the first of two same-named columns is read, so a mark in the second would be silently ignored.
  for (const name of NEEDED) {
    const again = names.indexOf(name, at(name) + 1);
    if (at(name) >= 0 && again >= 0) headerProblems.push({ row: 1, column: name, message: `the header names ${name} twice (columns ${at(name) + 1} and ${again + 1}): keep one` });
  }
  if (headerProblems.length > 0) return { decisions: [], undecided: 0, problems: headerProblems };
  const decisions: WebsiteDecision[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let undecided = 0;
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return; // a blank line, not a row
    // An unquoted comma splits a cell and shifts every later one, so Approve and Reject may not hold what was written.
    if (cells.length > names.length) {
      problems.push({ row, column: '', message: `has ${cells.length} cells but the header names ${names.length} columns (cell ${names.length + 1} is past the last column, ${names.at(-1) ?? ''}): a cell with a comma in it, such as a Reject reason, must be wrapped in double quotes` });
      return;
    }
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
