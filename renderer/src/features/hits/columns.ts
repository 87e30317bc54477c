import type { ColDef } from 'ag-grid-community';
import {
  ASSIGNMENT_SORT_COLUMNS,
  HIT_SORT_COLUMNS,
  type Assignment,
  type AssignmentSortColumn,
  type Hit,
  type HitSortColumn,
} from '../../../../shared/domain/archive-types';
import { formatAnswers, formatCents, formatTime } from '../../grid/format';

/** The flattened answers, or why the answer XML could not be read (the archive keeps it raw). */
export const answersText = (a: Pick<Assignment, 'answers' | 'answersProblem'> | undefined): string =>
  a?.answersProblem ? `Unreadable answer, kept raw: ${a.answersProblem}` : formatAnswers(a?.answers);

/**
 * Column definitions (pure data, unit-tested). The archive pages by keyset, so a sort must be one
 * the database serves from an index.
 */
const HIT_SORTABLE = new Set<string>(HIT_SORT_COLUMNS);
const ASSIGNMENT_SORTABLE = new Set<string>(ASSIGNMENT_SORT_COLUMNS);

/** Sortable exactly when the archive has an index for it (the shared list), so the grid cannot drift from the database. */
function withSorting<T>(columns: ColDef<T>[], sortable: ReadonlySet<string>): ColDef<T>[] {
  return columns.map((column) => ({ ...column, sortable: sortable.has(column.colId ?? '') }));
}

export const HIT_COLUMNS: ColDef<Hit>[] = withSorting<Hit>([
  { colId: 'title', headerName: 'Title', field: 'title', flex: 2, minWidth: 220 },
  { colId: 'status', headerName: 'Status', width: 130, valueGetter: (p) => (p.data ? (p.data.goneAt !== null ? 'Disposed by MTurk' : p.data.status ?? '') : '') },
  { colId: 'rewardCents', headerName: 'Reward', width: 100, type: 'rightAligned', valueFormatter: (p) => formatCents(p.data?.rewardCents) },
  {
    colId: 'assignments',
    // MTurk's "completed" counts approved + rejected assignments: reviewed, not merely submitted.
    headerName: 'Reviewed',
    headerTooltip: 'Assignments approved or rejected / the maximum',
    width: 120,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? `${p.data.assignmentsCompleted ?? '–'} / ${p.data.maxAssignments}` : ''),
  },
  { colId: 'creationTime', headerName: 'Created', width: 150, valueFormatter: (p) => formatTime(p.data?.creationTime) },
  { colId: 'expiration', headerName: 'Expires', width: 150, valueFormatter: (p) => formatTime(p.data?.expiration) },
  { colId: 'requesterAnnotation', headerName: 'Annotation', field: 'requesterAnnotation', flex: 1, minWidth: 140 },
  { colId: 'hitId', headerName: 'HIT id', field: 'hitId', width: 270, cellClass: 'mono' },
], HIT_SORTABLE);

export const ASSIGNMENT_COLUMNS: ColDef<Assignment>[] = withSorting<Assignment>([
  { colId: 'workerId', headerName: 'Worker', field: 'workerId', width: 150, cellClass: 'mono' },
  { colId: 'status', headerName: 'Status', field: 'status', width: 110 },
  { colId: 'submitTime', headerName: 'Submitted', width: 150, valueFormatter: (p) => formatTime(p.data?.submitTime) },
  { colId: 'answers', headerName: 'Answers', flex: 2, minWidth: 260, valueGetter: (p) => answersText(p.data), tooltipValueGetter: (p) => answersText(p.data) },
  { colId: 'requesterFeedback', headerName: 'Feedback', field: 'requesterFeedback', flex: 1, minWidth: 140 },
  { colId: 'assignmentId', headerName: 'Assignment id', field: 'assignmentId', width: 270, cellClass: 'mono' },
], ASSIGNMENT_SORTABLE);

export type GridSort = readonly { readonly colId: string; readonly sort: 'asc' | 'desc' }[];

export function hitSortFrom(model: GridSort): { column: HitSortColumn; direction: 'asc' | 'desc' } | undefined {
  const first = model[0];
  return first && HIT_SORTABLE.has(first.colId) ? { column: first.colId as HitSortColumn, direction: first.sort } : undefined;
}

export function assignmentSortFrom(model: GridSort): { column: AssignmentSortColumn; direction: 'asc' | 'desc' } | undefined {
  const first = model[0];
  return first && ASSIGNMENT_SORTABLE.has(first.colId) ? { column: first.colId as AssignmentSortColumn, direction: first.sort } : undefined;
}
