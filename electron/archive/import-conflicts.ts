/**
 * An import never overwrites what MTurk reported. Before anything is written, every row is compared with the
 * archived HIT and assignment when those came from a sync; a row that says something else is refused, naming the
 * row and each differing field. Rows that agree are not written again (MTurk's values stay as they are).
 *
 * "Says something else" is read generously in one respect only: an empty cell says nothing, and a file from before
 * the review (status Submitted) may list an assignment MTurk now reports Approved or Rejected.
 * A HIT new to the archive is still checked against a synced HIT type it names.
 */
import type { Assignment, Hit, HitType } from '../../shared/domain/archive-types';
import { appError, type AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { HIT_FIELDS, shown } from './batch-results-checks';
import type { BatchColumns, ParsedBatchRow } from './batch-results-rows';
import type { ReadDb } from './db-types';
import type { AssignmentRecord } from './repos/assignments';
import { syncedAssignmentsAmong, syncedHitTypesAmong, syncedHitsAmong } from './repos/import-provenance';
import { formatWebsiteMoney, formatWebsiteTime } from './website-format';

export interface RowWithCells {
  readonly row: ParsedBatchRow;
  readonly cells: readonly string[];
}

export interface SyncedRows {
  /** HITs and assignments the archive has from MTurk, left as they are. */
  readonly hitIds: ReadonlySet<string>;
  readonly assignmentIds: ReadonlySet<string>;
}

interface Difference {
  readonly column: string;
  readonly file: string;
  readonly mturk: string;
}

const ASSIGNMENT_TIMES: readonly (readonly [keyof AssignmentRecord & keyof Assignment, string])[] = [
  ['acceptTime', 'AcceptTime'],
  ['submitTime', 'SubmitTime'],
  ['autoApprovalTime', 'AutoApprovalTime'],
  ['approvalTime', 'ApprovalTime'],
  ['rejectionTime', 'RejectionTime'],
];

function formatHitValue(field: (typeof HIT_FIELDS)[number][0], hit: Hit): string {
  const value = hit[field];
  if (value === null || value === undefined) return '';
  if (field === 'rewardCents') return formatWebsiteMoney(value as number);
  if (field === 'creationTime' || field === 'expiration') return formatWebsiteTime(value as number);
  return String(value);
}

/** The website prints whole seconds; MTurk's times may carry milliseconds. */
const sameSecond = (a: number, b: number): boolean => Math.floor(a / 1000) === Math.floor(b / 1000);

function hitDifferences(columns: BatchColumns, { row, cells }: RowWithCells, synced: Hit): Difference[] {
  const out: Difference[] = [];
  for (const [field, column] of HIT_FIELDS) {
    const at = columns.index.get(column);
    if (at === undefined) continue;
    const mine = row.hit[field];
    const theirs = synced[field];
    const same = typeof mine === 'number' && typeof theirs === 'number' && (field === 'creationTime' || field === 'expiration') ? sameSecond(mine, theirs) : mine === theirs;
    if (!same) out.push({ column, file: cells[at]!, mturk: formatHitValue(field, synced) });
  }
  return out;
}

/** The fields a HIT type is made of: the same type id with other values cannot both be true. */
const HIT_TYPE_FIELDS = ['title', 'description', 'keywords', 'rewardCents', 'assignmentDurationSeconds', 'autoApprovalDelaySeconds'] as const;

/** A HIT new to the archive must still agree with the synced HIT type it names (upserting it rewrites the type). */
function hitTypeDifferences(columns: BatchColumns, { row, cells }: RowWithCells, synced: HitType): Difference[] {
  const out: Difference[] = [];
  for (const [field, column] of HIT_FIELDS) {
    const at = columns.index.get(column);
    if (at === undefined || !(HIT_TYPE_FIELDS as readonly string[]).includes(field)) continue;
    const theirs = synced[field as (typeof HIT_TYPE_FIELDS)[number]];
    if (row.hit[field] !== theirs) {
      out.push({ column, file: cells[at]!, mturk: theirs === null ? '' : field === 'rewardCents' ? formatWebsiteMoney(theirs as number) : String(theirs) });
    }
  }
  return out;
}

function assignmentDifferences(columns: BatchColumns, { row, cells }: RowWithCells, synced: Assignment): Difference[] {
  const mine = row.assignment!;
  const out: Difference[] = [];
  const cell = (column: string): string => cells[columns.index.get(column) ?? -1] ?? '';
  if (mine.hitId !== synced.hitId) out.push({ column: 'HITId', file: mine.hitId, mturk: synced.hitId });
  if (mine.workerId !== synced.workerId) out.push({ column: 'WorkerId', file: mine.workerId, mturk: synced.workerId });
  const olderFile = mine.status === 'Submitted' && synced.status !== 'Submitted';
  if (mine.status !== synced.status && !olderFile) out.push({ column: 'AssignmentStatus', file: mine.status, mturk: synced.status });
  for (const [field, column] of ASSIGNMENT_TIMES) {
    const value = mine[field] as number | null;
    const known = synced[field] as number | null;
    if (value !== null && (known === null || !sameSecond(value, known))) {
      out.push({ column, file: cell(column), mturk: known === null ? '' : formatWebsiteTime(known) });
    }
  }
  if (mine.requesterFeedback !== null && mine.requesterFeedback !== synced.requesterFeedback) {
    out.push({ column: 'RequesterFeedback', file: mine.requesterFeedback, mturk: synced.requesterFeedback ?? '' });
  }
  for (const [name, at] of columns.answers) {
    const value = cells[at]!;
    if (value !== '' && value !== synced.answers[name]) out.push({ column: columns.header[at]!, file: value, mturk: synced.answers[name] ?? '' });
  }
  return out;
}

function conflictError(rowNumber: number, subject: string, differences: readonly Difference[], moreRows: number): AppError {
  const listed = differences.map((d) => `${d.column} is ${shown(d.file)} in the file but ${shown(d.mturk)} from MTurk`).join('; ');
  const more = moreRows > 0 ? ` ${moreRows} more ${moreRows === 1 ? 'row contradicts' : 'rows contradict'} MTurk too.` : '';
  return appError(
    'validation',
    `Row ${rowNumber} contradicts what MTurk reported for ${subject}: ${listed}. An import never overwrites data synced from MTurk; correct or remove the row and import again.${more}`,
    { field: `row ${rowNumber}, column ${differences[0]!.column}` },
  );
}

/** Reads the archive only: run it before the write transaction (or inside it, for a consistent view). */
export function checkAgainstSynced(db: ReadDb, connectionId: number, columns: BatchColumns, rows: readonly RowWithCells[]): Result<SyncedRows> {
  const hits = syncedHitsAmong(db, connectionId, [...new Set(rows.map(({ row }) => row.hit.hitId))]);
  const assignmentIds = rows.flatMap(({ row }) => (row.assignment ? [row.assignment.assignmentId] : []));
  const assignments = syncedAssignmentsAmong(db, connectionId, assignmentIds);
  const types = syncedHitTypesAmong(db, connectionId, [...new Set(rows.map(({ row }) => row.hit.hitTypeId))]);
  if (hits.size === 0 && assignments.size === 0 && types.size === 0) return ok({ hitIds: new Set(), assignmentIds: new Set() });

  let first: { rowNumber: number; subject: string; differences: Difference[] } | null = null;
  let conflicting = 0;
  for (const entry of rows) {
    const { row } = entry;
    const hit = hits.get(row.hit.hitId);
    const assignment = row.assignment ? assignments.get(row.assignment.assignmentId) : undefined;
    const type = hit ? undefined : types.get(row.hit.hitTypeId);
    const differences = [
      ...(hit ? hitDifferences(columns, entry, hit) : []),
      ...(type ? hitTypeDifferences(columns, entry, type) : []),
      ...(assignment ? assignmentDifferences(columns, entry, assignment) : []),
    ];
    if (differences.length === 0) continue;
    conflicting++;
    const subject = assignment ? `assignment ${assignment.assignmentId}` : hit ? `HIT ${row.hit.hitId}` : `HIT type ${row.hit.hitTypeId}`;
    first ??= { rowNumber: row.rowNumber, subject, differences };
  }
  if (first) return err(conflictError(first.rowNumber, first.subject, first.differences, conflicting - 1));
  return ok({ hitIds: new Set(hits.keys()), assignmentIds: new Set(assignments.keys()) });
}
