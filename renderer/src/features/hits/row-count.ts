/** How many rows a grid holds: exact once the last page has been read, else a lower bound. */
export interface RowCount {
  readonly rows: number;
  readonly exact: boolean;
}

/** "60 HITs", "1 HIT", or "100+ HITs" while the grid has not reached the last page. */
export function rowCountLabel(count: RowCount, singular: string, plural = `${singular}s`): string {
  const n = count.rows.toLocaleString('en-US');
  if (!count.exact) return `${n}+ ${plural}`;
  return `${n} ${count.rows === 1 ? singular : plural}`;
}
