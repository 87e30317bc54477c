/**
 * Export of archived assignments as the website's batch results CSV, or as JSON.
 * Rows that came from an imported file are written from their original cells (so an unchanged selection of one
 * file comes back byte for byte); a cell is re-formatted only when the archive now knows better (e.g. the
 * assignment was approved since) or when the row never came from a file.
 */
import type { Assignment, Hit } from '../../shared/domain/archive-types';
import { stringifyCsv, type CsvRowInput } from '../../shared/domain/csv';
import { nestedAnswers } from './answer-fields';
import { ANSWER_PREFIX, FIXED_COLUMNS, INPUT_PREFIX, TRAILING_COLUMNS } from './batch-results-rows';
import type { ReadDb } from './db-types';
import { getAssignmentsForExport, type AssignmentWithHit, type ExportSelection } from './repos/assignment-pages';
import { getCsvImport, latestRawRowForAssignment, type CsvDialect, type StoredCsvImport } from './repos/csv-imports';
import { formatWebsiteMoney, formatWebsiteTime, parseWebsiteTime } from './website-format';

const DEFAULT_DIALECT: CsvDialect = { lineEnding: '\r\n', trailingNewline: true, bom: false, quoteAll: true };

/**
 * What a batch Turkbench launched adds to an export: its stored input rows as the Input.* columns (first among them,
 * in the batch's column order), and optionally its own reading of each assignment's answers for the Answer.* columns.
 */
export interface LaunchedBatchColumns {
  readonly inputColumns: readonly string[];
  readonly inputsForHit: (hitId: string) => Readonly<Record<string, string>> | null;
  readonly answersOf?: (assignment: Assignment) => Readonly<Record<string, string>>;
  /** Each HIT's consensus label per categorical answer field, written as Consensus.<field> after the Answer.* columns. */
  readonly consensus?: { readonly fields: readonly string[]; readonly ofHit: (hitId: string) => Readonly<Record<string, string>> | null };
}

export const CONSENSUS_PREFIX = 'Consensus.';

const time = (value: number | null): string => (value === null ? '' : formatWebsiteTime(value));
const seconds = (from: number | null, to: number | null): string => (from === null || to === null ? '' : String(Math.round((to - from) / 1000)));

/** The value the archive itself can give for a column. */
function formatColumn(column: string, { assignment: a, hit: h }: AssignmentWithHit, answers: Readonly<Record<string, string>>, batch: LaunchedBatchColumns | undefined): string {
  if (column.startsWith(ANSWER_PREFIX)) return answers[column.slice(ANSWER_PREFIX.length)] ?? '';
  if (column.startsWith(INPUT_PREFIX)) return batch?.inputsForHit(h.hitId)?.[column.slice(INPUT_PREFIX.length)] ?? '';
  if (column.startsWith(CONSENSUS_PREFIX)) return batch?.consensus?.ofHit(h.hitId)?.[column.slice(CONSENSUS_PREFIX.length)] ?? '';
  switch (column) {
    case 'HITId': return h.hitId;
    case 'HITTypeId': return h.hitTypeId;
    case 'Title': return h.title;
    case 'Description': return h.description;
    case 'Keywords': return h.keywords ?? '';
    case 'Reward': return formatWebsiteMoney(h.rewardCents);
    case 'CreationTime': return time(h.creationTime);
    case 'MaxAssignments': return String(h.maxAssignments);
    case 'RequesterAnnotation': return h.requesterAnnotation ?? '';
    case 'AssignmentDurationInSeconds': return String(h.assignmentDurationSeconds);
    case 'AutoApprovalDelayInSeconds': return String(h.autoApprovalDelaySeconds);
    case 'Expiration': return time(h.expiration);
    case 'LifetimeInSeconds': return seconds(h.creationTime, h.expiration);
    case 'AssignmentId': return a.assignmentId;
    case 'WorkerId': return a.workerId;
    case 'AssignmentStatus': return a.status;
    case 'AcceptTime': return time(a.acceptTime);
    case 'SubmitTime': return time(a.submitTime);
    case 'AutoApprovalTime': return time(a.autoApprovalTime);
    case 'ApprovalTime': return time(a.approvalTime);
    case 'RejectionTime': return time(a.rejectionTime);
    case 'RequesterFeedback': return a.requesterFeedback ?? '';
    case 'WorkTimeInSeconds': return seconds(a.acceptTime, a.submitTime);
    default: return ''; // approval rates, Approve/Reject: only a source file knows them
  }
}

const sameTime = (raw: string, value: number | null): boolean => (raw === '' ? value === null : parseWebsiteTime(raw) === value);

/** Columns the archive may have learned more about since the file was imported. */
const STILL_TRUE: Record<string, (raw: string, a: Assignment, h: Hit) => boolean> = {
  AssignmentStatus: (raw, a) => raw === a.status,
  AutoApprovalTime: (raw, a) => sameTime(raw, a.autoApprovalTime),
  ApprovalTime: (raw, a) => sameTime(raw, a.approvalTime),
  RejectionTime: (raw, a) => sameTime(raw, a.rejectionTime),
  RequesterFeedback: (raw, a) => (raw === '' ? null : raw) === a.requesterFeedback,
  Expiration: (raw, _a, h) => sameTime(raw, h.expiration),
};

interface SourcedRow {
  readonly item: AssignmentWithHit;
  readonly source: { readonly file: StoredCsvImport; readonly cells: readonly string[]; readonly quoted: readonly boolean[] } | null;
}

function withSources(db: ReadDb, items: readonly AssignmentWithHit[]): SourcedRow[] {
  const files = new Map<number, StoredCsvImport | null>();
  return items.map((item) => {
    const raw = latestRawRowForAssignment(db, item.assignment.connectionId, item.assignment.assignmentId);
    if (!raw) return { item, source: null };
    if (!files.has(raw.importId)) files.set(raw.importId, getCsvImport(db, raw.importId));
    const file = files.get(raw.importId) ?? null;
    return { item, source: file ? { file, cells: raw.row.cells, quoted: raw.row.quoted } : null };
  });
}

/** The website's layout: fixed columns, every Input.* and Answer.* seen (first-seen order), then Approve/Reject. */
function genericHeader(rows: readonly SourcedRow[], batch: LaunchedBatchColumns | undefined, answersOf: (a: Assignment) => Readonly<Record<string, string>>): string[] {
  const inputs = new Set<string>(batch?.inputColumns.map((c) => `${INPUT_PREFIX}${c}`));
  const answers = new Set<string>();
  for (const { item, source } of rows) {
    source?.file.header.filter((c) => c.startsWith(INPUT_PREFIX)).forEach((c) => inputs.add(c));
    source?.file.header.filter((c) => c.startsWith(ANSWER_PREFIX)).forEach((c) => answers.add(c));
    Object.keys(answersOf(item.assignment)).forEach((key) => answers.add(`${ANSWER_PREFIX}${key}`));
  }
  const consensus = batch?.consensus?.fields.map((field) => `${CONSENSUS_PREFIX}${field}`) ?? [];
  return [...FIXED_COLUMNS, ...inputs, ...answers, ...consensus, ...TRAILING_COLUMNS];
}

export function exportBatchResultsCsv(db: ReadDb, selection: ExportSelection, batch?: LaunchedBatchColumns): string {
  const rows = withSources(db, getAssignmentsForExport(db, selection));
  const firstFile = rows[0]?.source?.file;
  const oneFile = firstFile !== undefined && rows.every((row) => row.source?.file.id === firstFile.id);
  const answersOf = batch?.answersOf ?? ((a: Assignment) => a.answers);
  const header = oneFile ? firstFile.header : genericHeader(rows, batch, answersOf);
  const dialect = oneFile ? firstFile.dialect : DEFAULT_DIALECT;

  const lines: CsvRowInput[] = [
    { cells: header, quoted: oneFile ? firstFile.headerQuoted : header.map(() => dialect.quoteAll) },
  ];
  for (const { item, source } of rows) {
    const cells: string[] = [];
    const quoted: boolean[] = [];
    const answers = answersOf(item.assignment);
    for (const column of header) {
      const at = source ? source.file.header.indexOf(column) : -1;
      const raw = source && at >= 0 ? source.cells[at] : undefined;
      const trusted = raw !== undefined && (STILL_TRUE[column]?.(raw, item.assignment, item.hit) ?? true);
      cells.push(trusted ? raw : formatColumn(column, item, answers, batch));
      quoted.push(trusted && oneFile ? source!.quoted[at] === true : dialect.quoteAll);
    }
    lines.push({ cells, quoted });
  }
  return stringifyCsv(lines, { lineEnding: dialect.lineEnding, trailingNewline: dialect.trailingNewline, bom: dialect.bom });
}

/**
 * The same selection as JSON: archive models (cents, epoch ms) with the HIT, the Input.* values (from the imported file
 * or the batch's input row), `answersNested` — a crowd-form's `taskAnswers` object as the worker's page sent it — and
 * for a launched batch the HIT's `consensus` label per categorical field.
 */
export function exportAssignmentsJson(db: ReadDb, selection: ExportSelection, batch?: LaunchedBatchColumns): string {
  const rows = withSources(db, getAssignmentsForExport(db, selection)).map(({ item, source }) => {
    const inputs: Record<string, string> = { ...batch?.inputsForHit(item.hit.hitId) };
    source?.file.header.forEach((column, i) => {
      if (column.startsWith(INPUT_PREFIX)) inputs[column.slice(INPUT_PREFIX.length)] = source.cells[i] ?? '';
    });
    const consensus = batch?.consensus?.ofHit(item.hit.hitId);
    return { ...item.assignment, inputs, answersNested: nestedAnswers(item.assignment.answerXml), ...(consensus ? { consensus } : {}), hit: item.hit };
  });
  return JSON.stringify(rows, null, 2);
}
