/** Grid queries over HITs: filtered, sorted, keyset-paged. */
import { HIT_SORT_COLUMNS, type Hit, type HitPageQuery, type HitSortColumn, type Page } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { likePattern } from './assignment-pages';
import { rowToHit } from './hits';
import { keysetPage } from './keyset';

const SORT_SQL: Record<HitSortColumn, string> = {
  creationTime: 'h.creation_time',
  expiration: 'h.expiration',
  status: 'h.status',
  title: 'h.title',
  rewardCents: 'h.reward_cents',
  hitId: 'h.hit_id',
};

/** The columns a HIT search looks in. */
export const SEARCHED_COLUMNS = ['h.title', 'h.requester_annotation', 'h.hit_id', 'h.hit_type_id', 'h.keywords'];

/** A HIT page's conditions so far: the connection, status, type and gone filters, and the checked sort. */
export interface HitConditions {
  readonly sort: NonNullable<HitPageQuery['sort']>;
  readonly clauses: string[];
  readonly params: unknown[];
}

export function hitConditions(query: HitPageQuery): HitConditions {
  const sort = query.sort ?? { column: 'creationTime', direction: 'desc' };
  if (!HIT_SORT_COLUMNS.includes(sort.column)) {
    throw new ArchiveInputError(`HITs cannot be sorted by "${String(sort.column)}".`, 'sort.column');
  }
  const filter = query.filter ?? {};
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
  return { sort, clauses, params };
}

/** One keyset page of HITs under the given conditions. */
export function hitKeysetPage(db: ReadDb, conditions: HitConditions, query: Pick<HitPageQuery, 'after' | 'limit'>): Page<Hit> {
  const { sort, clauses, params } = conditions;
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

export function pageHits(db: ReadDb, query: HitPageQuery): Page<Hit> {
  const conditions = hitConditions(query);
  const text = query.filter?.text?.trim() ?? '';
  if (text !== '') {
    conditions.clauses.push(`(${SEARCHED_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    conditions.params.push(...SEARCHED_COLUMNS.map(() => likePattern(text)));
  }
  return hitKeysetPage(db, conditions, query);
}
