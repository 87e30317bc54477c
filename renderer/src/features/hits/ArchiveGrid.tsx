import { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, ColDef, GridApi, GridReadyEvent, IDatasource, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import '../../grid/register';
import { KeysetSource, type KeysetPage } from '../../grid/keyset-source';
import { gridTheme } from '../../grid/theme';
import { gridFiltersFrom, type GridFilters, type GridSort } from './columns';
import type { RowCount } from './row-count';

const BLOCK = 100;

export type { RowCount } from './row-count';

/**
 * An infinite-scrolling grid over a keyset-paged archive query. `query` changes (filter or sort)
 * rebuild the cursor chain; `refreshKey` changes (archive.changed) reload what is visible.
 * The selected row follows the keyboard: moving the focus to a row selects it.
 */
export function ArchiveGrid<T>(props: {
  columns: ColDef<T>[];
  fetchPage: (sort: GridSort, filters: GridFilters, after: string | null, limit: number) => Promise<KeysetPage<T>>;
  queryKey: string;
  refreshKey: number;
  theme: 'light' | 'dark';
  rowId: (row: T) => string;
  onRowSelected?: (row: T) => void;
  onRowCount?: (count: RowCount) => void;
  onError?: (message: string) => void;
  label: string;
}) {
  const api = useRef<GridApi<T> | null>(null);
  const { fetchPage, onError, onRowCount } = props;

  const datasource = useCallback(
    (): IDatasource => {
      let source: KeysetSource<T> | null = null;
      let sourceKey = '';
      return {
        getRows: (params) => {
          const sort: GridSort = params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }));
          const filters = gridFiltersFrom(params.filterModel as Record<string, unknown>);
          const key = JSON.stringify([sort, filters]);
          if (!source || key !== sourceKey) {
            sourceKey = key;
            source = new KeysetSource<T>((after, limit) => fetchPage(sort, filters, after, limit), BLOCK);
          }
          source.range(params.startRow, params.endRow).then(
            (result) => {
              params.successCallback([...result.rows], result.lastRow);
              onRowCount?.(result.lastRow !== undefined ? { rows: result.lastRow, exact: true } : { rows: params.startRow + result.rows.length, exact: false });
            },
            (cause: unknown) => {
              params.failCallback();
              onError?.(cause instanceof Error ? cause.message : String(cause));
            },
          );
        },
      };
    },
    [fetchPage, onError, onRowCount],
  );

  useEffect(() => {
    api.current?.setGridOption('datasource', datasource());
  }, [props.queryKey, datasource]);
  useEffect(() => {
    if (props.refreshKey > 0) api.current?.refreshInfiniteCache();
  }, [props.refreshKey]);

  const onGridReady = (event: GridReadyEvent<T>): void => {
    api.current = event.api;
    event.api.setGridOption('datasource', datasource());
  };
  const onCellFocused = (event: CellFocusedEvent<T>): void => {
    if (event.rowIndex === null || event.rowIndex === undefined || event.rowPinned) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node?.data && !node.isSelected()) node.setSelected(true, true);
  };
  const onSelectionChanged = (event: SelectionChangedEvent<T>): void => {
    const [row] = event.api.getSelectedRows();
    if (row) props.onRowSelected?.(row);
  };

  return (
    <div className="archive-grid" aria-label={props.label} role="region">
      <AgGridReact<T>
        theme={gridTheme(props.theme)}
        columnDefs={props.columns}
        rowModelType="infinite"
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        getRowId={(p) => props.rowId(p.data)}
        onGridReady={onGridReady}
        onCellFocused={onCellFocused}
        onSelectionChanged={onSelectionChanged}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        suppressCellFocus={false}
        tooltipShowDelay={400}
      />
    </div>
  );
}
