import type { ColDef } from 'ag-grid-community';
import type { AssignmentRow, HitRow } from '../../../../shared/contract/browse';
import {
  ASSIGNMENT_SORT_COLUMNS,
  HIT_SORT_COLUMNS,
  type AssignmentSortColumn,
  type HitSortColumn,
} from '../../../../shared/domain/archive-types';
import { cellText } from '../../components/display-text';
import { formatAnswers, formatCents, formatTime } from '../../grid/format';

/** The flattened answers, or why the answer XML could not be read (the archive keeps it raw). */
export const answersText = (a: Pick<AssignmentRow, 'answers' | 'answersProblem'> & Partial<Pick<AssignmentRow, 'cutAnswers'>> | undefined): string =>
  a?.answersProblem ? `Unreadable answer, kept raw: ${cellText(a.answersProblem)}` : formatAnswers(a?.answers, a?.cutAnswers);

/**
 * Column definitions (pure data, unit-tested). The archive pages by keyset, so a sort must be one
 * the database serves from an index. Every text that came from outside goes through cellText.
 */
const HIT_SORTABLE = new Set<string>(HIT_SORT_COLUMNS);
const ASSIGNMENT_SORTABLE = new Set<string>(ASSIGNMENT_SORT_COLUMNS);

/** Sortable exactly when the archive has an index for it (the shared list), so the grid cannot drift from the database. */
function withSorting<T>(columns: ColDef<T>[], sortable: ReadonlySet<string>): ColDef<T>[] {
  return columns.map((column) => ({ ...column, sortable: sortable.has(column.colId ?? '') }));
}

/** The HIT columns the archive can filter by "contains" (the contract's filter.columns). */
export const HIT_FILTER_COLUMNS = ['title', 'requesterAnnotation', 'hitId'] as const;
export type HitFilterColumn = (typeof HIT_FILTER_COLUMNS)[number];

const containsFilter = {
  filter: 'agTextColumnFilter',
  floatingFilter: true,
  filterParams: { filterOptions: ['contains'], maxNumConditions: 1, debounceMs: 300 },
} as const;

/** What the status column says; a HIT imported from a results file has no MTurk status until a sync sees it. */
export function hitStatusLabel(hit: Pick<HitRow, 'status' | 'goneAt'>): string {
  if (hit.goneAt !== null) return 'Disposed by MTurk';
  return hit.status ?? 'Imported (not synced)';
}

/** Reviewed = approved + rejected. The archive's own tally, or MTurk's count when it knows of more. */
export function reviewedLabel(hit: Pick<HitRow, 'tally' | 'assignmentsCompleted' | 'maxAssignments'>): string {
  const archived = hit.tally.approved + hit.tally.rejected;
  return `${Math.max(archived, hit.assignmentsCompleted ?? 0)} / ${hit.maxAssignments}`;
}

export const HIT_COLUMNS: ColDef<HitRow>[] = withSorting<HitRow>([
  { colId: 'title', headerName: 'Title', field: 'title', flex: 2, minWidth: 220, valueFormatter: (p) => cellText(p.data?.title), tooltipValueGetter: (p) => cellText(p.data?.title, 1000), ...containsFilter },
  { colId: 'status', headerName: 'Status', width: 175, valueGetter: (p) => (p.data ? hitStatusLabel(p.data) : '') },
  { colId: 'rewardCents', headerName: 'Reward', width: 90, type: 'rightAligned', valueFormatter: (p) => formatCents(p.data?.rewardCents) },
  {
    colId: 'submitted',
    headerName: 'To review',
    headerTooltip: 'Submitted assignments in the archive that are not yet approved or rejected',
    width: 105,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? p.data.tally.submitted : ''),
  },
  {
    colId: 'pending',
    headerName: 'In progress',
    headerTooltip: 'Assignments workers have accepted but not submitted (as MTurk last reported)',
    width: 110,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? (p.data.assignmentsPending ?? '–') : ''),
  },
  {
    colId: 'assignments',
    // MTurk's "completed" counts approved + rejected assignments: reviewed, not merely submitted.
    headerName: 'Reviewed',
    headerTooltip: 'Assignments approved or rejected / the maximum',
    width: 105,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? reviewedLabel(p.data) : ''),
  },
  { colId: 'creationTime', headerName: 'Created', width: 150, valueFormatter: (p) => formatTime(p.data?.creationTime) },
  { colId: 'expiration', headerName: 'Expires', width: 150, valueFormatter: (p) => formatTime(p.data?.expiration) },
  { colId: 'requesterAnnotation', headerName: 'Annotation', field: 'requesterAnnotation', flex: 1, minWidth: 140, valueFormatter: (p) => cellText(p.data?.requesterAnnotation), ...containsFilter },
  { colId: 'hitId', headerName: 'HIT id', field: 'hitId', width: 270, cellClass: 'mono', valueFormatter: (p) => cellText(p.data?.hitId), ...containsFilter },
], HIT_SORTABLE);

export const ASSIGNMENT_COLUMNS: ColDef<AssignmentRow>[] = withSorting<AssignmentRow>([
  { colId: 'workerId', headerName: 'Worker', field: 'workerId', width: 150, cellClass: 'mono', valueFormatter: (p) => cellText(p.data?.workerId) },
  { colId: 'status', headerName: 'Status', field: 'status', width: 110 },
  { colId: 'submitTime', headerName: 'Submitted', width: 150, valueFormatter: (p) => formatTime(p.data?.submitTime) },
  { colId: 'answers', headerName: 'Answers', flex: 2, minWidth: 260, valueGetter: (p) => answersText(p.data), tooltipValueGetter: (p) => answersText(p.data) },
  { colId: 'requesterFeedback', headerName: 'Feedback', field: 'requesterFeedback', flex: 1, minWidth: 140, valueFormatter: (p) => cellText(p.data?.requesterFeedback) },
  { colId: 'assignmentId', headerName: 'Assignment id', field: 'assignmentId', width: 270, cellClass: 'mono', valueFormatter: (p) => cellText(p.data?.assignmentId) },
], ASSIGNMENT_SORTABLE);

export type GridSort = readonly { readonly colId: string; readonly sort: 'asc' | 'desc' }[];

/** A column's "contains" text, by column id, from the grid's filter model. */
export type GridFilters = Readonly<Record<string, string>>;

export function hitSortFrom(model: GridSort): { column: HitSortColumn; direction: 'asc' | 'desc' } | undefined {
  const first = model[0];
  return first && HIT_SORTABLE.has(first.colId) ? { column: first.colId as HitSortColumn, direction: first.sort } : undefined;
}

export function assignmentSortFrom(model: GridSort): { column: AssignmentSortColumn; direction: 'asc' | 'desc' } | undefined {
  const first = model[0];
  return first && ASSIGNMENT_SORTABLE.has(first.colId) ? { column: first.colId as AssignmentSortColumn, direction: first.sort } : undefined;
}

/** The grid's filter model → the archive's column filters (only columns it can filter; blank ones dropped). */
export function hitColumnFiltersFrom(filters: GridFilters): Partial<Record<HitFilterColumn, string>> | undefined {
  const entries = HIT_FILTER_COLUMNS.flatMap((column) => {
    const value = filters[column]?.trim().slice(0, 200);
    return value ? [[column, value] as const] : [];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** ag-grid's filter model ({ title: { type: 'contains', filter: 'cat' } }) → { title: 'cat' }. */
export function gridFiltersFrom(model: Readonly<Record<string, unknown>> | null | undefined): GridFilters {
  const filters: Record<string, string> = {};
  for (const [column, entry] of Object.entries(model ?? {})) {
    const value = (entry as { filter?: unknown } | null)?.filter;
    if (typeof value === 'string' && value.trim() !== '') filters[column] = value;
  }
  return filters;
}
