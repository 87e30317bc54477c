/** Grid and export queries over assignments: filtered, sorted, keyset-paged. */
import {
  ASSIGNMENT_SORT_COLUMNS,
  ASSIGNMENT_STATUSES,
  type Assignment,
  type AssignmentPageQuery,
  type AssignmentSortColumn,
  type Hit,
  type Page,
} from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { rowToAssignment } from './assignments';
import { rowToHit } from './hits';
import { groupedKeysetPage } from './grouped-keyset';
import { keysetPage } from './keyset';
import { prepared, type SqlRow } from './statements';

// Status is paged group by group (see grouped-keyset.ts), ordered by submit time inside each group.
const SORT_SQL: Record<Exclude<AssignmentSortColumn, 'status'>, string> = {
  submitTime: 'a.submit_time',
  workerId: 'a.worker_id',
  hitId: 'a.hit_id',
};

/** `%`, `_` and `\` in what the user typed are literal characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export type AssignmentFilter = NonNullable<AssignmentPageQuery['filter']>;

/**
 * The index each filter + sort uses, chosen here rather than by the planner: measured at 1M rows, the planner's
 * pick changed with the statistics present (none, partial, full) and a worker's page went from 1 ms to 700 ms.
 * The most selective equality filter wins; its index either returns rows in sort order or few enough to sort.
 */
export function assignmentIndexFor(filter: AssignmentFilter, sort: AssignmentSortColumn): string {
  if (filter.hitId !== undefined) return 'assignments_by_hit';
  if (filter.workerId !== undefined) return 'assignments_by_worker';
  if (filter.hitTypeId !== undefined) {
    if (sort === 'hitId') return 'assignments_by_type_hit';
    if (sort === 'workerId') return 'assignments_by_type_worker';
    return 'assignments_by_type';
  }
  if (sort === 'hitId') return 'assignments_by_hit';
  if (sort === 'workerId') return 'assignments_by_worker';
  // submitTime, or status (paged per status, by submit time inside it), with or without a status filter.
  return filter.status !== undefined || sort === 'status' ? 'assignments_by_status' : 'assignments_by_submit';
}

function filterSql(connectionId: number, filter: AssignmentFilter): { where: string; params: unknown[] } {
  const clauses = ['a.connection_id = ?'];
  const params: unknown[] = [connectionId];
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('a.status', filter.status);
  equal('a.worker_id', filter.workerId);
  equal('a.hit_id', filter.hitId);
  equal('a.hit_type_id', filter.hitTypeId);
  if (filter.text !== undefined && filter.text.trim() !== '') {
    // A scan, but only over rows the other filters left; LIKE is case-insensitive for ASCII.
    const columns = ['a.worker_id', 'a.assignment_id', 'a.hit_id', 'a.answers_json', 'a.requester_feedback'];
    clauses.push(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...columns.map(() => likePattern(filter.text!.trim())));
  }
  return { where: clauses.join(' AND '), params };
}

export function pageAssignments(db: ReadDb, query: AssignmentPageQuery): Page<Assignment> {
  const sort = query.sort ?? { column: 'submitTime', direction: 'desc' };
  if (!ASSIGNMENT_SORT_COLUMNS.includes(sort.column)) {
    throw new ArchiveInputError(`Assignments cannot be sorted by "${String(sort.column)}".`, 'sort.column');
  }
  const filter = query.filter ?? {};
  const { where, params } = filterSql(query.connectionId, filter);
  const common = { params, idSql: 'a.id', direction: sort.direction, after: query.after, limit: query.limit };
  const from = `FROM assignments a INDEXED BY ${assignmentIndexFor(filter, sort.column)}`;
  if (sort.column === 'status') {
    const page = groupedKeysetPage(db, {
      ...common,
      baseSql: `SELECT a.*, a.submit_time AS sort_value, a.id AS row_id ${from} WHERE ${where}`,
      sortSql: 'a.submit_time',
      column: 'status',
      groupSql: 'a.status',
      groups: filter.status ? [filter.status] : ASSIGNMENT_STATUSES,
    });
    return { rows: page.rows.map(rowToAssignment), nextCursor: page.nextCursor };
  }
  const sortSql = SORT_SQL[sort.column];
  const page = keysetPage(db, {
    ...common,
    baseSql: `SELECT a.*, ${sortSql} AS sort_value, a.id AS row_id ${from} WHERE ${where}`,
    sortSql,
    column: sort.column,
  });
  return { rows: page.rows.map(rowToAssignment), nextCursor: page.nextCursor };
}

export interface AssignmentWithHit {
  readonly assignment: Assignment;
  readonly hit: Hit;
}

/** What to export: explicit ids (in that order), or everything a grid filter matches (oldest submission first). */
export type ExportSelection =
  | { readonly connectionId: number; readonly assignmentIds: readonly string[] }
  | { readonly connectionId: number; readonly filter: AssignmentFilter };

const HIT_COLUMNS_PREFIX = 'h_';

function splitJoinedRow(row: SqlRow): AssignmentWithHit {
  const hitRow: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(HIT_COLUMNS_PREFIX)) hitRow[key.slice(HIT_COLUMNS_PREFIX.length)] = value;
  }
  return { assignment: rowToAssignment(row), hit: rowToHit(hitRow) };
}

const HIT_SELECT = [
  'connection_id', 'hit_id', 'hit_type_id', 'hit_group_id', 'hit_layout_id', 'title', 'description', 'keywords',
  'question', 'reward_cents', 'max_assignments', 'assignment_duration_s', 'auto_approval_delay_s',
  'requester_annotation', 'qualification_requirements', 'status', 'review_status', 'assignments_pending',
  'assignments_available', 'assignments_completed', 'creation_time', 'expiration', 'first_seen_at', 'last_seen_at',
  'remotely_disposed_at',
]
  .map((column) => `h.${column} AS ${HIT_COLUMNS_PREFIX}${column}`)
  .join(', ');

const joined = (index: string): string =>
  `SELECT a.*, ${HIT_SELECT} FROM assignments a INDEXED BY ${index} JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id`;

/** Throws ArchiveInputError naming the first id that is not in the archive for this connection. */
export function getAssignmentsForExport(db: ReadDb, selection: ExportSelection): AssignmentWithHit[] {
  if ('assignmentIds' in selection) {
    const statement = prepared(db, `${joined('sqlite_autoindex_assignments_1')} WHERE a.connection_id = ? AND a.assignment_id = ?`);
    return selection.assignmentIds.map((assignmentId, index) => {
      const row = statement.get(selection.connectionId, assignmentId) as SqlRow | undefined;
      if (!row) throw new ArchiveInputError(`Assignment ${assignmentId} is not in the archive for this connection.`, `assignmentIds[${index}]`);
      return splitJoinedRow(row);
    });
  }
  const { where, params } = filterSql(selection.connectionId, selection.filter);
  const index = assignmentIndexFor(selection.filter, 'submitTime');
  const rows = db.prepare(`${joined(index)} WHERE ${where} ORDER BY a.submit_time, a.id`).all(...params) as SqlRow[];
  return rows.map(splitJoinedRow);
}
