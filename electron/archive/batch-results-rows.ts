/**
 * One row of the Requester website's batch results CSV → the HIT and assignment it describes.
 * Every complaint names the spreadsheet row (the header is row 1), the column and the bad value.
 */
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../shared/domain/archive-types';
import { appError, type AppError } from '../../shared/errors';
import type { AssignmentRecord } from './repos/assignments';
import type { HitRecord } from './repos/hits';
import { parseWebsiteMoney, parseWebsiteTime, WEBSITE_MONEY_EXAMPLE, WEBSITE_TIME_EXAMPLE } from './website-format';

/** The website's fixed columns, in the website's order; Input.* and Answer.* sit between the rates and Approve. */
export const FIXED_COLUMNS = [
  'HITId', 'HITTypeId', 'Title', 'Description', 'Keywords', 'Reward', 'CreationTime', 'MaxAssignments',
  'RequesterAnnotation', 'AssignmentDurationInSeconds', 'AutoApprovalDelayInSeconds', 'Expiration',
  'NumberOfSimilarHITs', 'LifetimeInSeconds', 'AssignmentId', 'WorkerId', 'AssignmentStatus', 'AcceptTime',
  'SubmitTime', 'AutoApprovalTime', 'ApprovalTime', 'RejectionTime', 'RequesterFeedback', 'WorkTimeInSeconds',
  'LifetimeApprovalRate', 'Last30DaysApprovalRate', 'Last7DaysApprovalRate',
] as const;
export const TRAILING_COLUMNS = ['Approve', 'Reject'] as const;
export const INPUT_PREFIX = 'Input.';
export const ANSWER_PREFIX = 'Answer.';

/** Without these a row cannot become a HIT and an assignment. */
const REQUIRED_COLUMNS = [
  'HITId', 'HITTypeId', 'Title', 'Reward', 'CreationTime', 'MaxAssignments', 'AssignmentDurationInSeconds',
  'AutoApprovalDelayInSeconds', 'Expiration', 'AssignmentId', 'WorkerId', 'AssignmentStatus',
] as const;

export interface ParsedBatchRow {
  readonly rowNumber: number;
  readonly hit: HitRecord;
  /** Null for a HIT listed without any assignment (empty AssignmentId). */
  readonly assignment: AssignmentRecord | null;
}

export function checkHeader(header: readonly string[]): AppError | null {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) return appError('validation', `The header names column "${name}" twice.`, { field: `row 1, column ${name}` });
    seen.add(name);
  }
  const missing = REQUIRED_COLUMNS.find((name) => !seen.has(name));
  if (missing) {
    return appError('validation', `The file has no ${missing} column, so it is not an MTurk batch results file this version can read.`, {
      field: `row 1, column ${missing}`,
    });
  }
  return null;
}

/** Thrown inside this module only; `parseBatchRow` turns it into a Result. */
class CellError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/** A file's header, looked up once per file rather than once per row. */
export interface BatchColumns {
  readonly header: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Answer.* columns: the answer field name and the cell position. */
  readonly answers: readonly (readonly [string, number])[];
}

export function batchColumns(header: readonly string[]): BatchColumns {
  const answers = header.flatMap((name, i) => (name.startsWith(ANSWER_PREFIX) ? [[name.slice(ANSWER_PREFIX.length), i] as const] : []));
  return { header, index: new Map(header.map((name, i) => [name, i])), answers };
}

/** The same text appears in many rows (times, money): each distinct value is parsed once per file. */
export type ParseCache = Map<string, number | null>;

/** Reads one row's cells by column name; a method per kind of value (no closures: it runs once per row). */
class RowReader {
  constructor(
    private readonly columns: BatchColumns,
    private readonly cells: readonly string[],
    private readonly rowNumber: number,
    private readonly cache: ParseCache,
  ) {}

  raw(column: string): string {
    const i = this.columns.index.get(column);
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  fail(column: string, value: string, expected: string): never {
    throw new CellError(
      appError('validation', `Row ${this.rowNumber}, column ${column}: ${JSON.stringify(value)} ${expected}.`, {
        field: `row ${this.rowNumber}, column ${column}`,
      }),
    );
  }

  optionalText(column: string): string | null {
    const value = this.raw(column);
    return value === '' ? null : value;
  }

  text(column: string): string {
    return this.optionalText(column) ?? this.fail(column, '', 'is empty; a value is required');
  }

  optionalInt(column: string): number | null {
    const value = this.raw(column);
    if (value === '') return null;
    return /^[0-9]{1,15}$/.test(value) ? Number(value) : this.fail(column, value, 'is not a whole number of 0 or more');
  }

  int(column: string): number {
    return this.optionalInt(column) ?? this.fail(column, '', 'is empty; a whole number is required');
  }

  optionalTime(column: string): number | null {
    const value = this.raw(column);
    if (value === '') return null;
    let parsed = this.cache.get(value);
    if (parsed === undefined) {
      parsed = parseWebsiteTime(value);
      this.cache.set(value, parsed);
    }
    return parsed ?? this.fail(column, value, `is not a time like "${WEBSITE_TIME_EXAMPLE}"`);
  }

  time(column: string): number {
    return this.optionalTime(column) ?? this.fail(column, '', 'is empty; a time is required');
  }

  money(column: string): number {
    const value = this.raw(column);
    return parseWebsiteMoney(value) ?? this.fail(column, value, `is not a dollar amount like "${WEBSITE_MONEY_EXAMPLE}"`);
  }

  status(column: string): AssignmentStatus {
    const value = this.raw(column);
    return (ASSIGNMENT_STATUSES as readonly string[]).includes(value)
      ? (value as AssignmentStatus)
      : this.fail(column, value, `is not one of ${ASSIGNMENT_STATUSES.join(', ')}`);
  }
}

function answersOf(columns: BatchColumns, cells: readonly string[]): Record<string, string> {
  // No prototype, as flattenAnswers: an Answer.__proto__ column is a worker's field like any other (assigning it on a
  // plain object would set the prototype and drop the answer).
  const answers = Object.create(null) as Record<string, string>;
  for (const [name, i] of columns.answers) answers[name] = cells[i] ?? '';
  return answers;
}

export function parseBatchRow(
  columns: BatchColumns,
  cells: readonly string[],
  rowNumber: number,
  cache: ParseCache = new Map(),
): { ok: true; value: ParsedBatchRow } | { ok: false; error: AppError } {
  try {
    const cell = new RowReader(columns, cells, rowNumber, cache);
    // Optional columns are still checked when present, so a bad value never slips through as "unknown".
    cell.optionalInt('NumberOfSimilarHITs');
    cell.optionalInt('LifetimeInSeconds');
    cell.optionalInt('WorkTimeInSeconds');
    const hit: HitRecord = {
      hitId: cell.text('HITId'),
      hitTypeId: cell.text('HITTypeId'),
      hitGroupId: null,
      hitLayoutId: null,
      title: cell.text('Title'),
      description: cell.raw('Description'),
      keywords: cell.optionalText('Keywords'),
      question: null,
      rewardCents: cell.money('Reward'),
      maxAssignments: cell.int('MaxAssignments'),
      assignmentDurationSeconds: cell.int('AssignmentDurationInSeconds'),
      autoApprovalDelaySeconds: cell.int('AutoApprovalDelayInSeconds'),
      requesterAnnotation: cell.optionalText('RequesterAnnotation'),
      qualificationRequirements: null,
      status: null,
      reviewStatus: null,
      assignmentsPending: null,
      assignmentsAvailable: null,
      assignmentsCompleted: null,
      creationTime: cell.time('CreationTime'),
      expiration: cell.time('Expiration'),
    };
    const assignmentId = cell.optionalText('AssignmentId');
    const assignment: AssignmentRecord | null =
      assignmentId === null
        ? null
        : {
            assignmentId,
            hitId: hit.hitId,
            workerId: cell.text('WorkerId'),
            status: cell.status('AssignmentStatus'),
            acceptTime: cell.optionalTime('AcceptTime'),
            submitTime: cell.optionalTime('SubmitTime'),
            autoApprovalTime: cell.optionalTime('AutoApprovalTime'),
            approvalTime: cell.optionalTime('ApprovalTime'),
            rejectionTime: cell.optionalTime('RejectionTime'),
            deadline: null,
            // The website file carries answers as columns, not the QuestionFormAnswers XML; none is invented.
            answerXml: '',
            answers: answersOf(columns, cells),
            requesterFeedback: cell.optionalText('RequesterFeedback'),
          };
    return { ok: true, value: { rowNumber, hit, assignment } };
  } catch (error) {
    if (error instanceof CellError) return { ok: false, error: error.appError };
    throw error;
  }
}
