import { AgGridReact } from 'ag-grid-react';
import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import '../../grid/register';
import { gridTheme } from '../../grid/theme';
import type { InputTable } from '../../../../shared/batch/input-rows';

type GridRow = { readonly number: number } & Readonly<Record<string, string | number>>;

/**
 * The input rows, read-only; selecting one shows it in the preview. Cells are plain text (the grid never renders a
 * value as markup); a column called "number" is shown under its own name beside the row number.
 */
export function RowsGrid(props: { table: InputTable; selected: number; onSelect: (row: number) => void; theme: 'light' | 'dark' }) {
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
      ...props.table.columns.map((column): ColDef<GridRow> => ({ headerName: column, colId: `c:${column}`, valueGetter: (p) => p.data?.[`c:${column}`] ?? '', flex: 1, minWidth: 120, tooltipValueGetter: (p) => String(p.value ?? '') })),
    ],
    [props.table],
  );
  return (
    <div className="batch-rows" aria-label="Input rows">
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
