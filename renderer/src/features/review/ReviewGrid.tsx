import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, GridReadyEvent, IDatasource, SuppressKeyboardEventParams } from 'ag-grid-community';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { ReviewGrouping, ReviewQueueRow } from '../../../../shared/contract/review';
import '../../grid/register';
import { formatCents, formatTime } from '../../grid/format';
import { KeysetSource, type FetchPage } from '../../grid/keyset-source';
import { gridTheme } from '../../grid/theme';
import { groupLabel, groupTooltip, startsGroup } from './review-grouping';
import { draftLabel, rangeIndexes, shareLabel } from './review-model';

const BLOCK = 100;

const COLUMNS: ColDef<ReviewQueueRow>[] = [
  { headerName: 'Draft', colId: 'draft', width: 170, valueGetter: (p) => draftLabel(p.data?.draft ?? null), cellClass: (p) => (p.data?.draft ? `review-draft review-draft--${p.data.draft.verdict}` : '') },
  { headerName: 'Auto-approves', colId: 'autoApprovalTime', width: 150, valueGetter: (p) => formatTime(p.data?.autoApprovalTime) },
  { headerName: 'Status', field: 'status', width: 110 },
  { headerName: 'Worker', field: 'workerId', width: 160 },
  { headerName: 'Agrees', colId: 'agreement', width: 90, valueGetter: (p) => shareLabel(p.data?.quality?.agreement), headerTooltip: 'Share of the other workers on this HIT who gave the same labels' },
  { headerName: 'Gold', colId: 'gold', width: 80, valueGetter: (p) => shareLabel(p.data?.quality?.gold), headerTooltip: "Share of this assignment's labels that are right on the HIT's gold columns" },
  { headerName: 'Title', field: 'title', flex: 1, minWidth: 200, tooltipField: 'title' },
  { headerName: 'Reward', colId: 'reward', width: 90, valueGetter: (p) => formatCents(p.data?.rewardCents) },
  { headerName: 'Submitted', colId: 'submitTime', width: 150, valueGetter: (p) => formatTime(p.data?.submitTime) },
  { headerName: 'Assignment', field: 'assignmentId', width: 220 },
  { headerName: 'HIT', field: 'hitId', width: 220 },
];

/**
 * Grouped, the queue leads with the group: named on each group's first row (the HIT, or the worker with their record
 * with you), which also gets a rule above it.
 */
type RowParams = { data?: ReviewQueueRow | undefined; node: { rowIndex: number | null } | null; api: GridApi<ReviewQueueRow> };

function isGroupStart(p: RowParams, group: ReviewGrouping): boolean {
  const index = p.node?.rowIndex ?? null;
  if (!p.data || index === null) return false;
  return startsGroup(p.data, index > 0 ? p.api.getDisplayedRowAtIndex(index - 1)?.data : null, group);
}

function groupColumn(group: ReviewGrouping): ColDef<ReviewQueueRow> {
  const isStart = (p: RowParams) => isGroupStart(p, group);
  return {
    headerName: group === 'hit' ? 'HIT' : 'Worker · approved by you',
    colId: 'group',
    width: group === 'hit' ? 240 : 290,
    pinned: 'left',
    valueGetter: (p) => (p.data && isStart(p) ? groupLabel(p.data, group) : ''),
    tooltipValueGetter: (p) => (p.data ? groupTooltip(p.data, group) : ''),
    cellClass: (p) => (isStart(p) ? 'review-group review-group--start' : 'review-group'),
  };
}

/** Keys the review handles itself; ag-grid must not also act on them. */
const REVIEW_KEYS = new Set(['j', 'k', 'a', 'r', 's', 'u', 'g', 'w', 'b', 'ArrowDown', 'ArrowUp']);
const isReviewKey = (e: KeyboardEvent): boolean => !e.ctrlKey && !e.metaKey && !e.altKey && REVIEW_KEYS.has(e.key.length === 1 ? e.key.toLowerCase() : e.key);

export interface ReviewGridHandle {
  /** The selected rows, or the focused one when nothing is selected. */
  targets(): ReviewQueueRow[];
  /** Moves the focus (and the selection) by `step` rows; with `extend`, the selection grows from its anchor. */
  move(step: number, extend?: boolean): void;
  reload(): void;
}

/**
 * The queue: an infinite grid over `review.queue` pages. Moving by keyboard selects the row it lands on; Shift extends
 * the selection from where it started; Ctrl/⌘/Shift clicks select like a file manager. Review keys go to `onReviewKey`.
 */
export const ReviewGrid = forwardRef<ReviewGridHandle, {
  fetchPage: FetchPage<ReviewQueueRow>;
  group: ReviewGrouping | null;
  queryKey: string;
  theme: 'light' | 'dark';
  onCurrent(row: ReviewQueueRow | null): void;
  onReviewKey(key: string): void;
  onError(message: string): void;
  onSelectionCount(count: number): void;
  /** The queue's length once its last page is known (0 = empty), or null while more pages remain. */
  onRowCount(count: number | null): void;
}>(function ReviewGrid(props, ref) {
  const api = useRef<GridApi<ReviewQueueRow> | null>(null);
  const source = useRef<KeysetSource<ReviewQueueRow> | null>(null);
  const anchor = useRef(0);
  // The first rows to arrive take the focus (unless the requester is already somewhere), so J/K work at once.
  const focusedOnce = useRef(false);
  const { fetchPage, onError, onRowCount } = props;
  const columns = useMemo(() => (props.group ? [groupColumn(props.group), ...COLUMNS] : COLUMNS), [props.group]);

  const datasource = useCallback((): IDatasource => {
    source.current = new KeysetSource<ReviewQueueRow>(fetchPage, BLOCK);
    const chain = source.current;
    return {
      getRows: (params) => {
        chain.range(params.startRow, params.endRow).then(
          (result) => {
            params.successCallback([...result.rows], result.lastRow);
            onRowCount(result.lastRow ?? null);
            if (!focusedOnce.current && params.startRow === 0 && result.rows.length > 0 && document.activeElement === document.body) {
              focusedOnce.current = true;
              focusRow(0, false);
            }
          },
          (cause: unknown) => {
            params.failCallback();
            onError(cause instanceof Error ? cause.message : String(cause));
          },
        );
      },
    };
  }, [fetchPage, onError, onRowCount]);

  useEffect(() => {
    anchor.current = 0;
    api.current?.setGridOption('datasource', datasource());
  }, [props.queryKey, datasource]);

  const focusRow = (index: number, extend: boolean): void => {
    const grid = api.current;
    if (!grid) return;
    const last = grid.getDisplayedRowCount() - 1;
    if (last < 0) return;
    const target = Math.max(0, Math.min(last, index));
    grid.ensureIndexVisible(target);
    grid.setFocusedCell(target, 'draft');
    if (extend) {
      const wanted = new Set(rangeIndexes(anchor.current, target));
      grid.forEachNode((node) => node.setSelected(node.rowIndex !== null && wanted.has(node.rowIndex)));
    } else {
      anchor.current = target;
      grid.getDisplayedRowAtIndex(target)?.setSelected(true, true);
    }
    props.onCurrent(grid.getDisplayedRowAtIndex(target)?.data ?? null);
  };

  useImperativeHandle(ref, () => ({
    targets() {
      const grid = api.current;
      if (!grid) return [];
      const selected = grid.getSelectedRows();
      if (selected.length > 0) return selected;
      const focused = grid.getFocusedCell();
      const row = focused ? grid.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
      return row ? [row] : [];
    },
    move(step, extend = false) {
      const focused = api.current?.getFocusedCell();
      focusRow(focused ? focused.rowIndex + step : 0, extend);
    },
    reload() {
      source.current?.restart();
      api.current?.refreshInfiniteCache();
    },
  }));

  const onGridReady = (event: GridReadyEvent<ReviewQueueRow>): void => {
    api.current = event.api;
    event.api.setGridOption('datasource', datasource());
  };
  const onCellKeyDown = (event: CellKeyDownEvent<ReviewQueueRow>): void => {
    const key = event.event instanceof KeyboardEvent ? event.event : null;
    if (!key || !isReviewKey(key)) return;
    key.preventDefault();
    const name = key.key.length === 1 ? key.key.toLowerCase() : key.key;
    // Move from the grid's focused row, not the event's: keys typed quickly can reach the old cell before the browser
    // has moved its focus to the new one, and each must still move one row on.
    const from = api.current?.getFocusedCell()?.rowIndex ?? event.rowIndex ?? 0;
    if (name === 'j' || name === 'ArrowDown') focusRow(from + 1, key.shiftKey);
    else if (name === 'k' || name === 'ArrowUp') focusRow(from - 1, key.shiftKey);
    else props.onReviewKey(name);
  };

  return (
    <div className="review-grid" role="region" aria-label="Review queue" data-testid="review-grid">
      <AgGridReact<ReviewQueueRow>
        theme={gridTheme(props.theme)}
        columnDefs={columns}
        rowModelType="infinite"
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        getRowId={(p) => p.data.assignmentId}
        getRowClass={(p) => (props.group && isGroupStart(p, props.group) ? 'review-row--group-start' : undefined)}
        onGridReady={onGridReady}
        onCellKeyDown={onCellKeyDown}
        onCellClicked={(event) => {
          if (event.rowIndex === null) return;
          const mouse = event.event instanceof MouseEvent ? event.event : null;
          if (!mouse?.shiftKey) anchor.current = event.rowIndex;
          props.onCurrent(event.data ?? null);
        }}
        onSelectionChanged={(event) => props.onSelectionCount(event.api.getSelectedRows().length)}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: true }}
        defaultColDef={{ resizable: true, sortable: false, suppressHeaderMenuButton: true, suppressKeyboardEvent: (p: SuppressKeyboardEventParams) => isReviewKey(p.event) }}
        // The view says why the queue is empty instead.
        suppressNoRowsOverlay
        // A dozen columns: render them all, so scrolling sideways never shows blank cells.
        suppressColumnVirtualisation
        tooltipShowDelay={400}
      />
    </div>
  );
});
