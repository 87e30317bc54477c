import type { ColDef } from 'ag-grid-community';
import type { AuditEntry } from '../../../../shared/contract/audit';
import type { OperationKind, OperationState } from '../../../../shared/domain/archive-types';
import { formatCents } from '../../grid/format';

/**
 * The audit grid's columns and filters (pure data, unit-tested). Everything shown comes from MTurk or from workers
 * (targets, MTurk's answers): cells are plain text, never markup.
 */

/** Every journaled action in words; a Record so a new kind cannot be added without a label. */
export const ACTION_LABELS: Readonly<Record<OperationKind, string>> = {
  'create-hit-type': 'Create HIT type',
  'create-hit': 'Create HIT',
  'create-additional-assignments': 'Add assignments',
  'send-bonus': 'Send bonus',
  approve: 'Approve',
  reject: 'Reject',
  'override-rejection': 'Override rejection',
  'create-qualification-type': 'Create qualification type',
  'update-qualification-type': 'Update qualification type',
  'delete-qualification-type': 'Delete qualification type',
  'accept-qualification-request': 'Accept qualification request',
  'reject-qualification-request': 'Reject qualification request',
  'grant-qualification': 'Grant qualification',
  'revoke-qualification': 'Revoke qualification',
  'block-worker': 'Block worker',
  'unblock-worker': 'Unblock worker',
  'notify-workers': 'Message workers',
  'update-notification-settings': 'Notification settings',
  'send-test-event': 'Test notification',
  'expire-hit': 'Expire HIT',
  'extend-hit': 'Extend HIT',
  'set-hit-reviewing': 'Set HIT reviewing',
  'change-hit-type': 'Change HIT type',
  'delete-hit': 'Delete HIT',
  'create-compensation-hit': 'Create compensation HIT',
};

export const STATE_LABELS: Readonly<Record<OperationState, string>> = {
  pending: 'Pending',
  sent: 'Sent',
  confirmed: 'Confirmed',
  failed: 'Failed',
  unknown: 'Unknown — being checked',
};

export const ACTION_KINDS = Object.keys(ACTION_LABELS) as OperationKind[];
export const STATES = Object.keys(STATE_LABELS) as OperationState[];

/** To the second: two actions a moment apart must read apart. */
export function formatWhen(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const COLUMNS: ColDef<AuditEntry>[] = [
  { colId: 'at', headerName: 'When', width: 165, valueGetter: (p) => (p.data ? formatWhen(p.data.at) : '') },
  { colId: 'connection', headerName: 'Connection', field: 'connection', width: 115 },
  { colId: 'kind', headerName: 'Action', width: 115, valueGetter: (p) => (p.data ? ACTION_LABELS[p.data.kind] ?? p.data.kind : '') },
  { colId: 'target', headerName: 'Target', field: 'target', width: 255, cellClass: 'mono', tooltipField: 'target' },
  {
    colId: 'amount',
    headerName: 'Amount',
    headerTooltip: 'With fees. "held": what MTurk holds for the work to come, paid out as it is approved (each approval is listed as paid).',
    width: 120,
    type: 'rightAligned',
    valueGetter: (p) => (p.data?.amountIs === 'held' ? `${formatCents(p.data.amountCents)} held` : formatCents(p.data?.amountCents)),
  },
  {
    colId: 'state',
    headerName: 'State',
    width: 110,
    valueGetter: (p) => (p.data ? STATE_LABELS[p.data.state] : ''),
    cellClass: (p) => (p.data ? `audit-state audit-state--${p.data.state}` : ''),
  },
  { colId: 'answer', headerName: "MTurk's answer", field: 'answer', flex: 1, minWidth: 160, tooltipField: 'answer' },
  { colId: 'job', headerName: 'Job', field: 'jobId', width: 90, cellClass: 'mono muted', tooltipField: 'jobId' },
];

/** Newest first by the journal's order: the audit pages by id, so no column sorts. */
export const AUDIT_COLUMNS: ColDef<AuditEntry>[] = COLUMNS.map((column) => ({ ...column, sortable: false }));

export interface AuditFilterInput {
  readonly allConnections: boolean;
  readonly state: OperationState | '';
  readonly kind: OperationKind | '';
  readonly search: string;
}

/** The contract's filter from the toolbar's choices: an empty choice filters nothing. */
export function auditFilter(input: AuditFilterInput): { allConnections: boolean; states?: OperationState[]; kinds?: OperationKind[]; search?: string } {
  const search = input.search.trim();
  return {
    allConnections: input.allConnections,
    ...(input.state ? { states: [input.state] } : {}),
    ...(input.kind ? { kinds: [input.kind] } : {}),
    ...(search ? { search } : {}),
  };
}

/** The grid pages by string cursors; the audit pages by the id of the oldest row seen. */
export function beforeIdFromCursor(cursor: string | null): number | undefined {
  if (cursor === null) return undefined;
  const id = Number(cursor);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
