/** How much the archive holds for one connection (the status bar and the sync screen). */
import type { ArchiveCounts } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { prepared } from './statements';

type CountedTable =
  | 'hit_types'
  | 'hits'
  | 'assignments'
  | 'bonuses'
  | 'qualification_types'
  | 'qualification_grants'
  | 'qualification_requests'
  | 'worker_blocks'
  | 'messages'
  | 'workers';

export function countsFor(db: ReadDb, connectionId: number): ArchiveCounts {
  const count = (table: CountedTable): number =>
    (prepared(db, `SELECT COUNT(*) AS n FROM ${table} WHERE connection_id = ?`).get(connectionId) as { n: number }).n;
  return {
    hitTypes: count('hit_types'),
    hits: count('hits'),
    assignments: count('assignments'),
    bonuses: count('bonuses'),
    qualificationTypes: count('qualification_types'),
    qualificationGrants: count('qualification_grants'),
    qualificationRequests: count('qualification_requests'),
    workerBlocks: count('worker_blocks'),
    messages: count('messages'),
    workers: count('workers'),
  };
}
