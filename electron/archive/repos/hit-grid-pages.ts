/**
 * The HITs grid's query: the plain page (hit-pages.ts) plus what the grid adds on top — a filter per
 * column, a search that also finds the HITs a worker id or assignment id belongs to, and a tally of the
 * archived assignments of each HIT on the page (what awaits review vs. what is reviewed).
 */
import type { AssignmentTally } from '../../../shared/contract/browse';
import { HIT_SORT_COLUMNS, type Hit, type HitPageQuery, type HitSortColumn, type Page } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { likePattern } from './assignment-pages';
import { pageHits } from './hit-pages';
import { rowToHit } from './hits';
import { keysetPage } from './keyset';
import { prepared, type SqlRow } from './statements';

/** Case-insensitive "contains" filters, one per text column. */
export interface HitColumnFilters {
  readonly title?: string;
  readonly requesterAnnotation?: string;
  readonly hitId?: string;
  readonly keywords?: string;
}

export type HitGridQuery = Omit<HitPageQuery, 'filter'> & {
  readonly filter?: NonNullable<HitPageQuery['filter']> & { readonly columns?: HitColumnFilters };
};

const COLUMN_SQL: Record<keyof HitColumnFilters, string> = {
  title: 'h.title',
  requesterAnnotation: 'h.requester_annotation',
  hitId: 'h.hit_id',
  keywords: 'h.keywords',
};

const SORT_SQL: Record<HitSortColumn, string> = {
  creationTime: 'h.creation_time',
  expiration: 'h.expiration',
  status: 'h.status',
  title: 'h.title',
  rewardCents: 'h.reward_cents',
  hitId: 'h.hit_id',
};

const SEARCHED_COLUMNS = ['h.title', 'h.requester_annotation', 'h.hit_id', 'h.hit_type_id', 'h.keywords'];

/** Ids are upper case; what was typed may not be. Both spellings hit the (connection, id) indexes. */
const idSpellings = (text: string): [string, string] => [text, text.toUpperCase()];

/** True when the text is exactly a worker id or assignment id in this connection's archive. */
export function isWorkerOrAssignmentId(db: ReadDb, connectionId: number, text: string): boolean {
  const [typed, upper] = idSpellings(text);
  const row = prepared(
    db,
    `SELECT EXISTS (SELECT 1 FROM assignments WHERE connection_id = ? AND worker_id IN (?, ?))
         OR EXISTS (SELECT 1 FROM assignments WHERE connection_id = ? AND assignment_id IN (?, ?)) AS found`,
  ).get(connectionId, typed, upper, connectionId, typed, upper) as { found: number };
  return row.found === 1;
}

function activeColumnFilters(columns: HitColumnFilters | undefined): [keyof HitColumnFilters, string][] {
  return Object.entries(columns ?? {})
    .map(([column, value]) => [column as keyof HitColumnFilters, (value ?? '').trim()] as [keyof HitColumnFilters, string])
    .filter(([column, value]) => value !== '' && column in COLUMN_SQL);
}

export function pageHitGrid(db: ReadDb, query: HitGridQuery): Page<Hit> {
  const filter = query.filter ?? {};
  const columns = activeColumnFilters(filter.columns);
  const text = filter.text?.trim() ?? '';
  const byId = text !== '' && isWorkerOrAssignmentId(db, query.connectionId, text);
  const { columns: _ignored, ...plainFilter } = filter;
  // The common case keeps the plain query and its indexes exactly as they are.
  if (columns.length === 0 && !byId) return pageHits(db, { ...query, filter: plainFilter });

  const sort = query.sort ?? { column: 'creationTime', direction: 'desc' };
  if (!HIT_SORT_COLUMNS.includes(sort.column)) {
    throw new ArchiveInputError(`HITs cannot be sorted by "${String(sort.column)}".`, 'sort.column');
  }
  const clauses = ['h.connection_id = ?'];
  const params: unknown[] = [query.connectionId];
  if (filter.status !== undefined) {
    clauses.push('h.status = ?');
    params.push(filter.status);
  }
  if (filter.hitTypeId !== undefined) {
    clauses.push('h.hit_type_id = ?');
    params.push(filter.hitTypeId);
  }
  if (filter.gone !== undefined) clauses.push(filter.gone ? 'h.remotely_disposed_at IS NOT NULL' : 'h.remotely_disposed_at IS NULL');
  if (text !== '') {
    const alternatives = SEARCHED_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`);
    params.push(...SEARCHED_COLUMNS.map(() => likePattern(text)));
    if (byId) {
      alternatives.push(
        'h.hit_id IN (SELECT hit_id FROM assignments WHERE connection_id = ? AND worker_id IN (?, ?))',
        'h.hit_id IN (SELECT hit_id FROM assignments WHERE connection_id = ? AND assignment_id IN (?, ?))',
      );
      params.push(query.connectionId, ...idSpellings(text), query.connectionId, ...idSpellings(text));
    }
    clauses.push(`(${alternatives.join(' OR ')})`);
  }
  for (const [column, value] of columns) {
    clauses.push(`${COLUMN_SQL[column]} LIKE ? ESCAPE '\\'`);
    params.push(likePattern(value));
  }
  const sortSql = SORT_SQL[sort.column];
  const page = keysetPage(db, {
    baseSql: `SELECT h.*, ${sortSql} AS sort_value, h.id AS row_id FROM hits h WHERE ${clauses.join(' AND ')}`,
    params,
    sortSql,
    idSql: 'h.id',
    column: sort.column,
    direction: sort.direction,
    after: query.after,
    limit: query.limit,
  });
  return { rows: page.rows.map(rowToHit), nextCursor: page.nextCursor };
}

/** Archived assignments of each HIT by status; one indexed query for a whole page of HITs. */
export function tallyAssignments(db: ReadDb, connectionId: number, hitIds: readonly string[]): Map<string, AssignmentTally> {
  const tallies = new Map<string, AssignmentTally>(hitIds.map((id) => [id, { submitted: 0, approved: 0, rejected: 0 }]));
  if (hitIds.length === 0) return tallies;
  const rows = db
    .prepare(
      `SELECT hit_id, status, COUNT(*) AS n FROM assignments INDEXED BY assignments_by_hit
       WHERE connection_id = ? AND hit_id IN (${hitIds.map(() => '?').join(', ')}) GROUP BY hit_id, status`,
    )
    .all(connectionId, ...hitIds) as SqlRow[];
  for (const row of rows) {
    const tally = tallies.get(row.hit_id as string);
    if (!tally) continue;
    const n = row.n as number;
    const status = row.status as string;
    tallies.set(row.hit_id as string, {
      submitted: tally.submitted + (status === 'Submitted' ? n : 0),
      approved: tally.approved + (status === 'Approved' ? n : 0),
      rejected: tally.rejected + (status === 'Rejected' ? n : 0),
    });
  }
  return tallies;
}
