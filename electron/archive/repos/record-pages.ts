/**
 * Read-only keyset pages of the smaller archive tables the Archive screen's counts open: workers, bonuses,
 * qualification types and worker blocks. Each pages along an index it already has (workers by id, the
 * others newest first by row id), so a page costs an index seek however deep it is.
 */
import type { Bonus, Page, QualificationType, WorkerBlock, WorkerSummary } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { rowToBonus } from './bonuses';
import { keysetPage } from './keyset';
import { rowToQualificationType } from './qualifications';
import { rowToWorkerBlock } from './worker-blocks';
import { rowToWorkerSummary } from './workers';

export interface RecordPageQuery {
  readonly connectionId: number;
  readonly after?: string | null;
  readonly limit: number;
}

export function pageWorkers(db: ReadDb, query: RecordPageQuery): Page<WorkerSummary> {
  // The workers table has no row id; worker_id is unique per connection, so it needs no tie-breaker (a constant).
  const page = keysetPage(db, {
    baseSql: 'SELECT w.*, w.worker_id AS sort_value, 0 AS row_id FROM workers w WHERE w.connection_id = ?',
    params: [query.connectionId],
    sortSql: 'w.worker_id',
    idSql: 'CAST(0 AS INTEGER)', // an expression: a bare 0 in ORDER BY would mean "column 0"
    column: 'workerId',
    direction: 'asc',
    after: query.after,
    limit: query.limit,
  });
  return { rows: page.rows.map(rowToWorkerSummary), nextCursor: page.nextCursor };
}

function newestFirst(table: string, query: RecordPageQuery) {
  return {
    baseSql: `SELECT t.*, t.id AS sort_value, t.id AS row_id FROM ${table} t WHERE t.connection_id = ?`,
    params: [query.connectionId],
    sortSql: 't.id',
    idSql: 't.id',
    column: 'id',
    direction: 'desc' as const,
    after: query.after,
    limit: query.limit,
  };
}

export function pageBonuses(db: ReadDb, query: RecordPageQuery): Page<Bonus> {
  const page = keysetPage(db, newestFirst('bonuses', query));
  return { rows: page.rows.map(rowToBonus), nextCursor: page.nextCursor };
}

export function pageQualificationTypes(db: ReadDb, query: RecordPageQuery): Page<QualificationType> {
  const page = keysetPage(db, newestFirst('qualification_types', query));
  return { rows: page.rows.map(rowToQualificationType), nextCursor: page.nextCursor };
}

export function pageWorkerBlocks(db: ReadDb, query: RecordPageQuery): Page<WorkerBlock> {
  const page = keysetPage(db, newestFirst('worker_blocks', query));
  return { rows: page.rows.map(rowToWorkerBlock), nextCursor: page.nextCursor };
}
