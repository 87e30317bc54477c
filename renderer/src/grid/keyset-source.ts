/**
 * Adapts keyset-paged queries (cursor → next page) to a grid that asks for row ranges. The grid asks
 * for blocks mostly in order while scrolling; when it jumps ahead, the missing cursors are fetched in
 * order first (a keyset query cannot skip). Pure logic: no DOM, no grid types, unit-tested.
 */
export interface KeysetPage<T> {
  readonly rows: readonly T[];
  readonly nextCursor: string | null;
}

export type FetchPage<T> = (after: string | null, limit: number) => Promise<KeysetPage<T>>;

export interface RangeResult<T> {
  readonly rows: readonly T[];
  /** The total row count once the last page has been seen, else undefined (the grid keeps scrolling). */
  readonly lastRow: number | undefined;
}

export class KeysetSource<T> {
  /** cursors[i] is the `after` that fetches block i; block 0 starts at null. */
  readonly #cursors: (string | null | undefined)[] = [null];
  #lastRow: number | undefined;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    readonly blockSize: number,
  ) {}

  async range(startRow: number, endRow: number): Promise<RangeResult<T>> {
    const block = Math.floor(startRow / this.blockSize);
    const limit = Math.max(1, endRow - startRow);
    for (let i = 0; i < block; i++) {
      if (this.#cursors[i + 1] !== undefined) continue;
      const cursor = this.#cursors[i];
      if (cursor === undefined) break;
      const skipped = await this.fetchPage(cursor, this.blockSize);
      this.#record(i, skipped);
      if (skipped.nextCursor === null) return { rows: [], lastRow: this.#lastRow };
    }
    const cursor = this.#cursors[block];
    if (cursor === undefined) return { rows: [], lastRow: this.#lastRow ?? startRow };
    const page = await this.fetchPage(cursor, limit);
    this.#record(block, page);
    return { rows: page.rows, lastRow: this.#lastRow };
  }

  #record(block: number, page: KeysetPage<T>): void {
    this.#cursors[block + 1] = page.nextCursor;
    if (page.nextCursor === null) this.#lastRow = block * this.blockSize + page.rows.length;
  }
}
