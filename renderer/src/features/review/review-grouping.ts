import type { ReviewGrouping, ReviewQueueRow } from '../../../../shared/contract/review';

export type GroupRow = Pick<ReviewQueueRow, 'hitId' | 'title' | 'workerId' | 'workerHistory'>;

export function groupKey(row: GroupRow, group: ReviewGrouping): string {
  return group === 'hit' ? row.hitId : row.workerId;
}

/** "12 approved · 3 rejected · 80 % approved by you" — the rate over decided work only; none decided says so. */
export function workerHistoryLabel(history: ReviewQueueRow['workerHistory']): string {
  const decided = history.approved + history.rejected;
  const rate = decided === 0 ? 'nothing decided yet' : `${Math.round((history.approved / decided) * 100)} % approved by you`;
  return `${history.approved} approved · ${history.rejected} rejected · ${rate}`;
}

/** "80 % approved", or "none decided": what fits beside a worker id in the group column. */
export function approvalRateLabel(history: ReviewQueueRow['workerHistory']): string {
  const decided = history.approved + history.rejected;
  return decided === 0 ? 'none decided' : `${Math.round((history.approved / decided) * 100)} % approved`;
}

/** What the group column says on a group's first row: the HIT (title and id), or the worker with their approval rate. */
export function groupLabel(row: GroupRow, group: ReviewGrouping): string {
  return group === 'hit' ? `${row.title} · ${row.hitId}` : `${row.workerId} · ${approvalRateLabel(row.workerHistory)}`;
}

/** The group column's tooltip: for a worker, their whole record with you. */
export function groupTooltip(row: GroupRow, group: ReviewGrouping): string {
  return group === 'hit' ? groupLabel(row, group) : `${row.workerId}: ${workerHistoryLabel(row.workerHistory)}`;
}

/** Whether `row` starts its group (the row before it, when known, belongs to another). */
export function startsGroup(row: GroupRow, previous: GroupRow | null | undefined, group: ReviewGrouping): boolean {
  return !previous || groupKey(previous, group) !== groupKey(row, group);
}

/** G cycles: no grouping → by HIT → by worker → no grouping. */
export function nextGrouping(group: ReviewGrouping | null): ReviewGrouping | null {
  return group === null ? 'hit' : group === 'hit' ? 'worker' : null;
}
