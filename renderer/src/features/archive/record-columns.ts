import type { ColDef } from 'ag-grid-community';
import type { Bonus, QualificationType, WorkerBlock, WorkerSummary } from '../../../../shared/domain/archive-types';
import { cellText } from '../../components/display-text';
import { formatCents, formatTime } from '../../grid/format';

/** Columns of the record grids the Archive counts open (pure data). Paged in one fixed order, so none sorts. */
const fixed = <T>(columns: ColDef<T>[]): ColDef<T>[] => columns.map((column) => ({ ...column, sortable: false }));
const text = (value: string | null | undefined): string => cellText(value);

export const WORKER_COLUMNS: ColDef<WorkerSummary>[] = fixed<WorkerSummary>([
  { colId: 'workerId', headerName: 'Worker', width: 170, cellClass: 'mono', valueGetter: (p) => text(p.data?.workerId) },
  { colId: 'assignments', headerName: 'Assignments', width: 120, type: 'rightAligned', field: 'assignments' },
  { colId: 'approved', headerName: 'Approved', width: 110, type: 'rightAligned', field: 'approved' },
  { colId: 'rejected', headerName: 'Rejected', width: 110, type: 'rightAligned', field: 'rejected' },
  { colId: 'bonuses', headerName: 'Bonuses', width: 100, type: 'rightAligned', field: 'bonuses' },
  { colId: 'bonusCents', headerName: 'Bonus total', width: 120, type: 'rightAligned', valueGetter: (p) => formatCents(p.data?.bonusCents) },
  { colId: 'firstSeenAt', headerName: 'First seen', width: 150, valueGetter: (p) => formatTime(p.data?.firstSeenAt) },
  { colId: 'lastSeenAt', headerName: 'Last seen', flex: 1, minWidth: 150, valueGetter: (p) => formatTime(p.data?.lastSeenAt) },
]);

export const BONUS_COLUMNS: ColDef<Bonus>[] = fixed<Bonus>([
  { colId: 'grantTime', headerName: 'Paid', width: 150, valueGetter: (p) => formatTime(p.data?.grantTime) },
  { colId: 'workerId', headerName: 'Worker', width: 170, cellClass: 'mono', valueGetter: (p) => text(p.data?.workerId) },
  { colId: 'amountCents', headerName: 'Amount', width: 100, type: 'rightAligned', valueGetter: (p) => formatCents(p.data?.amountCents) },
  { colId: 'reason', headerName: 'Reason', flex: 1, minWidth: 200, valueGetter: (p) => text(p.data?.reason), tooltipValueGetter: (p) => cellText(p.data?.reason, 1000) },
  { colId: 'assignmentId', headerName: 'Assignment id', width: 270, cellClass: 'mono', valueGetter: (p) => text(p.data?.assignmentId) },
]);

export const QUALIFICATION_TYPE_COLUMNS: ColDef<QualificationType>[] = fixed<QualificationType>([
  { colId: 'name', headerName: 'Name', flex: 1, minWidth: 200, valueGetter: (p) => text(p.data?.name), tooltipValueGetter: (p) => cellText(p.data?.name, 1000) },
  { colId: 'status', headerName: 'Status', width: 100, field: 'status' },
  { colId: 'description', headerName: 'Description', flex: 2, minWidth: 220, valueGetter: (p) => text(p.data?.description) },
  { colId: 'creationTime', headerName: 'Created', width: 150, valueGetter: (p) => formatTime(p.data?.creationTime) },
  { colId: 'qualificationTypeId', headerName: 'Qualification type id', width: 270, cellClass: 'mono', valueGetter: (p) => text(p.data?.qualificationTypeId) },
]);

export const WORKER_BLOCK_COLUMNS: ColDef<WorkerBlock>[] = fixed<WorkerBlock>([
  { colId: 'workerId', headerName: 'Worker', width: 170, cellClass: 'mono', valueGetter: (p) => text(p.data?.workerId) },
  { colId: 'reason', headerName: 'Reason', flex: 1, minWidth: 240, valueGetter: (p) => text(p.data?.reason), tooltipValueGetter: (p) => cellText(p.data?.reason, 1000) },
  { colId: 'state', headerName: 'State', width: 150, valueGetter: (p) => (p.data ? (p.data.goneAt === null ? 'Blocked' : 'Lifted') : '') },
  { colId: 'firstSeenAt', headerName: 'First seen', width: 150, valueGetter: (p) => formatTime(p.data?.firstSeenAt) },
]);
