import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo } from 'react';
import '../../grid/register';
import { gridTheme } from '../../grid/theme';
import type { LedgerCheck } from '../../../../shared/contract/bonuses';
import { EDITABLE_FIELDS, fieldsInError, problemsByRow, type DraftRow, type EditableField } from './ledger-draft';

type GridRow = DraftRow & { readonly state: string; readonly problems: string; readonly errorFields: ReadonlySet<string> };

const STATE_LABELS: Record<string, string> = { ready: 'Ready', 'already-paid': 'Already paid', error: 'Error' };

/**
 * The draft's rows, editable in place: each cell in error is marked, and the row's problems are spelled out beside it
 * naming the field. Values are set as text (the grid never renders one as markup).
 */
export function LedgerGrid(props: {
  rows: readonly DraftRow[];
  check: LedgerCheck | null;
  theme: 'light' | 'dark';
  onEdit(rowNumber: number, field: EditableField, value: string): void;
  onDrop(rowNumber: number): void;
}) {
  const { rows, check, onEdit, onDrop } = props;
  const gridRows = useMemo<GridRow[]>(() => {
    const problems = problemsByRow(check);
    const states = new Map((check?.rows ?? []).map((r) => [r.rowNumber, r]));
    return rows.map((row) => {
      const found = problems.get(row.rowNumber);
      const checked = states.get(row.rowNumber);
      const state = checked ? (STATE_LABELS[checked.state] ?? checked.state) : '…';
      const notes = [...(found ?? []).map((f) => `${f.severity === 'warning' ? 'Warning: ' : ''}${f.message}`), ...(checked?.alreadyPaid ? [`Skipped: ${checked.alreadyPaid}`] : [])];
      return { ...row, state, problems: notes.join(' · '), errorFields: fieldsInError(found) };
    });
  }, [rows, check]);

  const columns = useMemo<ColDef<GridRow>[]>(
    () => [
      { headerName: 'Row', field: 'rowNumber', width: 70, pinned: 'left', editable: false },
      ...EDITABLE_FIELDS.map(
        (field): ColDef<GridRow> => ({
          headerName: field,
          field,
          colId: field,
          editable: true,
          width: { WorkerId: 150, AssignmentId: 170, Amount: 86, Reason: 150 }[field],
          cellClass: field === 'Reason' ? undefined : 'mono',
          cellClassRules: { 'ledger-cell--error': (p) => p.data?.errorFields.has(field) ?? false },
          tooltipValueGetter: (p) => String(p.value ?? ''),
        }),
      ),
      { headerName: 'State', field: 'state', width: 122, editable: false, cellClassRules: { 'ledger-state--error': (p) => p.value === 'Error', 'ledger-state--paid': (p) => p.value === 'Already paid' } },
      {
        headerName: 'Problems',
        field: 'problems',
        flex: 1,
        minWidth: 180,
        editable: false,
        tooltipValueGetter: (p) => String(p.value ?? ''),
        // Up to three lines here; every problem is listed in full under the grid.
        cellRenderer: (p: ICellRendererParams<GridRow, string>) => <div className="ledger-problems__text">{p.value}</div>,
      },
      {
        headerName: '',
        colId: 'drop',
        width: 80,
        pinned: 'right',
        editable: false,
        sortable: false,
        cellRenderer: (p: ICellRendererParams<GridRow>) =>
          p.data ? (
            <button type="button" className="button button--small button--ghost" aria-label={`Drop row ${p.data.rowNumber}`} onClick={() => onDrop(p.data!.rowNumber)}>
              Drop
            </button>
          ) : null,
      },
    ],
    [onDrop],
  );

  return (
    <div className="ledger-grid" aria-label="Ledger rows">
      <AgGridReact<GridRow>
        theme={gridTheme(props.theme)}
        rowData={gridRows}
        columnDefs={columns}
        getRowId={(p) => String(p.data.rowNumber)}
        rowHeight={62}
        readOnlyEdit
        suppressColumnVirtualisation
        singleClickEdit={false}
        onCellEditRequest={(e: CellEditRequestEvent<GridRow>) => {
          const field = e.colDef.field as EditableField | undefined;
          if (e.data && field && (EDITABLE_FIELDS as readonly string[]).includes(field)) onEdit(e.data.rowNumber, field, String(e.newValue ?? ''));
        }}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true, sortable: true }}
        tooltipShowDelay={400}
      />
    </div>
  );
}
