import { AgGridReact } from 'ag-grid-react';
import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import '../../grid/register';
import { gridTheme } from '../../grid/theme';
import type { InputTable } from '../../../../shared/batch/input-rows';

type GridRow = { readonly number: number } & Readonly<Record<string, string | number>>;

/** The grid's edits, when the input can be edited here (a CSV file). */
export interface RowEdits {
  setCell(row: number, column: string, value: string): void;
  addRow(): void;
  deleteRow(row: number): void;
}

/**
 * The input rows; selecting one shows it in the preview. Cells are plain text (the grid never renders a value as
 * markup); a column called "number" is shown under its own name beside the row number. With `edits`, a double click
 * (or typing) edits a cell, and rows can be added and deleted; the view saves them with the other files.
 */
export function RowsGrid(props: {
  table: InputTable;
  selected: number;
  onSelect: (row: number) => void;
  theme: 'light' | 'dark';
  edits?: RowEdits;
  /** Why the rows cannot be edited here, said above them (without `edits`). */
  readOnly?: string;
}) {
  const { edits } = props;
  const grid = useRef<AgGridReact<GridRow>>(null);
  // The highlighted row follows the previewed one: opening another folder goes back to row 1 even where the grid
  // kept a row of the same number selected (otherwise clicking that row would change nothing).
  useEffect(() => {
    const node = grid.current?.api?.getRowNode(String(props.selected));
    if (node && !node.isSelected()) node.setSelected(true, true);
  }, [props.selected, props.table]);
  const rows = useMemo<GridRow[]>(() => props.table.rows.map((row) => ({ ...prefixed(row.values), number: row.number })), [props.table]);
  const columns = useMemo<ColDef<GridRow>[]>(
    () => [
      { headerName: 'Row', field: 'number', width: 72, pinned: 'left', sortable: false },
      ...props.table.columns.map((column): ColDef<GridRow> => ({
        headerName: column,
        colId: `c:${column}`,
        valueGetter: (p) => p.data?.[`c:${column}`] ?? '',
        editable: edits !== undefined,
        valueSetter: (p) => {
          if (p.data) edits?.setCell(p.data.number, column, String(p.newValue ?? ''));
          return false;
        },
        flex: 1,
        minWidth: 120,
        tooltipValueGetter: (p) => String(p.value ?? ''),
      })),
    ],
    [props.table, edits],
  );
  return (
    <div className="batch-rows" aria-label="Input rows">
      {!edits && props.readOnly && <p className="muted batch-rows__note" data-testid="rows-read-only">{props.readOnly}</p>}
      {edits && (
        <div className="batch-rows__tools" role="group" aria-label="Rows">
          <button type="button" className="button button--small" onClick={() => edits.addRow()}>Add row</button>
          <button type="button" className="button button--small" disabled={props.table.rows.length <= 1} onClick={() => edits.deleteRow(props.selected)} title="The rows after it move up one number">
            Delete row {props.selected}
          </button>
        </div>
      )}
      <AgGridReact<GridRow>
        ref={grid}
        theme={gridTheme(props.theme)}
        rowData={rows}
        columnDefs={columns}
        getRowId={(p) => String(p.data.number)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onFirstDataRendered={(e) => e.api.getRowNode(String(props.selected))?.setSelected(true)}
        onSelectionChanged={(e: SelectionChangedEvent<GridRow>) => {
          const row = e.api.getSelectedRows()[0];
          if (row && row.number !== props.selected) props.onSelect(row.number);
        }}
        onCellFocused={(e) => {
          if (e.rowIndex !== null && e.rowIndex !== undefined) e.api.getDisplayedRowAtIndex(e.rowIndex)?.setSelected(true, true);
        }}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        tooltipShowDelay={400}
      />
    </div>
  );
}

/** Column values under keys that cannot collide with the row number's. */
function prefixed(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`c:${key}`, value]));
}
