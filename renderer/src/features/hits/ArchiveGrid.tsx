import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, IDatasource, RowClickedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import '../../grid/register';
import { KeysetSource, type KeysetPage } from '../../grid/keyset-source';
import { gridTheme } from '../../grid/theme';
import type { GridSort } from './columns';

const BLOCK = 100;

/**
 * An infinite-scrolling grid over a keyset-paged archive query. `query` changes (filter or sort)
 * rebuild the cursor chain; `refreshKey` changes (archive.changed) reload what is visible.
 */
export function ArchiveGrid<T>(props: {
  columns: ColDef<T>[];
  fetchPage: (sort: GridSort, after: string | null, limit: number) => Promise<KeysetPage<T>>;
  queryKey: string;
  refreshKey: number;
  theme: 'light' | 'dark';
  rowId: (row: T) => string;
  onRowClicked?: (row: T) => void;
  onError?: (message: string) => void;
  label: string;
}) {
  const api = useRef<GridApi<T> | null>(null);
  const { fetchPage, onError } = props;

  const datasource = useCallback(
    (): IDatasource => {
      let source: KeysetSource<T> | null = null;
      let sortKey = '';
      return {
        getRows: (params) => {
          const sort: GridSort = params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }));
          const key = JSON.stringify(sort);
          if (!source || key !== sortKey) {
            sortKey = key;
            source = new KeysetSource<T>((after, limit) => fetchPage(sort, after, limit), BLOCK);
          }
          source.range(params.startRow, params.endRow).then(
            (result) => params.successCallback([...result.rows], result.lastRow),
            (cause: unknown) => {
              params.failCallback();
              onError?.(cause instanceof Error ? cause.message : String(cause));
            },
          );
        },
      };
    },
    [fetchPage, onError],
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
        onRowClicked={(e: RowClickedEvent<T>) => e.data && props.onRowClicked?.(e.data)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        suppressCellFocus={false}
        tooltipShowDelay={400}
      />
    </div>
  );
}
