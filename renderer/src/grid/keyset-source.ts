/**
 * Adapts keyset-paged queries (cursor → next page) to a grid that asks for row ranges. The grid asks
 * for blocks mostly in order while scrolling; when it jumps ahead, the missing cursors are fetched in
 * order first (a keyset query cannot skip). After the data changed, `restart()` drops every cursor but the first:
 * rows added above a kept cursor would push rows across it, and the next block would start past them.
 * Pure logic: no DOM, no grid types, unit-tested.
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
  /** Bumped by restart(): answers to requests made before it must not record their (stale) cursors. */
  #generation = 0;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    readonly blockSize: number,
  ) {}

  /** Forgets every cursor but the first, so the next ranges re-walk the chain over the data as it is now. */
  restart(): void {
    this.#generation += 1;
    this.#cursors.length = 1;
    this.#lastRow = undefined;
  }

  async range(startRow: number, endRow: number): Promise<RangeResult<T>> {
    const generation = this.#generation;
    const block = Math.floor(startRow / this.blockSize);
    const limit = Math.max(1, endRow - startRow);
    for (let i = 0; i < block; i++) {
      if (this.#cursors[i + 1] !== undefined) continue;
      const cursor = this.#cursors[i];
      if (cursor === undefined) break;
      const skipped = await this.#fill(cursor, this.blockSize, generation);
      if (skipped === null) return this.range(startRow, endRow);
      this.#record(i, skipped);
      if (skipped.nextCursor === null) return { rows: [], lastRow: this.#lastRow };
    }
    const cursor = this.#cursors[block];
    if (cursor === undefined) return { rows: [], lastRow: this.#lastRow ?? startRow };
    const page = await this.#fill(cursor, limit, generation);
    if (page === null) return this.range(startRow, endRow);
    this.#record(block, page);
    return { rows: page.rows, lastRow: this.#lastRow };
  }

  /**
   * One block's rows from `cursor`. A filtered query may answer a page with fewer rows than asked while its cursor
   * still leads on (it stopped reading, not because the rows ran out); the grid would show the gap as blank rows, so
   * the rest is asked for until the block is full or the rows end. Null when restart() made the answers stale.
   */
  async #fill(cursor: string | null, limit: number, generation: number): Promise<KeysetPage<T> | null> {
    const rows: T[] = [];
    let after = cursor;
    for (;;) {
      const page = await this.fetchPage(after, limit - rows.length);
      if (generation !== this.#generation) return null;
      rows.push(...page.rows);
      if (page.nextCursor === null || rows.length >= limit) return { rows, nextCursor: page.nextCursor };
      after = page.nextCursor;
    }
  }

  #record(block: number, page: KeysetPage<T>): void {
    this.#cursors[block + 1] = page.nextCursor;
    if (page.nextCursor === null) this.#lastRow = block * this.blockSize + page.rows.length;
  }
}
