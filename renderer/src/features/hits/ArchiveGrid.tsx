import { AgGridReact } from 'ag-grid-react';
import { GridOverlayText } from '../../components/GridOverlayText';
import type { CellContextMenuEvent, CellFocusedEvent, ColDef, GridApi, GridReadyEvent, IDatasource, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import '../../grid/register';
import { KeysetSource, type KeysetPage } from '../../grid/keyset-source';
import { gridTheme } from '../../grid/theme';
import { gridFiltersFrom, type GridFilters, type GridSort } from './columns';
import type { RowCount } from './row-count';

const BLOCK = 100;

export type { RowCount } from './row-count';

/** Where a context menu opens (viewport pixels). */
export interface MenuPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * An infinite-scrolling grid over a keyset-paged archive query. `query` changes (filter or sort)
 * rebuild the cursor chain; `refreshKey` changes (archive.changed) reload what is visible where it is, rows added
 * above it included.
 * The selected row follows the keyboard: moving the focus to a row selects it.
 * With `multiSelect`, rows also take Ctrl/⌘-click, Shift-click, checkboxes and Ctrl/⌘+A (every loaded row);
 * a right click, the Menu key or Shift+F10 asks for a context menu.
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
  multiSelect?: boolean;
  onSelectionChange?: (rows: readonly T[]) => void;
  onContextMenu?: (at: MenuPoint) => void;
  /** Keys pressed while the focus is in the grid's rows (not its filter inputs); return true when handled. */
  onGridKey?: (event: ReactKeyboardEvent) => boolean;
  /** Each change clears the selection. */
  deselectKey?: number;
  /** Said in the grid when there are no rows (as text); '' shows nothing, where the page says it already. */
  noRowsText: string;
}) {
  const api = useRef<GridApi<T> | null>(null);
  // A pointer press selects through ag-grid's own click rules (Ctrl/Shift); only keyboard focus moves select here.
  const pointerDown = useRef(false);
  const { fetchPage, onError, onRowCount } = props;

  // The cursor chain in use: a refresh restarts it, so rows added above a kept cursor are not skipped.
  const source = useRef<KeysetSource<T> | null>(null);

  const datasource = useCallback(
    (): IDatasource => {
      source.current = null;
      let sourceKey = '';
      return {
        getRows: (params) => {
          const sort: GridSort = params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }));
          const filters = gridFiltersFrom(params.filterModel as Record<string, unknown>);
          const key = JSON.stringify([sort, filters]);
          if (!source.current || key !== sourceKey) {
            sourceKey = key;
            source.current = new KeysetSource<T>((after, limit) => fetchPage(sort, filters, after, limit), BLOCK);
          }
          source.current.range(params.startRow, params.endRow).then(
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
    if (props.refreshKey === 0) return;
    source.current?.restart();
    api.current?.refreshInfiniteCache();
  }, [props.refreshKey]);

  useEffect(() => {
    if (props.deselectKey) api.current?.deselectAll();
  }, [props.deselectKey]);

  const onGridReady = (event: GridReadyEvent<T>): void => {
    api.current = event.api;
    event.api.setGridOption('datasource', datasource());
  };
  const onCellFocused = (event: CellFocusedEvent<T>): void => {
    if (event.rowIndex === null || event.rowIndex === undefined || event.rowPinned) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (!node?.data) return;
    if (props.multiSelect) {
      props.onRowSelected?.(node.data);
      if (pointerDown.current) return;
    }
    if (!node.isSelected()) node.setSelected(true, true);
  };
  const onSelectionChanged = (event: SelectionChangedEvent<T>): void => {
    const rows = event.api.getSelectedRows();
    props.onSelectionChange?.(rows);
    if (rows.length === 1) props.onRowSelected?.(rows[0]!);
  };
  const onCellContextMenu = (event: CellContextMenuEvent<T>): void => {
    const mouse = event.event instanceof MouseEvent ? event.event : null;
    if (!props.multiSelect || !mouse || !event.node.data) return;
    // Like a file manager: right-clicking outside the selection acts on that row alone.
    if (!event.node.isSelected()) event.node.setSelected(true, true);
    props.onContextMenu?.({ x: mouse.clientX, y: mouse.clientY });
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (!props.multiSelect || target.closest('input, textarea, select, .ag-header')) return;
    const grid = api.current;
    if (!grid) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      grid.forEachNode((node) => {
        if (node.data) node.setSelected(true);
      });
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const box = (target.closest('.ag-row') ?? target).getBoundingClientRect();
      props.onContextMenu?.({ x: box.left + 24, y: box.bottom });
    } else if (props.onGridKey?.(event)) {
      event.preventDefault();
    }
  };

  return (
    <div
      className="archive-grid"
      aria-label={props.label}
      role="region"
      onKeyDown={onKeyDown}
      onPointerDownCapture={() => (pointerDown.current = true)}
      onPointerUpCapture={() => setTimeout(() => (pointerDown.current = false))}
    >
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
        onCellContextMenu={onCellContextMenu}
        preventDefaultOnContextMenu={props.multiSelect === true}
        rowSelection={
          props.multiSelect
            ? { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: true }
            : { mode: 'singleRow', checkboxes: false, enableClickSelection: true }
        }
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        suppressCellFocus={false}
        // A dozen columns: every cell of a row stays in the page, so a search or a reader finds the HIT id off to the right.
        suppressColumnVirtualisation
        tooltipShowDelay={400}
        suppressNoRowsOverlay={props.noRowsText === ''}
        noRowsOverlayComponent={GridOverlayText}
        noRowsOverlayComponentParams={{ text: props.noRowsText }}
      />
    </div>
  );
}
