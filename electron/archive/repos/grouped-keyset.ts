/**
 * Keyset paging sorted by a small enum column (assignment status): the rows are the concatenation of one
 * keyset-paged query per value, in order, each sorted by an indexed column inside its group. A plain
 * `ORDER BY status, id` would sort a third of a million rows per page; this seeks in (status, submit_time).
 */
import type { SortDirection } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { keysetPage, type KeysetQuery } from './keyset';
import { prepared, type SqlRow } from './statements';

interface GroupCursor {
  readonly c: string;
  readonly d: SortDirection;
  /** The group the next page starts in. */
  readonly g: string;
  /** The cursor inside that group; null = from the group's first row. */
  readonly inner: string | null;
}

const encode = (cursor: GroupCursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decode(text: string, column: string, direction: SortDirection, groups: readonly string[]): GroupCursor {
  let cursor: Partial<GroupCursor>;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<GroupCursor>;
  } catch {
    throw new ArchiveInputError('The page cursor is not one this archive issued; start again from the first page.', 'after');
  }
  if (cursor.c !== column || cursor.d !== direction) {
    throw new ArchiveInputError(
      `The page cursor was made for sorting by ${String(cursor.c)} ${String(cursor.d)}, not ${column} ${direction}; start again from the first page.`,
      'after',
    );
  }
  if (typeof cursor.g !== 'string' || !groups.includes(cursor.g) || !(cursor.inner === null || typeof cursor.inner === 'string')) {
    throw new ArchiveInputError('The page cursor is not one this archive issued; start again from the first page.', 'after');
  }
  return cursor as GroupCursor;
}

export interface GroupedKeysetQuery extends Omit<KeysetQuery, 'column' | 'after'> {
  /** Sort column name as the caller knows it (goes into the cursor). */
  readonly column: string;
  /** The group column's SQL; `baseSql` gets `AND <groupSql> = ?` per group. */
  readonly groupSql: string;
  /** Every value the group column can hold, already narrowed by any filter. */
  readonly groups: readonly string[];
  readonly after: string | null | undefined;
}

export function groupedKeysetPage(db: ReadDb, query: GroupedKeysetQuery): { rows: SqlRow[]; nextCursor: string | null } {
  // Byte order, as SQLite's BINARY collation compares the column.
  const ordered = [...query.groups].sort();
  if (query.direction === 'desc') ordered.reverse();
  const cursor = query.after ? decode(query.after, query.column, query.direction, ordered) : null;
  const start = cursor ? ordered.indexOf(cursor.g) : 0;
  const rows: SqlRow[] = [];
  const pageIn = (group: string, after: string | null, limit: number) =>
    keysetPage(db, {
      ...query,
      baseSql: `${query.baseSql} AND ${query.groupSql} = ?`,
      params: [...query.params, group],
      column: `${query.column}/${group}`,
      after,
      limit,
    });
  const groupHasRows = (group: string): boolean => {
    const sql = `SELECT EXISTS (${query.baseSql} AND ${query.groupSql} = ?) AS found`;
    return (prepared(db, sql).get(...query.params, group) as { found: number }).found === 1;
  };

  for (let i = start; i < ordered.length; i++) {
    const group = ordered[i]!;
    const page = pageIn(group, i === start ? (cursor?.inner ?? null) : null, query.limit - rows.length);
    rows.push(...page.rows);
    if (page.nextCursor) return { rows, nextCursor: encode({ c: query.column, d: query.direction, g: group, inner: page.nextCursor }) };
    if (rows.length === query.limit) {
      const next = ordered.slice(i + 1).find(groupHasRows);
      return { rows, nextCursor: next ? encode({ c: query.column, d: query.direction, g: next, inner: null }) : null };
    }
  }
  return { rows, nextCursor: null };
}
