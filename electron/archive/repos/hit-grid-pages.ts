/**
 * The HITs grid's query: the plain page (hit-pages.ts) plus what the grid adds on top — a filter per
 * column, a search that also finds the HITs a worker id or assignment id belongs to, and a tally of the
 * archived assignments of each HIT on the page (what awaits review vs. what is reviewed).
 */
import type { AssignmentTally } from '../../../shared/contract/browse';
import type { Hit, HitPageQuery, Page } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { likePattern } from './assignment-pages';
import { hitConditions, hitKeysetPage, pageHits, SEARCHED_COLUMNS } from './hit-pages';
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

  const conditions = hitConditions(query);
  const { clauses, params } = conditions;
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
  return hitKeysetPage(db, conditions, query);
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
