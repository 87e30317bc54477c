import type { ColDef } from 'ag-grid-community';
import type { WorkerQualityFigures, WorkerRow } from '../../../../shared/domain/workers';
import { formatCents, formatTime } from '../../grid/format';
import { agreementLabel, approvalLabel, goldLabel } from './workers-model';

/** The workers grid's columns; the list is paged by worker id, so columns neither sort nor filter. */
const WORKER_COLUMNS: ColDef<WorkerRow>[] = [
  { field: 'workerId', headerName: 'Worker', width: 190, cellClass: 'mono' },
  { field: 'assignments', headerName: 'Assignments', width: 120, type: 'numericColumn' },
  { colId: 'approval', headerName: 'Approved for you', width: 160, type: 'numericColumn', valueGetter: (p) => (p.data ? approvalLabel(p.data.approvalRatePercent) : ''), headerTooltip: 'Approved ÷ (approved + rejected) of your decisions' },
  { colId: 'decided', headerName: 'Approved / rejected', width: 170, type: 'numericColumn', valueGetter: (p) => (p.data ? `${p.data.approved} / ${p.data.rejected}` : '') },
  { colId: 'earned', headerName: 'Earned', width: 110, type: 'numericColumn', valueGetter: (p) => formatCents(p.data?.earnedCents) },
  { colId: 'bonus', headerName: 'Bonuses', width: 120, type: 'numericColumn', valueGetter: (p) => (p.data ? `${formatCents(p.data.bonusCents)} (${p.data.bonuses})` : '') },
  { colId: 'lastSeen', headerName: 'Last seen', width: 150, valueGetter: (p) => formatTime(p.data?.lastSeenAt) },
  { colId: 'blocked', headerName: 'Blocked', width: 110, valueGetter: (p) => (p.data?.blocked ? 'Hard block' : ''), headerTooltip: 'Hard blocks (CreateWorkerBlock); soft blocks show in the dossier' },
  { field: 'qualifications', headerName: 'Qualifications', width: 130, type: 'numericColumn' },
];

/**
 * Gold accuracy and agreement, read from the figures the view loaded once for every worker (null while they load):
 * the grid's page query stays as fast as without them.
 */
export function workerColumns(quality: ReadonlyMap<string, WorkerQualityFigures> | null): ColDef<WorkerRow>[] {
  const of = (row: WorkerRow | undefined): WorkerQualityFigures | undefined => (row ? quality?.get(row.workerId) : undefined);
  const pending = (row: WorkerRow | undefined): string | null => (!row ? '' : quality === null ? '…' : null);
  const [workerId, ...rest] = WORKER_COLUMNS;
  return [
    workerId!,
    ...rest.slice(0, 2),
    { colId: 'gold', headerName: 'Right on gold', width: 150, type: 'numericColumn', valueGetter: (p) => pending(p.data) ?? goldLabel(of(p.data)), headerTooltip: 'Labels right on gold rows (gold_<field> input columns), across every batch' },
    { colId: 'agreement', headerName: 'Agrees with consensus', width: 190, type: 'numericColumn', valueGetter: (p) => pending(p.data) ?? agreementLabel(of(p.data)), headerTooltip: "Labels equal to the HIT's majority label, over every categorical answer field" },
    ...rest.slice(2),
  ];
}
