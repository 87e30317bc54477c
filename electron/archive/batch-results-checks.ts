/**
 * Checks on a results file beyond "each cell parses": MTurk's own field limits, characters no MTurk value can hold,
 * and rows that contradict each other about the same HIT. Every complaint names the row (header = row 1) and column.
 */
import { appError, type AppError } from '../../shared/errors';
import { ANSWER_PREFIX, type BatchColumns, type ParsedBatchRow } from './batch-results-rows';
import type { HitRecord } from './repos/hits';

/** MTurk's documented limits, in characters, for the columns that carry them. */
const CHARACTER_LIMITS: Readonly<Record<string, number>> = {
  Title: 128,
  Description: 2_000,
  Keywords: 1_000,
  RequesterAnnotation: 255,
  RequesterFeedback: 1_024,
  HITId: 64,
  HITTypeId: 64,
  AssignmentId: 64,
  WorkerId: 64,
};

/** One assignment's answers together: MTurk caps its documents (Question, AnswerKey) at 65,535 bytes. */
export const MAX_ANSWER_BYTES = 65_535;
/** Columns MTurk sets no limit on (Input.*, approval rates) are still capped, so one cell cannot be most of the file. */
export const MAX_OTHER_CELL_CHARS = 1_000_000;

const where = (rowNumber: number, column: string): string => `row ${rowNumber}, column ${column}`;
const fail = (rowNumber: number, column: string, message: string): AppError =>
  appError('validation', `Row ${rowNumber}, column ${column}: ${message}`, { field: where(rowNumber, column) });

const count = (n: number): string => n.toLocaleString('en-US');

/** A cell as a message quotes it: long values are cut, so an error stays readable. */
export function shown(value: string | undefined): string {
  const text = value ?? '';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** The header itself: a NUL there means the file is binary or in another encoding. */
export function checkHeaderCells(header: readonly string[]): AppError | null {
  const at = header.findIndex((name) => name.includes('\0'));
  if (at < 0) return null;
  return appError('validation', `Row 1, column ${at + 1}: the header contains a NUL character, so this is not a text CSV file. Save it as CSV UTF-8 and import it again.`, {
    field: `row 1, column ${at + 1}`,
  });
}

const limitsByFile = new WeakMap<BatchColumns, number[]>();

/** Each column's character limit, worked out once per file. Answers are limited together (`checkAnswerSize`). */
function limitsOf(columns: BatchColumns): number[] {
  let limits = limitsByFile.get(columns);
  if (!limits) {
    limits = columns.header.map((column) => CHARACTER_LIMITS[column] ?? (column.startsWith(ANSWER_PREFIX) ? Infinity : MAX_OTHER_CELL_CHARS));
    limitsByFile.set(columns, limits);
  }
  return limits;
}

/** NUL characters (only looked for when the file has one) and field limits of one row's cells. */
export function checkRowCells(columns: BatchColumns, cells: readonly string[], rowNumber: number, fileHasNul: boolean): AppError | null {
  const { header } = columns;
  if (fileHasNul) {
    const at = cells.findIndex((cell) => cell.includes('\0'));
    if (at >= 0) return fail(rowNumber, header[at]!, 'contains a NUL character (a zero byte), which no MTurk value can hold. Remove it and import again.');
  }
  const limits = limitsOf(columns);
  for (let i = 0; i < cells.length; i++) {
    const length = cells[i]!.length;
    if (length > limits[i]!) return fail(rowNumber, header[i]!, `is ${count(length)} characters long; MTurk allows at most ${count(limits[i]!)}.`);
  }
  return checkAnswerSize(columns, cells, rowNumber);
}

function checkAnswerSize(columns: BatchColumns, cells: readonly string[], rowNumber: number): AppError | null {
  let chars = 0;
  for (const [, i] of columns.answers) chars += cells[i]!.length;
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so most rows are cleared without encoding anything.
  if (chars * 3 <= MAX_ANSWER_BYTES) return null;
  let bytes = 0;
  let largest = columns.answers[0]!;
  for (const answer of columns.answers) {
    bytes += Buffer.byteLength(cells[answer[1]]!, 'utf8');
    if (cells[answer[1]]!.length > cells[largest[1]]!.length) largest = answer;
  }
  if (bytes <= MAX_ANSWER_BYTES) return null;
  return fail(
    rowNumber,
    columns.header[largest[1]]!,
    `the answers of this assignment take ${count(bytes)} bytes (this column is the largest); MTurk answers are at most ${count(MAX_ANSWER_BYTES)} bytes.`,
  );
}

/** HIT-level fields a results file repeats on every row of a HIT, with the column that carries each. */
export const HIT_FIELDS: readonly (readonly [keyof HitRecord, string])[] = [
  ['hitTypeId', 'HITTypeId'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['keywords', 'Keywords'],
  ['rewardCents', 'Reward'],
  ['creationTime', 'CreationTime'],
  ['maxAssignments', 'MaxAssignments'],
  ['requesterAnnotation', 'RequesterAnnotation'],
  ['assignmentDurationSeconds', 'AssignmentDurationInSeconds'],
  ['autoApprovalDelaySeconds', 'AutoApprovalDelayInSeconds'],
  ['expiration', 'Expiration'],
];

/**
 * Rows of one HIT must agree on the HIT: the website writes the same values on each. Two that differ mean the file
 * was edited or stitched together, and picking either would be a guess.
 */
export function checkHitAgreement(first: ParsedBatchRow, row: ParsedBatchRow, cells: readonly string[], firstCells: readonly string[], columns: BatchColumns): AppError | null {
  for (const [field, column] of HIT_FIELDS) {
    if (first.hit[field] === row.hit[field]) continue;
    const at = columns.index.get(column)!;
    return fail(
      row.rowNumber,
      column,
      `HIT ${row.hit.hitId} has ${shown(cells[at])} here but ${shown(firstCells[at])} in row ${first.rowNumber}. A HIT has one ${column}; correct one of the two rows.`,
    );
  }
  return null;
}
